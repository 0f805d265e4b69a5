// What the customer paid and what the shop receives (issue 12): every paid answer's
// receipt_amount, buyer_pay_amount, invoice_amount, point_amount, fund bills and vouchers (asked
// for with query_options) are recorded with the attempt (journal migration 5), with who funded each
// discount; the training gateway's discount codes …13/…14/…15 answer them, and its day bill books
// the same split, so the day still matches.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import type { PaidDetail } from '../../app/gateway/paidDetail.ts';
import { JournalLedger } from '../../app/reconcile/journalLedger.ts';
import { reconcile } from '../../app/reconcile/match.ts';
import { alipayBillLines, alipayDetailBytes, gbkLines } from '../../app/reconcile/alipayBillParse.ts';
import { code, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';
import { join } from 'node:path';

let till: TrainingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const detailOf = (t: TrainingTill, no: string): PaidDetail => JSON.parse(t.journal.getAttempt(no)!.paidDetail ?? 'null') as PaidDetail;

describe('amounts actually paid', () => {
  it('records 顾客实付 / 商家实收 / 可开票金额 and each discount with who funded it, from pay and from query', async () => {
    till = await trainingTill();
    const voucher = await till.checkout.pay({ amount: '10.00', code: code('13') });
    const redPacket = await till.checkout.pay({ amount: '10.00', code: code('14') });
    const points = await till.checkout.pay({ amount: '10.00', code: code('15') });
    const plain = await till.checkout.pay({ amount: '10.00', code: code('00') });
    // Settled by query (the pay answer was 10003): the query answer's fields are recorded too.
    const late = await till.checkout.pay({ amount: '10.00', code: code('01') });
    for (const r of [voucher, redPacket, points, plain, late]) expect(r.status).toBe('SUCCESS');

    expect(detailOf(till, voucher.outTradeNo)).toMatchObject({
      totalFen: 1000, receiptFen: 800, buyerPayFen: 800, invoiceFen: 800,
      discounts: [{ name: '培训商家券', source: 'voucher', amountFen: 200, merchantFen: 200, platformFen: 0 }],
      fundBills: [{ channel: 'ALIPAYACCOUNT', amountFen: 800 }, { channel: 'MCOUPON', amountFen: 200 }],
    });
    expect(detailOf(till, voucher.outTradeNo).buyerUserId).toMatch(/^2088\d{12}$/);
    expect(detailOf(till, redPacket.outTradeNo)).toMatchObject({ receiptFen: 1000, buyerPayFen: 900, invoiceFen: 900, discounts: [{ name: '支付宝红包', merchantFen: 0, platformFen: 100 }] });
    expect(detailOf(till, points.outTradeNo)).toMatchObject({ receiptFen: 1000, buyerPayFen: 950, pointFen: 50, discounts: [{ source: 'points', platformFen: 50 }] });
    expect(detailOf(till, plain.outTradeNo)).toMatchObject({ receiptFen: 1000, buyerPayFen: 1000, discounts: [] });
    expect(detailOf(till, late.outTradeNo)).toMatchObject({ totalFen: 1000, receiptFen: 1000, buyerPayFen: 1000 });

    // The day's bill books the same split: everything matches; 商家实收 is what the shop received.
    const day = shanghaiDay(Date.now());
    const ledger = new JournalLedger(join(till.dir, 'journal.db'), true);
    try {
      const { AlipayBillSource } = await import('../../app/reconcile/alipayBillSource.ts');
      const { createAlipaySdk } = await import('../../app/gateway/alipaySdk.ts');
      const { loadTrainingKeys } = await import('../../app/gateway/training/index.ts');
      const keys = loadTrainingKeys();
      const source = new AlipayBillSource(createAlipaySdk({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: till.sim.url, requestTimeoutMs: 3000 }));
      const bytes = (await source.fetch(day)).bytes;
      const r = reconcile({ provider: 'alipay', day, lines: alipayBillLines(gbkLines(alipayDetailBytes(bytes))) }, ledger);
      expect(r.differences).toEqual([]);
      expect(r.payments.matched).toEqual({ count: 5, amountFen: 5000 });
      expect(r.bill).toMatchObject({ receivedFen: 4800, merchantDiscountFen: 200, platformDiscountFen: 150 });
    } finally {
      ledger.close();
    }
  });
});
