// Issue 8 items 1–4 with real `pos` processes on one data folder, against the training gateway in
// this process. Its timing hooks (beforeHandle / beforeAnswer) hold a request before it reaches
// the gateway or hold an answer back, so each race happens at the moment the test chooses.
import { afterEach, describe, expect, it } from 'vitest';
import { pos, startPos } from '../helpers/runPos.ts';
import { gate, posTill, until, type PosTill } from '../helpers/posTill.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let till: PosTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const methodsOf = (t: PosTill, no?: string) => t.sim.requests().filter((r) => no === undefined || r.outTradeNo === no).map((r) => r.method);

describe('two pos processes on one data folder', () => {
  it('item 1: a query answered "paid" after the other process journaled CANCELLING is not recorded; the cancel refunds it and the journal says so', async () => {
    // pollIntervalMs 10000 > waitSeconds: the paying process sends no query of its own, so every
    // query the gateway sees is the second process's.
    // requestTimeoutMs 60 s: the held requests must not time out while the second process starts.
    till = await posTill(tempDir('till-x1-'), { waitSeconds: 5, pollIntervalMs: 10_000, requestTimeoutMs: 60_000 });
    const t = till;
    const cancelArrived = gate();
    const queryHandled = gate();
    t.hooks = {
      // The cancel (sent after A journaled CANCELLING) is handled only once B's query has read the
      // trade as paid; B's answer is sent only once the cancel has arrived. Whatever order the two
      // processes start in, B's "paid" comes back after A's decision to cancel.
      beforeHandle: async (c) => {
        if (c.method === 'alipay.trade.cancel') {
          cancelArrived.open();
          await queryHandled.opened;
        }
      },
      beforeAnswer: async (c) => {
        if (c.method === 'alipay.trade.query') {
          queryHandled.open();
          await cancelArrived.opened;
        }
      },
    };
    // …09: the first two cancels answer retry_flag Y, so the refunding cancel comes late.
    const a = startPos(['pay', '--config', t.config, '--json', '--amount', '7.00', '--code', code('09')]);
    const pay = await t.seen((c) => c.method === 'alipay.trade.pay');
    const no = pay.outTradeNo!;
    await until(() => methodsOf(t, no).includes('alipay.trade.pay'), 'the pay request');
    expect(t.sim.simulateBuyerConfirms(no)).toBe(true); // the customer confirms while the till waits
    const b = await pos(['query', '--config', t.config, '--json', '--out-trade-no', no]);
    const ra = await a.done;
    expect(b.json).toMatchObject({ status: 'UNKNOWN', outTradeNo: no });
    expect(b.stderr).not.toMatch(/Error/);
    expect(ra.code).toBe(1);
    expect(ra.json).toMatchObject({ status: 'CANCELLED', outTradeNo: no, cancelAction: 'refund' });
    const j = t.journal();
    expect(j.getAttempt(no)).toMatchObject({ state: 'CANCELLED', cancelAction: 'refund' });
    expect(j.events(no).map((e) => e.type)).not.toContain('paid');
    j.close();
    const q = await pos(['query', '--config', t.config, '--json', '--out-trade-no', no]);
    expect(q.json).toMatchObject({ status: 'CANCELLED' }); // the gateway agrees: closed, refunded
  }, 120_000);

  it('item 2: a process whose lease lapsed (stopped) and was taken over follows the new owner at its wait limit: no crash, no second decision', async () => {
    till = await posTill(tempDir('till-x2-'), { waitSeconds: 5, pollIntervalMs: 300, requestTimeoutMs: 3000, leaseMs: 1000 });
    const t = till;
    const a = startPos(['pay', '--config', t.config, '--json', '--amount', '4.00', '--code', code('09')]);
    const firstQuery = await t.seen((c) => c.method === 'alipay.trade.query');
    const no = firstQuery.outTradeNo!;
    a.child.kill('SIGSTOP'); // a laptop lid closed, a debugger, a swapped-out process
    await until(() => { const j = t.journal(); const x = j.getAttempt(no)!; j.close(); return (x.leaseExpiresAt ?? 0) < Date.now(); }, 'the lease to lapse');
    const b = startPos(['recover', '--config', t.config, '--json']);
    // B has taken over and is cancelling (…09: its cancel needs retries) when A wakes up.
    await until(() => { const j = t.journal(); const x = j.getAttempt(no)!; j.close(); return x.state === 'CANCELLING'; }, 'the new owner to decide the cancel');
    a.child.kill('SIGCONT');
    const ra = await a.done;
    const rb = await b.done;
    expect(ra.stderr).not.toMatch(/BugError|cannot go from/);
    expect(ra.json).toMatchObject({ outTradeNo: no });
    // Woken after the new owner took over: it reports what the journal says (and who is settling it).
    if (ra.json!.status === 'UNKNOWN') expect(ra.json).toMatchObject({ state: 'CANCELLING', heldElsewhere: { pid: b.child.pid } });
    else expect(ra.json).toMatchObject({ status: 'CANCELLED' });
    expect(rb.code).toBe(0);
    expect(rb.json).toMatchObject({ payments: [{ outTradeNo: no, status: 'CANCELLED' }] });
    const j = t.journal();
    expect(j.getAttempt(no)!.state).toBe('CANCELLED');
    const events = j.events(no).map((e) => e.type);
    expect(events.filter((e) => e === 'cancel')).toHaveLength(1); // one decision, by the owner
    expect(events).toContain('lease-taken');
    j.close();
    expect(t.sim.chargeCount(no)).toBe(0);
  }, 120_000);

  it('item 3: recovery in a second process leaves a live payment alone, even before its request reached the gateway', async () => {
    // requestTimeoutMs 60 s: the held pay must not time out while the other processes start.
    till = await posTill(tempDir('till-x3-'), { waitSeconds: 5, pollIntervalMs: 300, requestTimeoutMs: 60_000 });
    const t = till;
    const release = gate();
    t.hooks = { beforeHandle: async (c) => { if (c.method === 'alipay.trade.pay') await release.opened; } };
    const a = startPos(['pay', '--config', t.config, '--json', '--amount', '6.00', '--code', code('00')]);
    const pay = await t.seen((c) => c.method === 'alipay.trade.pay'); // on its way, not yet at Alipay
    const b = await pos(['recover', '--config', t.config, '--json']);
    expect(b.code).toBe(0);
    expect(b.json).toMatchObject({ payments: [], held: [{ outTradeNo: pay.outTradeNo, heldElsewhere: { pid: a.child.pid } }] });
    const c = await pos(['pay', '--config', t.config, '--json', '--amount', '1.00', '--code', code('00', '2876344382566440')]);
    expect(c.code).toBe(2);
    expect(c.json).toMatchObject({ refused: true, error: { code: 'ATTEMPT_UNRESOLVED' } });
    expect(String((c.json!.error as { message: string }).message)).toMatch(new RegExp(`being settled by another process \\(pid ${a.child.pid}\\)`));
    expect(t.sim.requests()).toEqual([]); // neither sent anything: no query, no cancel
    release.open();
    const ra = await a.done;
    expect(ra.code).toBe(0);
    expect(ra.json).toMatchObject({ status: 'SUCCESS', outTradeNo: pay.outTradeNo });
    expect(methodsOf(t)).toEqual(['alipay.trade.pay']);
    expect(t.sim.chargeCount(pay.outTradeNo!)).toBe(1);
  }, 120_000);

  it('item 4: pos pay killed while the buyer confirms, then a re-scan: recovery finds it paid and the new code is not charged without --after-recovered', async () => {
    till = await posTill(tempDir('till-x4-'), { waitSeconds: 20, pollIntervalMs: 300, requestTimeoutMs: 3000 }, { paysAfterMs: 1500 });
    const t = till;
    const a = startPos(['pay', '--config', t.config, '--json', '--amount', '8.88', '--code', code('01')]);
    const q = await t.seen((c) => c.method === 'alipay.trade.query');
    a.child.kill('SIGKILL');
    await a.done;
    const first = q.outTradeNo!;
    await until(() => t.sim.chargeCount(first) === 1, 'the buyer to confirm');
    const again = await pos(['pay', '--config', t.config, '--json', '--amount', '8.88', '--code', code('00', '2876344382566441')]);
    expect(again.code).toBe(2);
    expect(again.json).toMatchObject({ refused: true, error: { code: 'RECOVERED_PAID', details: { recovered: [{ outTradeNo: first, amount: '8.88' }] } } });
    expect(String((again.json!.error as { message: string }).message)).toMatch(new RegExp(`${first} \\(¥8\\.88\\) PAID`));
    expect(methodsOf(t).filter((m) => m === 'alipay.trade.pay')).toHaveLength(1); // the second code was never sent
  }, 120_000);

  it('item 4: --after-recovered is the cashier saying "a different customer": it charges after recovery found a payment paid', async () => {
    till = await posTill(tempDir('till-x4b-'), { waitSeconds: 20, pollIntervalMs: 300, requestTimeoutMs: 3000 }, { paysAfterMs: 1500 });
    const t = till;
    const b = startPos(['pay', '--config', t.config, '--json', '--amount', '2.00', '--code', code('01', '2876344382566443')]);
    const q2 = await t.seen((c) => c.method === 'alipay.trade.query');
    b.child.kill('SIGKILL');
    await b.done;
    await until(() => t.sim.chargeCount(q2.outTradeNo!) === 1, 'the buyer to confirm');
    const go = await pos(['pay', '--config', t.config, '--json', '--after-recovered', '--amount', '5.00', '--code', code('00', '2876344382566444')]);
    expect(go.code).toBe(0);
    expect(go.json).toMatchObject({ status: 'SUCCESS', amount: '5.00' });
    expect(go.stdout + go.stderr).not.toMatch(/RECOVERED_PAID/);
  }, 120_000);
});
