// Refunds against the training gateway: the out_request_no is journaled first and reused on retry.
import { afterEach, describe, expect, it } from 'vitest';
import { code, methods, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill;
afterEach(async () => till?.close());

async function paid(amount = '30.00'): Promise<string> {
  const r = await till.checkout.pay({ amount, code: code('00') });
  expect(r.status).toBe('SUCCESS');
  return r.outTradeNo;
}

describe('Checkout.refund', () => {
  it('refunds in parts, each with its own out_request_no, confirmed by the refund query', async () => {
    till = await trainingTill();
    const no = await paid('30.00');
    const first = await till.checkout.refund(no, '10.00');
    expect(first).toMatchObject({ status: 'SUCCESS', amount: '10.00', refundedTotal: '10.00', left: '20.00', outRequestNo: `${no}R1` });
    const second = await till.checkout.refund(no, '20.00');
    expect(second).toMatchObject({ status: 'SUCCESS', refundedTotal: '30.00', left: '0.00', outRequestNo: `${no}R2` });
    const m = methods(till.sim, no);
    expect(m.filter((x) => x === 'alipay.trade.refund')).toHaveLength(2);
    expect(m.filter((x) => x === 'alipay.trade.fastpay.refund.query')).toHaveLength(2);
    const q = await till.gateway.query(no);
    expect(q.kind === 'status' && q.status).toBe('closed');
    expect(till.journal.report(till.journal.getAttempt(no)!.day, true)).toMatchObject({ paid: { amountFen: 3000 }, refunds: { count: 2, amountFen: 3000 }, netFen: 0 });
  });

  it("keeps the cashier's reason with the refund and sends it on every try (issue 9 item 13)", async () => {
    till = await trainingTill();
    const no = await paid('12.00');
    const sent: Array<string | undefined> = [];
    const refund = till.gateway.refund.bind(till.gateway);
    till.gateway.refund = (req) => {
      sent.push(req.reason);
      return refund(req);
    };
    const r = await till.checkout.refund(no, '2.00', { reason: '商品质量问题\n' });
    expect(r.status).toBe('SUCCESS');
    expect(sent).toEqual(['商品质量问题']);
    expect(till.journal.events(no).find((e) => e.type === 'refund-created')!.data).toMatchObject({ amountFen: 200, reason: '商品质量问题' });
  });

  it('refuses more than what is left without calling the gateway', async () => {
    till = await trainingTill();
    const no = await paid('30.00');
    await till.checkout.refund(no, '25.00');
    const before = till.sim.requests().length;
    await expect(till.checkout.refund(no, '5.01')).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    expect(till.sim.requests().length).toBe(before);
    expect(till.journal.refundsFor(no)).toHaveLength(1);
  });

  it('refuses to refund a payment that was not paid', async () => {
    till = await trainingTill();
    const r = await till.checkout.pay({ amount: '5.00', code: code('03') });
    await expect(till.checkout.refund(r.outTradeNo, '5.00')).rejects.toMatchObject({ code: 'REFUND_NOT_ALLOWED' });
    await expect(till.checkout.refund('P0000', '5.00')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a replayed refund (answer lost, asked again) reuses its number and moves no new money', async () => {
    till = await trainingTill();
    const no = await paid('30.00');
    // The till crashed after the refund left: journaled as PENDING, the gateway did refund it.
    const pending = till.journal.createRefund({ outRequestNo: `${no}R1`, outTradeNo: no, amountFen: 1000, createdAt: Date.now() });
    const direct = await till.gateway.refund({ outTradeNo: no, outRequestNo: pending.outRequestNo, amountFen: 1000 as never, totalFen: 3000 as never });
    expect(direct).toEqual({ kind: 'refunded' });
    // The cashier asks for the same refund again: same out_request_no, no second refund.
    const again = await till.checkout.refund(no, '10.00');
    expect(again).toMatchObject({ status: 'SUCCESS', outRequestNo: `${no}R1`, refundedTotal: '10.00', left: '20.00' });
    const replay = await till.gateway.refund({ outTradeNo: no, outRequestNo: `${no}R1`, amountFen: 1000 as never, totalFen: 3000 as never });
    expect(replay).toEqual({ kind: 'refunded' });
    expect(till.journal.refundsFor(no)).toHaveLength(1);
  });

  it('a different amount while a refund is unconfirmed is refused until it is settled', async () => {
    till = await trainingTill();
    const no = await paid('30.00');
    till.journal.createRefund({ outRequestNo: `${no}R1`, outTradeNo: no, amountFen: 1000, createdAt: Date.now() });
    await expect(till.checkout.refund(no, '3.00')).rejects.toMatchObject({ code: 'ATTEMPT_UNRESOLVED' });
    // Recovery resends it under its own number (the gateway never saw it) and confirms it.
    const { refunds } = await till.checkout.recover();
    expect(refunds).toMatchObject([{ status: 'SUCCESS', outRequestNo: `${no}R1` }]);
    expect((await till.checkout.refund(no, '3.00')).status).toBe('SUCCESS');
  });
});
