// Issue 12: the receipt prints 订单金额 / 商家优惠 / 平台优惠 / 顾客实付 / 商家实收 / 可开票金额 when
// they differ from the total, and nothing more when they do not; WeChat's promotion_detail is read
// with who funded each promotion (contribute fields, else by CASH / NOCASH).
import { describe, expect, it } from 'vitest';
import { paidLines, type PaidDetail } from '../../app/common/paidAmounts.ts';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth, type ReceiptLayout } from '../../app/common/receipt/model.ts';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { alipayPaidDetail, wechatPaidDetail } from '../../app/gateway/paidDetail.ts';
import { saleReceipt } from './receipts.ts';

const texts = (l: ReceiptLayout) => l.lines.flatMap((x) => (x.kind === 'text' ? [x.text] : []));

const voucher: PaidDetail = {
  totalFen: 1000, buyerPayFen: 700, receiptFen: 800, invoiceFen: 700, fundBills: [],
  discounts: [
    { name: '培训商家券', source: 'voucher', amountFen: 200, merchantFen: 200, platformFen: 0, otherFen: 0 },
    { name: '支付宝红包', source: 'voucher', amountFen: 100, merchantFen: 0, platformFen: 100, otherFen: 0 },
  ],
};
const plain: PaidDetail = { totalFen: 1000, buyerPayFen: 1000, receiptFen: 1000, invoiceFen: 1000, fundBills: [], discounts: [] };

describe.each([58, 80] as PaperWidth[])('amount lines on %i mm paper', (paper) => {
  it('prints each amount that differs from the total, discounts by who funded them, fitted to the paper', () => {
    const layout = layoutReceipt(saleReceipt({ amountFen: 1000, amounts: paidLines(voucher) }), paper);
    const lines = texts(layout);
    const row = (label: string) => lines.find((l) => l.startsWith(label))?.slice(label.length).trim();
    expect(row('订单金额')).toBe('￥10.00');
    expect(row('商家优惠')).toBe('-￥2.00');
    expect(row('平台优惠')).toBe('-￥1.00');
    expect(row('顾客实付')).toBe('￥7.00');
    expect(row('商家实收')).toBe('￥8.00');
    expect(row('可开票金额')).toBe('￥7.00');
    // In that order, under the large amount.
    const at = (label: string) => lines.findIndex((l) => l.startsWith(label));
    expect([at('金额'), at('订单金额'), at('商家优惠'), at('平台优惠'), at('顾客实付'), at('商家实收'), at('可开票金额')]).toEqual([...Array(7).keys()].map((i) => at('金额') + i));
    for (const l of layout.lines) if (l.kind === 'text') expect(displayWidth(l.text)).toBeLessThanOrEqual(l.style === 'large' ? PAPER[paper].columns / 2 : PAPER[paper].columns);
  });

  it('prints nothing more for a payment whose amounts all equal the total', () => {
    expect(paidLines(plain)).toEqual([]);
    const without = texts(layoutReceipt(saleReceipt({ amountFen: 1000 }), paper));
    expect(texts(layoutReceipt(saleReceipt({ amountFen: 1000, amounts: paidLines(plain) }), paper))).toEqual(without);
    for (const label of ['订单金额', '优惠', '顾客实付', '商家实收', '可开票金额']) expect(without.some((l) => l.includes(label))).toBe(false);
  });
});

describe('Alipay vouchers', () => {
  it('without merchant_contribute / other_contribute the funder is not known: one 优惠 line, neither the shop\'s nor the platform\'s', () => {
    const d = alipayPaidDetail({ buyerPayAmount: '9.50', receiptAmount: '10.00', voucherDetailList: [{ id: 'V1', name: '某券', type: 'ALIPAY_FIX_VOUCHER', amount: '0.50' }] }, 1000);
    expect(d.discounts).toEqual([{ name: '某券', source: 'voucher', amountFen: 50, merchantFen: 0, platformFen: 0, otherFen: 0, id: 'V1', type: 'ALIPAY_FIX_VOUCHER' }]);
    const lines = paidLines(d);
    expect(lines.map((l) => [l.key, l.zh, l.fen])).toEqual([['total', '订单金额', 1000], ['discount', '优惠', -50], ['buyerPays', '顾客实付', 950], ['shopReceives', '商家实收', 1000]]);
    const printed = texts(layoutReceipt(saleReceipt({ amountFen: 1000, amounts: lines }), 58));
    expect(printed.find((l) => l.startsWith('优惠'))?.slice(2).trim()).toBe('-￥0.50');
  });

  it('with them, the platform funds the rest', () => {
    const d = alipayPaidDetail({ voucherDetailList: [{ name: '红包', amount: '1.00', merchantContribute: '0.30', otherContribute: '0.00' }] }, 1000);
    expect(d.discounts[0]).toMatchObject({ merchantFen: 30, platformFen: 70, otherFen: 0 });
  });
});

describe('WeChat promotion_detail', () => {
  it('takes who funded each promotion from its contribute fields, and 商家实收 as the total less NOCASH promotions', () => {
    const d = wechatPaidDetail({
      amount: { total: 1000, payer_total: 700 }, payer: { openid: 'o1' },
      promotion_detail: [
        { coupon_id: 'C1', name: '商家券', scope: 'SINGLE', type: 'NOCASH', amount: 200, merchant_contribute: 200, wechatpay_contribute: 0, other_contribute: 0 },
        { coupon_id: 'C2', name: '微信立减', scope: 'GLOBAL', type: 'CASH', amount: 100, merchant_contribute: 0, wechatpay_contribute: 100, other_contribute: 0 },
      ],
    }, 1000);
    expect(d).toMatchObject({ totalFen: 1000, buyerPayFen: 700, receiptFen: 800, buyerOpenId: 'o1' });
    expect(d.discounts).toEqual([
      { name: '商家券', source: 'promotion', amountFen: 200, merchantFen: 200, platformFen: 0, otherFen: 0, id: 'C1', type: 'NOCASH', scope: 'SINGLE' },
      { name: '微信立减', source: 'promotion', amountFen: 100, merchantFen: 0, platformFen: 100, otherFen: 0, id: 'C2', type: 'CASH', scope: 'GLOBAL' },
    ]);
    expect(paidLines(d).map((l) => [l.key, l.fen])).toEqual([['total', 1000], ['merchantDiscount', -200], ['platformDiscount', -100], ['buyerPays', 700], ['shopReceives', 800]]);
  });

  it('without contribute fields: a NOCASH promotion is the merchant\'s, a CASH one another party\'s', () => {
    const d = wechatPaidDetail({ amount: { total: 500, payer_total: 350 }, promotion_detail: [{ promotion_id: 'P1', type: 'NOCASH', amount: 100 }, { promotion_id: 'P2', type: 'CASH', amount: 50 }] }, 500);
    expect(d.discounts.map((x) => [x.id, x.merchantFen, x.platformFen, x.otherFen])).toEqual([['P1', 100, 0, 0], ['P2', 0, 0, 50]]);
    expect(d.receiptFen).toBe(400);
  });

  it('a WeChat payment with no promotion shows nothing more', () => {
    expect(paidLines(wechatPaidDetail({ amount: { total: 500, payer_total: 500 } }, 500))).toEqual([]);
  });
});
