// The JournalStore port's contract: what Checkout, refunds and reports rely on, run against each
// way the journal can be opened.
import { describe, expect, it } from 'vitest';
import type { JournalStore, NewAttempt } from '../../app/journal/JournalStore.ts';

const T0 = Date.parse('2026-11-22T10:00:00+08:00');

function attempt(n: number, over: Partial<NewAttempt> = {}): NewAttempt {
  return { outTradeNo: `P${n}`, provider: 'alipay', amountFen: 100 * n, subject: 's', codeHash: 'h', codeLast4: '1234', training: false, createdAt: T0 + n, ...over };
}

function settle(j: JournalStore, no: string, paid: boolean, at = T0, paidAt?: string): void {
  const a = j.recordTransition(no, 'CREATED', { type: 'sent' }, {}, at);
  j.recordTransition(no, a.state, { type: paid ? 'paid' : 'declined' }, paid ? { tradeNo: `T${no}`, ...(paidAt ? { paidAt } : {}) } : { errorCode: 'PAYMENT_DECLINED' }, at);
}

export function describeJournalContract(name: string, make: () => JournalStore): void {
  describe(`JournalStore contract: ${name}`, () => {
    it('writes the attempt and its first step in one go when asked, and refuses a second open attempt', () => {
      const j = make();
      expect(j.createAttempt(attempt(1), { sending: true }).state).toBe('SENT');
      expect(j.events('P1').map((e) => e.type)).toEqual(['created', 'sent']);
      expect(() => j.createAttempt(attempt(2))).toThrow(/P1 is SENT/);
      expect(j.unresolvedAttempts().map((a) => a.outTradeNo)).toEqual(['P1']);
      j.close();
    });
  it('lists a recent SUCCESS nobody delivered or acknowledged, until one of them is noted (issue 8 item 4)', () => {
    const j = make();
    j.createAttempt(attempt(1));
    settle(j, 'P1', true, T0 + 10);
    j.createAttempt(attempt(2));
    settle(j, 'P2', true, T0 + 20);
    j.createAttempt(attempt(3));
    settle(j, 'P3', false, T0 + 30);
    expect(j.unseenPaid(T0, false).map((a) => a.outTradeNo)).toEqual(['P1', 'P2']);
    expect(j.unseenPaid(T0 + 15, false).map((a) => a.outTradeNo)).toEqual(['P2']);
    expect(j.unseenPaid(T0, true)).toEqual([]);
    j.note('P1', 'delivered', T0 + 40);
    j.note('P2', 'acknowledged', T0 + 40, { by: 'refuse-once' });
    expect(j.unseenPaid(T0, false)).toEqual([]);
    expect(j.events('P2').at(-1)).toMatchObject({ type: 'acknowledged', data: { by: 'refuse-once' } });
    expect(j.getAttempt('P2')!.state).toBe('SUCCESS');
    j.close();
  });
  it('refuses an illegal or stale transition and changes nothing', () => {
    const j = make();
    j.createAttempt(attempt(1));
    expect(() => j.recordTransition('P1', 'CREATED', { type: 'paid' }, {}, T0)).toThrow(/cannot go from CREATED/);
    j.recordTransition('P1', 'CREATED', { type: 'sent' }, {}, T0);
    expect(() => j.recordTransition('P1', 'CREATED', { type: 'sent' }, {}, T0)).toThrow(/changed under us/);
    expect(j.getAttempt('P1')!.state).toBe('SENT');
    expect(j.events('P1')).toHaveLength(2);
    j.close();
  });

  it('reports a day by provider and status, with refunds and net, training kept apart', () => {
    const j = make();
    j.createAttempt(attempt(1)); settle(j, 'P1', true);          // 1.00 paid
    j.createAttempt(attempt(2)); settle(j, 'P2', false);         // 2.00 failed
    j.createAttempt(attempt(3)); settle(j, 'P3', true);          // 3.00 paid
    j.createAttempt(attempt(4, { training: true })); settle(j, 'P4', true);
    j.createAttempt(attempt(5, { createdAt: T0 + 86_400_000 })); settle(j, 'P5', true, T0 + 86_400_000); // next day
    j.createRefund({ outRequestNo: 'P3R1', outTradeNo: 'P3', amountFen: 50, createdAt: T0 });
    j.updateRefund('P3R1', 'SUCCESS', {}, T0);
    j.createRefund({ outRequestNo: 'P1R1', outTradeNo: 'P1', amountFen: 10, createdAt: T0 });
    j.updateRefund('P1R1', 'FAILED', { errorCode: 'REFUND_DECLINED' }, T0);
    const r = j.report('2026-11-22', false);
    expect(r.rows).toEqual([
      { provider: 'alipay', state: 'FAILED', count: 1, amountFen: 200 },
      { provider: 'alipay', state: 'SUCCESS', count: 2, amountFen: 400 },
    ]);
    expect(r.paid).toEqual({ count: 2, amountFen: 400 });
    expect(r.refunds).toEqual({ count: 1, amountFen: 50 });
    expect(r.netFen).toBe(350);
    expect(j.report('2026-11-22', true).paid).toEqual({ count: 1, amountFen: 400 });
    expect(j.report('2026-11-23', false).paid).toEqual({ count: 1, amountFen: 500 });
    j.close();
  });

  it('counts unconfirmed refunds as spent when checking what is left', () => {
    const j = make();
    j.createAttempt(attempt(3)); settle(j, 'P3', true);
    j.createRefund({ outRequestNo: 'A', outTradeNo: 'P3', amountFen: 200, createdAt: T0 });
    j.updateRefund('A', 'UNKNOWN', {}, T0);
    expect(() => j.createRefund({ outRequestNo: 'B', outTradeNo: 'P3', amountFen: 101, createdAt: T0 })).toThrow(/101 fen asked, 100 fen left/);
    j.close();
  });

  it('closes a day once with a Z number in sequence, keeping the totals as they were', () => {
    const j = make();
    j.createAttempt(attempt(1)); settle(j, 'P1', true);
    const z1 = j.closeDay('2026-11-22', false, T0 + 10);
    expect(z1).toMatchObject({ zNumber: 1, firstClose: true, report: { netFen: 100 } });
    j.createAttempt(attempt(2)); settle(j, 'P2', true); // a late sale the same day
    const again = j.closeDay('2026-11-22', false, T0 + 20);
    expect(again).toMatchObject({ zNumber: 1, firstClose: false, closedAt: T0 + 10, report: { netFen: 100 } });
    expect(j.report('2026-11-22', false).netFen).toBe(300);
    expect(j.closeDay('2026-11-23', false, T0 + 30).zNumber).toBe(2);
    expect(j.closeDay('2026-11-22', true, T0 + 30).zNumber).toBe(1); // training keeps its own sequence
    j.close();
  });

  it('books a sale after a Z into the next business period: the Z, its reprint and the period report agree (issue 8 item 6)', () => {
    const j = make();
    j.createAttempt(attempt(1)); settle(j, 'P1', true);
    const z1 = j.closeDay('2026-11-22', false, T0 + 10);
    expect(j.periodReport(false, 1)).toMatchObject({ period: 1, closed: { zNumber: 1 }, paid: { amountFen: 100 }, netFen: 100 });
    j.createAttempt(attempt(2)); settle(j, 'P2', true, T0 + 20); // after the Z, same calendar day
    expect(j.getAttempt('P2')!.period).toBe(2);
    expect(j.closeDay('2026-11-22', false, T0 + 30)).toMatchObject({ zNumber: 1, firstClose: false, report: z1.report });
    expect(j.periodReport(false, 1).netFen).toBe(z1.report.netFen);
    expect(j.periodReport(false)).toMatchObject({ period: 2, closed: null, since: T0 + 10, paid: { count: 1, amountFen: 200 } });
    const z2 = j.closeDay('2026-11-23', false, T0 + 86_400_000);
    expect(z2).toMatchObject({ zNumber: 2, firstClose: true, report: { paid: { amountFen: 200 }, netFen: 200 } });
    j.close();
  });

  it('books a refund into the period open when it is confirmed, not the sale\'s', () => {
    const j = make();
    j.createAttempt(attempt(3)); settle(j, 'P3', true);
    j.closeDay('2026-11-22', false, T0 + 10);
    j.createRefund({ outRequestNo: 'P3R1', outTradeNo: 'P3', amountFen: 100, createdAt: T0 + 20 });
    expect(j.updateRefund('P3R1', 'SUCCESS', {}, T0 + 20).period).toBe(2);
    expect(j.periodReport(false)).toMatchObject({ period: 2, paid: { amountFen: 0 }, refunds: { count: 1, amountFen: 100 }, netFen: -100 });
    j.close();
  });

  it('refuses a Z while a payment or a refund is unresolved, and closes once it is settled', () => {
    const j = make();
    j.createAttempt(attempt(1), { sending: true });
    expect(() => j.closeDay('2026-11-22', false, T0 + 10)).toThrow(/not settled yet/);
    expect(j.periodReport(false).unresolved).toBe(1);
    j.recordTransition('P1', 'SENT', { type: 'paid' }, { tradeNo: 'T1' }, T0 + 5);
    j.createRefund({ outRequestNo: 'P1R1', outTradeNo: 'P1', amountFen: 50, createdAt: T0 + 6 });
    expect(() => j.closeDay('2026-11-22', false, T0 + 10)).toThrow(/not settled yet/);
    j.updateRefund('P1R1', 'SUCCESS', {}, T0 + 7);
    expect(j.closeDay('2026-11-22', false, T0 + 10)).toMatchObject({ zNumber: 1, report: { netFen: 50, unresolved: 0 } });
    j.close();
  });

  it('books a sale created before midnight and paid after it on the payment day (as Alipay\'s bill does)', () => {
    const j = make();
    const lateEvening = Date.parse('2026-11-22T23:59:50+08:00');
    j.createAttempt(attempt(1, { createdAt: lateEvening }));
    expect(j.getAttempt('P1')!.day).toBe('2026-11-22');
    settle(j, 'P1', true, lateEvening + 15_000, '2026-11-23 00:00:04');
    expect(j.getAttempt('P1')).toMatchObject({ day: '2026-11-23', period: 1, bookedAt: lateEvening + 15_000 });
    expect(j.report('2026-11-23', false).paid.amountFen).toBe(100);
    expect(j.report('2026-11-22', false).paid.amountFen).toBe(0);
    j.close();
  });

  it('leases: taken with the attempt, renewed only by its owner, taken over by compare-and-set', () => {
    const j = make();
    const a = j.createAttempt(attempt(1), { sending: true, lease: { owner: 'A', expiresAt: T0 + 100 } });
    expect(a).toMatchObject({ leaseOwner: 'A', leaseExpiresAt: T0 + 100 });
    expect(j.renewLease('P1', { owner: 'A', expiresAt: T0 + 200 })).toBe(true);
    expect(j.renewLease('P1', { owner: 'B', expiresAt: T0 + 300 })).toBe(false);
    // B decided from a stale view of the lease: refused.
    expect(j.takeLease('P1', { owner: 'B', expiresAt: T0 + 400 }, { owner: 'A', expiresAt: T0 + 100 }, T0 + 250)).toBe(false);
    expect(j.takeLease('P1', { owner: 'B', expiresAt: T0 + 400 }, { owner: 'A', expiresAt: T0 + 200 }, T0 + 250)).toBe(true);
    expect(j.getAttempt('P1')).toMatchObject({ leaseOwner: 'B', leaseExpiresAt: T0 + 400 });
    expect(j.renewLease('P1', { owner: 'A', expiresAt: T0 + 500 })).toBe(false);
    expect(j.events('P1').filter((e) => e.type === 'lease-taken').map((e) => e.data)).toEqual([{ owner: 'B', from: 'A', lapsedAt: T0 + 200 }]);
    j.releaseLease('P1', 'A'); // not A's any more: nothing changes
    expect(j.getAttempt('P1')!.leaseOwner).toBe('B');
    j.releaseLease('P1', 'B');
    expect(j.getAttempt('P1')).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    expect(j.takeLease('P1', { owner: 'C', expiresAt: T0 + 600 }, null, T0 + 300)).toBe(true);
    j.close();
  });
  });
}
