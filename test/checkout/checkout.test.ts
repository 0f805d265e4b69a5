// Every branch of barcode pay against the training gateway: real HTTP, the real alipay-sdk client,
// a real SQLite journal. The journal must agree with the gateway at the end of each.
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { code, methods, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill;
afterEach(async () => till?.close());

function count(list: string[], method: string): number {
  return list.filter((m) => m === method).length;
}

describe('Checkout.pay against the training gateway', () => {
  it('pays at once: SUCCESS with the trade number and one charge', async () => {
    till = await trainingTill();
    const r = await till.checkout.pay({ amount: '12.34', code: code('00') });
    expect(r.status).toBe('SUCCESS');
    expect(r.amount).toBe('12.34');
    expect(r.tradeNo).toMatch(/^\d{20,}$/);
    expect(r.buyer).toMatch(/\*/);
    expect(r.training).toBe(true);
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(1);
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay']);
    const j = till.journal.getAttempt(r.outTradeNo)!;
    expect(j.state).toBe('SUCCESS');
    expect(j.amountFen).toBe(1234);
    expect(j.codeLast4).toBe('3900');
    expect(j.codeHash).not.toContain('287634438256643900');
    expect(till.journal.events(r.outTradeNo).map((e) => e.type)).toEqual(['created', 'sent', 'paid', 'delivered']);
  });

  it('10003 then paid: shows waiting, polls, and ends SUCCESS', async () => {
    till = await trainingTill({ sim: { paysAfterMs: 500 } });
    const r = await till.checkout.pay({ amount: '8.00', code: code('01') });
    expect(r.status).toBe('SUCCESS');
    expect(till.changes.map((c) => c.state)).toContain('WAITING');
    const m = methods(till.sim, r.outTradeNo);
    expect(m[0]).toBe('alipay.trade.pay');
    expect(count(m, 'alipay.trade.query')).toBeGreaterThanOrEqual(1);
    expect(count(m, 'alipay.trade.cancel')).toBe(0);
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(1);
  });

  it('10003 never paid: cancelled at the wait limit, nothing charged', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 1 } });
    const r = await till.checkout.pay({ amount: '5.00', code: code('02') });
    expect(r.status).toBe('CANCELLED');
    expect(r.cancelAction).toBe('close');
    expect(r.error?.message).toMatch(/did not confirm within 1 s: nothing was charged/);
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(0);
    expect(methods(till.sim, r.outTradeNo).at(-1)).toBe('alipay.trade.cancel');
    const q = await till.gateway.query(r.outTradeNo);
    expect(q.kind === 'status' && q.status).toBe('closed');
  });

  it('the cashier cancels while the customer is confirming: cancelled at the gateway', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 30 } });
    const pending = till.checkout.pay({ amount: '5.00', code: code('02') });
    while (!till.changes.some((c) => c.state === 'WAITING')) await new Promise((r) => setTimeout(r, 10));
    expect(till.checkout.requestCancel()).toBe(true);
    const r = await pending;
    expect(r.status).toBe('CANCELLED');
    expect(r.error?.message).toMatch(/cancelled by the cashier/);
  });

  it('20000 while the trade was in fact paid: SUCCESS via query', async () => {
    till = await trainingTill();
    const r = await till.checkout.pay({ amount: '3.50', code: code('05') });
    expect(r.status).toBe('SUCCESS');
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay', 'alipay.trade.query']);
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(1);
  });

  it('the gateway charges and the connection drops before the answer: SUCCESS via query, exactly one charge', async () => {
    till = await trainingTill();
    const r = await till.checkout.pay({ amount: '99.99', code: code('07') });
    expect(r.status).toBe('SUCCESS');
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(1);
    expect(count(methods(till.sim, r.outTradeNo), 'alipay.trade.pay')).toBe(1);
    const events = till.journal.events(r.outTradeNo);
    expect(events.map((e) => e.type)).toEqual(['created', 'sent', 'outcome-unknown', 'paid', 'delivered']);
  });

  it('an answer slower than the request timeout is unknown, then settled by query', async () => {
    till = await trainingTill({ requestTimeoutMs: 300, sim: { slowAnswerMs: 1500 } });
    const r = await till.checkout.pay({ amount: '1.00', code: code('06') });
    expect(r.status).toBe('SUCCESS');
    const unknown = till.journal.events(r.outTradeNo).find((e) => e.type === 'outcome-unknown');
    expect(unknown?.data.errorCode).toBe('GATEWAY_UNKNOWN_OUTCOME');
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(1);
  });

  it('a forged answer (…08) is never SUCCESS: queried at once, cancelled at once, with the true reason (issue 9 item 3)', async () => {
    // A 60 s wait limit: were the till to wait on the forged answer, it would poll for a minute.
    till = await trainingTill({ checkout: { waitSeconds: 60 } });
    const r = await till.checkout.pay({ amount: '50.00', code: code('08') });
    expect(r.status).toBe('CANCELLED');
    expect(r.cancelAction).toBe('close');
    expect(r.cancelReason).toBe('unverified');
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
    expect(r.error?.message).toMatch(/failed verification.*nothing was charged/);
    expect(r.error?.messageZh).toMatch(/验签.*未扣款/);
    expect(r.error?.message).not.toMatch(/did not confirm/);
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay', 'alipay.trade.query', 'alipay.trade.cancel']);
    const unknown = till.journal.events(r.outTradeNo).find((e) => e.type === 'outcome-unknown');
    expect(unknown?.data.errorCode).toBe('SIGNATURE_INVALID');
    expect(till.journal.events(r.outTradeNo).find((e) => e.type === 'cancel')?.data.reason).toBe('unverified');
    expect(till.journal.getAttempt(r.outTradeNo)).toMatchObject({ state: 'CANCELLED', errorCode: 'SIGNATURE_INVALID', cancelReason: 'unverified' });
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it('an answer whose amount differs from the order (…10) is never SUCCESS: refunded at once, saying why (issue 9 item 3)', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 60 } });
    const r = await till.checkout.pay({ amount: '10.00', code: code('10') });
    expect(r.status).toBe('CANCELLED');
    // The charge it could not vouch for was cancelled, which refunds it.
    expect(r.cancelAction).toBe('refund');
    expect(r.error?.code).toBe('GATEWAY_MISMATCH');
    expect(r.error?.message).toMatch(/did not match the order.*paid and was refunded/);
    expect(r.error?.messageZh).toMatch(/与订单不符.*已全额退回/);
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay', 'alipay.trade.query', 'alipay.trade.cancel']);
    expect(till.journal.getAttempt(r.outTradeNo)).toMatchObject({ errorCode: 'GATEWAY_MISMATCH', cancelReason: 'unverified' });
  });

  it('Esc while trade.pay is in flight (…06): the cancel is journaled at once and sent when the call returns; the paid sale is refunded and said so (issue 9 item 2)', async () => {
    till = await trainingTill({ requestTimeoutMs: 1500, sim: { slowAnswerMs: 5000 }, checkout: { waitSeconds: 60 } });
    const pending = till.checkout.pay({ amount: '3.00', code: code('06') });
    while (!till.sim.requests().some((x) => x.method === 'alipay.trade.pay')) await new Promise((r) => setTimeout(r, 10));
    expect(till.checkout.requestCancel()).toBe(true);
    // Journaled now, while the request is still out: the screen can say "cancel requested, waiting for the answer".
    const no = till.checkout.activeOutTradeNo!;
    expect(till.journal.getAttempt(no)).toMatchObject({ state: 'CANCELLING', cancelReason: 'cashier' });
    expect(till.changes.at(-1)).toMatchObject({ state: 'CANCELLING', cancelReason: 'cashier', payInFlight: true });
    expect(methods(till.sim, no)).toEqual(['alipay.trade.pay']);
    const r = await pending;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelAction: 'refund', cancelReason: 'cashier' });
    expect(r.error?.message).toMatch(/cancelled by the cashier: it had been paid and was refunded in full/);
    expect(methods(till.sim, no)).toEqual(['alipay.trade.pay', 'alipay.trade.cancel']);
    expect(till.journal.events(no).map((e) => e.type)).toEqual(['created', 'sent', 'cancel', 'cancelled']);
    const q = await till.gateway.query(no);
    expect(q.kind === 'status' && q.status).toBe('closed');
  });

  it('Esc while trade.pay is in flight and the pay is declined: FAILED with the decline, no cancel sent', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 60 } });
    const pending = till.checkout.pay({ amount: '3.00', code: code('03') });
    expect(till.checkout.requestCancel()).toBe(true);
    const r = await pending;
    expect(r).toMatchObject({ status: 'FAILED', error: { code: 'PAYMENT_DECLINED' } });
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay']);
  });

  it.each([
    ['03', 'ACQ.BUYER_BALANCE_NOT_ENOUGH', /balance is not enough/],
    ['04', 'ACQ.PAYMENT_AUTH_CODE_INVALID', /refresh the code/],
    ['11', 'ACQ.PAYMENT_REQUEST_HAS_RISK', /pay another way/],
  ])('40004 (code …%s): FAILED with %s and its advice, not retried', async (lastTwo, subCode, advice) => {
    till = await trainingTill();
    const r = await till.checkout.pay({ amount: '20.00', code: code(lastTwo) });
    expect(r.status).toBe('FAILED');
    expect(r.error?.code).toBe('PAYMENT_DECLINED');
    expect(r.error?.details?.subCode).toBe(subCode);
    expect(r.error?.message).toMatch(advice);
    expect(r.error?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(methods(till.sim, r.outTradeNo)).toEqual(['alipay.trade.pay']);
  });

  it('cancel answering retry_flag Y is retried until confirmed', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 1 } });
    const r = await till.checkout.pay({ amount: '6.00', code: code('09') });
    expect(r.status).toBe('CANCELLED');
    expect(count(methods(till.sim, r.outTradeNo), 'alipay.trade.cancel')).toBe(3);
  });

  it('a cancel that never confirms leaves the attempt UNKNOWN, not FAILED, and blocks the next sale', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 1, cancelAttempts: 2 } });
    const r = await till.checkout.pay({ amount: '6.00', code: code('09') });
    expect(r.status).toBe('UNKNOWN');
    expect(r.error?.code).toBe('GATEWAY_UNKNOWN_OUTCOME');
    await expect(till.checkout.pay({ amount: '1.00', code: code('00') })).rejects.toMatchObject({ code: 'ATTEMPT_UNRESOLVED' });
    // The reconciler's pass tries again and settles it.
    const { payments } = await till.checkout.recover();
    expect(payments.map((p) => p.status)).toEqual(['CANCELLED']);
    expect((await till.checkout.pay({ amount: '1.00', code: code('00') })).status).toBe('SUCCESS');
  });

  it('one attempt at a time: a scan during a payment is not a second payment', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 30 } });
    const first = till.checkout.pay({ amount: '5.00', code: code('01') });
    await expect(till.checkout.pay({ amount: '5.00', code: code('00', '2876344382566411') })).rejects.toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    expect((await first).status).toBe('SUCCESS');
    expect(till.sim.requests().filter((x) => x.method === 'alipay.trade.pay')).toHaveLength(1);
  });

  it('an unreachable gateway is UNKNOWN, never FAILED, and recovery settles it later', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 1, cancelAttempts: 1 } });
    const { AlipayGateway } = await import('../../app/gateway/AlipayGateway.ts');
    const { loadTrainingKeys } = await import('../../app/gateway/training/index.ts');
    const { Checkout } = await import('../../app/checkout/Checkout.ts');
    const keys = loadTrainingKeys();
    const dead = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: 'http://127.0.0.1:9/gateway.do', requestTimeoutMs: 500, training: true });
    const offline = new Checkout({ journal: till.journal, gateway: dead, waitSeconds: 1, pollIntervalMs: 100, cancelAttempts: 1 });
    const r = await offline.pay({ amount: '7.00', code: code('00') });
    expect(r.status).toBe('UNKNOWN');
    expect(till.journal.getAttempt(r.outTradeNo)!.state).toBe('UNKNOWN');
    // Back online: the pay request never arrived, so recovery cancels (nothing charged).
    const { payments } = await till.checkout.recover();
    expect(payments).toMatchObject([{ outTradeNo: r.outTradeNo, status: 'CANCELLED' }]);
    expect(till.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it('refuses bad input before writing or sending anything', async () => {
    till = await trainingTill();
    const bad: Array<[Record<string, string>, string]> = [
      [{ amount: '0', code: code('00') }, 'INVALID_AMOUNT'],
      [{ amount: '1.001', code: code('00') }, 'INVALID_AMOUNT'],
      [{ amount: '5', code: '12345' }, 'UNSUPPORTED_CODE'],
      [{ amount: '5', code: '134567890123456789' }, 'PROVIDER_NOT_CONFIGURED'],
    ];
    for (const [input, errorCode] of bad) {
      const e = await till.checkout.pay(input as { amount: string; code: string }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PosError);
      expect((e as PosError).code).toBe(errorCode);
    }
    expect(till.sim.requests()).toEqual([]);
    expect(till.journal.listAttempts({})).toEqual([]);
  });

  it('names WeChat Pay when a WeChat code reaches an Alipay-only till', async () => {
    till = await trainingTill();
    await expect(till.checkout.pay({ amount: '5', code: '134567890123456789' })).rejects.toThrow(/WeChat Pay is not configured/);
  });
});

describe('Checkout.recover', () => {
  it('serves two callers at once with one pass (one cancel at the gateway)', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 1, cancelAttempts: 1 } });
    const r = await till.checkout.pay({ amount: '6.00', code: code('09') });
    expect(r.status).toBe('UNKNOWN');
    const before = methods(till.sim, r.outTradeNo).filter((m) => m === 'alipay.trade.cancel').length;
    const [a, b] = await Promise.all([till.checkout.recover(), till.checkout.recover()]);
    expect(a).toBe(b);
    // One pass, one cancel (the gateway still asks for a retry, so it stays UNKNOWN, not FAILED).
    expect(a.payments.map((p) => p.status)).toEqual(['UNKNOWN']);
    expect(methods(till.sim, r.outTradeNo).filter((m) => m === 'alipay.trade.cancel').length - before).toBe(1);
  });
});

describe('cancel refused by the gateway', () => {
  it('asks what the trade is: a closed trade ends CANCELLED (nothing charged), not UNKNOWN', async () => {
    const { FakeClock } = await import('../fakes/FakeClock.ts');
    const { FakeGateway } = await import('../fakes/FakeGateway.ts');
    const { Checkout } = await import('../../app/checkout/Checkout.ts');
    const { SqliteJournal } = await import('../../app/journal/SqliteJournal.ts');
    const clock = new FakeClock();
    const gateway = new FakeGateway(clock);
    // The buyer closed it on the phone just as the till gave up; then cancel is refused.
    gateway.cancel = async () => ({ kind: 'declined', code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR', message: '交易状态不合法' });
    const journal = new SqliteJournal(':memory:');
    const checkout = new Checkout({ journal, gateway, clock, waitSeconds: 5, cancelAttempts: 2 });
    const origQuery = gateway.query.bind(gateway);
    gateway.query = async (no) => {
      const q = await origQuery(no);
      return clock.now() - journal.getAttempt(no)!.createdAt >= 5000 && q.kind === 'status' ? { ...q, status: 'closed' as const } : q;
    };
    const r = await checkout.pay({ amount: '3.00', code: '287634438256643902' });
    expect(r.status).toBe('CANCELLED');
    expect(r.cancelAction).toBe('none');
  });
});
