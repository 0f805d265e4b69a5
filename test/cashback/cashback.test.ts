// Red packets over real HTTP in certificate mode (issue 14 "Done when"): the real alipay-sdk client
// in cert mode, the training gateway minted a chain for, a real journal file.
import { afterEach, describe, expect, it } from 'vitest';
import { readPaidDetail } from '../../app/common/paidAmounts.ts';
import { cashbackTill, SPRING, transferRequests, type CashbackTill } from '../helpers/cashbackTill.ts';

let till: CashbackTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('cash red packets in certificate mode', () => {
  it('a qualifying sale sends exactly one packet, to the payer named by the paid answer (its open id for this app)', async () => {
    till = await cashbackTill();
    const { outTradeNo, packet } = await till.sell('58.00');
    expect(packet).toMatchObject({ state: 'PENDING', amount: '2.00', promotionId: 'spring' });
    await till.cashback.idle();
    const r = till.transfers.forSale(outTradeNo)!;
    // Alipay asks OpenID apps to pay buyer_open_id (qr-bills-transfers.md §4): the paid answer's,
    // as journaled in paid_detail, and one the gateway accepts only from the app it was issued to.
    const openId = readPaidDetail(till.journal.getAttempt(outTradeNo)!.paidDetail)?.buyerOpenId;
    expect(openId).toMatch(/^0[A-Za-z0-9_-]{45}$/);
    expect(r).toMatchObject({ state: 'SENT', amountFen: 200, payeeType: 'ALIPAY_OPEN_ID', payeeId: openId });
    expect(r.orderId).toMatch(/^\d+$/);
    expect(till.sim.transfersPaid(r.outBizNo)).toBe(1);
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer']);
    expect(till.changes.map((c) => c.state)).toEqual(['PENDING', 'SENT']);
    // A second hand-off of the same sale (a replayed event, another screen) sends nothing more.
    expect(till.cashback.afterPayment({ outTradeNo, amountFen: 5800, training: true, buyerOpenId: r.payeeId, paidAtMs: Date.now() })).toMatchObject({ state: 'SENT' });
    await till.cashback.idle();
    expect(transferRequests(till.sim)).toHaveLength(1);
  });

  it('a sale below the threshold earns nothing and sends nothing', async () => {
    till = await cashbackTill();
    const { outTradeNo, packet } = await till.sell('49.99');
    expect(packet).toBeUndefined();
    expect(till.transfers.forSale(outTradeNo)).toBeUndefined();
    expect(transferRequests(till.sim)).toEqual([]);
  });

  it('a sale beyond the daily budget sends none and says why', async () => {
    till = await cashbackTill({ promotions: [{ ...SPRING, dailyBudget: '2.00' }] });
    const first = await till.sell('60.00');
    await till.cashback.idle();
    const second = await till.sell('70.00');
    await till.cashback.idle();
    expect(till.transfers.forSale(first.outTradeNo)!.state).toBe('SENT');
    expect(second.packet).toMatchObject({ state: 'SKIPPED', reason: { code: 'CASHBACK_BUDGET_EXHAUSTED' } });
    expect(second.packet!.reason!.messageZh).toMatch(/今日红包预算已用完/);
    expect(second.packet!.reason!.message).toMatch(/budget for "spring" is used up/);
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer']);
    expect(till.sim.transfersPaid()).toBe(1);
  });

  it('an unknown answer (SYSTEM_ERROR, money sent) is settled by the query, without a second transfer', async () => {
    till = await cashbackTill({ promotions: [{ ...SPRING, amount: '2.03' }] });
    const { outTradeNo } = await till.sell('80.00');
    await till.cashback.idle();
    const r = till.transfers.forSale(outTradeNo)!;
    expect(r.state).toBe('SENT');
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer', 'alipay.fund.trans.common.query']);
    expect(till.sim.transfersPaid(r.outBizNo)).toBe(1);
    expect(till.changes.map((c) => c.state)).toEqual(['PENDING', 'UNKNOWN', 'SENT']);
  });

  it('a timed-out transfer is settled by the query; the late answer changes nothing', async () => {
    till = await cashbackTill({ promotions: [{ ...SPRING, amount: '2.04' }], requestTimeoutMs: 300, sim: { slowAnswerMs: 1000 } });
    const { outTradeNo } = await till.sell('80.00');
    await till.cashback.idle();
    expect(till.transfers.forSale(outTradeNo)!.state).toBe('SENT');
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer', 'alipay.fund.trans.common.query']);
    expect(till.sim.transfersPaid()).toBe(1);
  });

  it.each([
    ['2.01', 'PAYER_BALANCE_NOT_ENOUGH', /余额不足/],
    ['2.02', 'PAYEE_NOT_EXIST', /收款账号不存在/],
  ])('a definite refusal (¥%s: %s) is recorded with the reason and never retried', async (amount, code, zh) => {
    till = await cashbackTill({ promotions: [{ ...SPRING, amount }] });
    const { outTradeNo } = await till.sell('80.00');
    await till.cashback.idle();
    const r = till.transfers.forSale(outTradeNo)!;
    expect(r).toMatchObject({ state: 'REFUSED', errorCode: code });
    expect(till.cashback.forSale(outTradeNo)!.reason!.messageZh).toMatch(zh);
    expect(await till.cashback.recover()).toEqual([]);
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer']);
    expect(till.sim.transfersPaid()).toBe(0);
  });

  it('an answer naming a forged Alipay certificate serial is never taken as sent', async () => {
    till = await cashbackTill({ promotions: [{ ...SPRING, amount: '2.05' }] });
    const { outTradeNo } = await till.sell('80.00');
    await till.cashback.idle();
    const r = till.transfers.forSale(outTradeNo)!;
    expect(r.state).toBe('UNKNOWN');
    expect(till.cashback.forSale(outTradeNo)!.reason!.message).toMatch(/names Alipay certificate [0-9a-f]{32}, not the installed one/);
    expect(till.changes.map((c) => c.state)).not.toContain('SENT');
    // Query (honest: no such packet) → one resend with the same out_biz_no → forged again → query → left UNKNOWN.
    expect(transferRequests(till.sim)).toEqual(['alipay.fund.trans.uni.transfer', 'alipay.fund.trans.common.query', 'alipay.fund.trans.uni.transfer', 'alipay.fund.trans.common.query']);
    expect(new Set(till.sim.requests().filter((q) => q.outBizNo).map((q) => q.outBizNo))).toEqual(new Set([r.outBizNo]));
    expect(till.sim.transfersPaid()).toBe(0);
    const again = await till.cashback.recover();
    expect(again.map((v) => v.state)).toEqual(['UNKNOWN']);
  });

  it('a refund of the sale does not claw the packet back', async () => {
    till = await cashbackTill();
    const { outTradeNo } = await till.sell('58.00');
    await till.cashback.idle();
    const refund = await till.checkout.refunds.refund(outTradeNo, '58.00');
    expect(refund.status).toBe('SUCCESS');
    expect(till.transfers.forSale(outTradeNo)!.state).toBe('SENT');
    expect(till.sim.transfersPaid()).toBe(1);
  });
});
