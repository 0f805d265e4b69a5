// Two processes on one journal (the screen's till and `pos query` / `pos recover` in a terminal, or
// a reconciler after a restart): found in review, each of these once refunded a sale the journal
// called SUCCESS, or crashed a settle command.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checkout } from '../../app/checkout/Checkout.ts';
import type { Clock } from '../../app/Clock.ts';
import { NO_PROVIDER_LIMITS, type Gateway } from '../../app/gateway/Gateway.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { tempDir } from '../helpers/tempDir.ts';

const CODE = '287634438256643900';

const fastClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  }),
};

/** One trade at a scripted gateway: waiting until told otherwise; cancel refunds a paid trade. */
function scripted() {
  const g = { status: 'waiting' as 'waiting' | 'paid' | 'closed', total: 0, no: '', cancels: [] as string[], firstCancelRetry: false, cancelNotFound: false };
  const trade = () => ({ tradeNo: `T${g.no}`, outTradeNo: g.no, totalFen: g.total });
  const gateway: Gateway = {
    provider: 'alipay',
    training: true,
    rules: NO_PROVIDER_LIMITS,
    async pay(r) { g.no = r.outTradeNo; g.total = r.amountFen; return { kind: 'waiting', tradeNo: `T${g.no}` }; },
    async query() { return { kind: 'status', status: g.status, ...trade() }; },
    async cancel() {
      if (g.cancelNotFound) { g.cancels.push('not-found'); return { kind: 'not-found' }; }
      if (g.firstCancelRetry && g.cancels.length === 0) { g.cancels.push('retry'); return { kind: 'retry', reason: 'ACQ.SYSTEM_ERROR retry_flag Y' }; }
      const action = g.status === 'paid' ? 'refund' : 'close';
      g.status = 'closed';
      g.cancels.push(action);
      return { kind: 'cancelled', action };
    },
    async refund() { throw new Error('not used'); },
    async refundQuery() { throw new Error('not used'); },
  };
  return { g, gateway };
}

function journalWithCancelling(path: string, createdAt: number): void {
  const j = new SqliteJournal(path);
  j.createAttempt({ outTradeNo: 'P1', provider: 'alipay', amountFen: 5000, subject: 's', codeHash: 'h', codeLast4: '3900', training: true, createdAt }, { sending: true });
  j.recordTransition('P1', 'SENT', { type: 'waiting' }, {}, Date.now());
  j.recordTransition('P1', 'WAITING', { type: 'cancel' }, {}, Date.now()); // killed after the cancel went out
  j.close();
}

describe('two processes on one journal', () => {
  it('a query during the reconciler\'s cancel does not record SUCCESS that the cancel then refunds', async () => {
    const path = join(tempDir(), 'j.db');
    const { g, gateway } = scripted();
    journalWithCancelling(path, Date.now() - 120_000);
    g.no = 'P1'; g.total = 5000; g.status = 'paid'; // the customer confirmed meanwhile
    g.firstCancelRetry = true;
    const journal = new SqliteJournal(path);
    const reconciler = new Checkout({ journal, gateway, clock: fastClock, cancelRetryDelayMs: 200 });
    const recovering = reconciler.recover();
    await new Promise((r) => setTimeout(r, 50));
    const terminal = new Checkout({ journal: new SqliteJournal(path), gateway, clock: fastClock });
    const q = await terminal.query('P1');
    expect(q.status).toBe('UNKNOWN'); // still being cancelled: the query reports, it does not decide
    await recovering;
    expect(g.cancels).toEqual(['retry', 'refund']);
    expect(journal.getAttempt('P1')).toMatchObject({ state: 'CANCELLED', cancelAction: 'refund' });
  });

  it('another process\'s query reports on a live payment without recording; a cancel after SUCCESS sends nothing', async () => {
    const path = join(tempDir(), 'j.db');
    const { g, gateway } = scripted();
    const screen = new Checkout({ journal: new SqliteJournal(path), gateway, clock: fastClock, pollIntervalMs: 200, waitSeconds: 60 });
    const terminal = new Checkout({ journal: new SqliteJournal(path), gateway, clock: fastClock });
    const paying = screen.pay({ amount: '50.00', code: CODE });
    await new Promise((r) => setTimeout(r, 50));
    g.status = 'paid';
    // The screen's process holds the lease: the terminal says what Alipay says and leaves it.
    const q = await terminal.query(g.no);
    expect(q).toMatchObject({ gatewayStatus: 'paid', status: 'UNKNOWN', heldElsewhere: { pid: process.pid } });
    const r = await paying;
    expect(r.status).toBe('SUCCESS');
    expect(screen.requestCancel()).toBe(false);
    expect(g.cancels).toEqual([]);
  });

  it('pos query on an attempt whose cancel was sent and whose trade is closed does not crash', async () => {
    const path = join(tempDir(), 'j.db');
    const { g, gateway } = scripted();
    journalWithCancelling(path, Date.now());
    g.no = 'P1'; g.total = 5000; g.status = 'closed';
    const terminal = new Checkout({ journal: new SqliteJournal(path), gateway, clock: fastClock });
    await expect(terminal.query('P1')).resolves.toMatchObject({ gatewayStatus: 'closed', status: 'UNKNOWN' });
    // The recovery pass settles it through the cancel's own (idempotent) answer.
    const { payments } = await terminal.recover();
    expect(payments).toMatchObject([{ outTradeNo: 'P1', status: 'CANCELLED' }]);
  });

  it('an UNKNOWN attempt found closed after our own cancel is CANCELLED, not "closed unpaid"', async () => {
    const path = join(tempDir(), 'j.db');
    const { g, gateway } = scripted();
    journalWithCancelling(path, Date.now());
    const j = new SqliteJournal(path);
    j.recordTransition('P1', 'CANCELLING', { type: 'unresolved' }, {}, Date.now());
    g.no = 'P1'; g.total = 5000; g.status = 'closed';
    const r = await new Checkout({ journal: j, gateway, clock: fastClock }).query('P1');
    expect(r).toMatchObject({ status: 'CANCELLED', cancelAction: 'unknown' });
    expect(r.error?.message).toMatch(/if it had been paid, the cancel refunded it/);
  });

  it('a cancel answering "no such trade" is not taken as "nothing charged" while a late pay could still arrive', async () => {
    const path = join(tempDir(), 'j.db');
    const { g, gateway } = scripted();
    g.cancelNotFound = true;
    journalWithCancelling(path, Date.now());
    const j = new SqliteJournal(path);
    const early = await new Checkout({ journal: j, gateway, clock: fastClock, cancelAttempts: 2, cancelRetryDelayMs: 10 }).recover();
    expect(early.payments).toMatchObject([{ status: 'UNKNOWN' }]);
    // Six minutes later (timeout_express 5m + a minute) the same answer means nothing was charged.
    const later: Clock = { now: () => Date.now() + 6 * 60_000 + 1000, sleep: fastClock.sleep };
    const settled = await new Checkout({ journal: j, gateway, clock: later, cancelAttempts: 1 }).recover();
    expect(settled.payments).toMatchObject([{ status: 'CANCELLED', cancelAction: 'none' }]);
  });
});

describe('refunds from two processes', () => {
  it('never writes a settled refund over, and numbers refunds inside the transaction', () => {
    const j = new SqliteJournal(':memory:');
    j.createAttempt({ outTradeNo: 'P9', provider: 'alipay', amountFen: 1000, subject: 's', codeHash: 'h', codeLast4: '0000', training: true, createdAt: Date.now() }, { sending: true });
    j.recordTransition('P9', 'SENT', { type: 'paid' }, { tradeNo: 'T9' }, Date.now());
    const a = j.createRefund({ outRequestNo: (n) => `P9R${n}`, outTradeNo: 'P9', amountFen: 100, createdAt: Date.now() });
    const b = j.createRefund({ outRequestNo: (n) => `P9R${n}`, outTradeNo: 'P9', amountFen: 100, createdAt: Date.now() });
    expect([a.outRequestNo, b.outRequestNo]).toEqual(['P9R1', 'P9R2']);
    j.updateRefund('P9R1', 'SUCCESS', {}, Date.now());
    expect(j.updateRefund('P9R1', 'UNKNOWN', { errorCode: 'GATEWAY_UNKNOWN_OUTCOME' }, Date.now()).state).toBe('SUCCESS');
  });
});
