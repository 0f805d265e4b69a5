// What the customer actually paid and what the shop receives (qr-bills-transfers.md §5), from a
// paid answer, in integer fen. Alipay: receipt_amount (商家实收), buyer_pay_amount (顾客实付),
// point_amount, invoice_amount, fund_bill_list and voucher_detail_list (asked for with
// query_options), each voucher's merchant_contribute / other_contribute; WeChat: amount.payer_total
// and promotion_detail[] with wechatpay/merchant/other_contribute. Recorded with the attempt
// (journal migration 5) so the receipt, `pos query` and the detail screen can say it.
import { yuanToFen } from '../common/money.ts';

import type { Discount, PaidDetail } from '../common/paidAmounts.ts';

export type { Discount, FundBill, PaidDetail } from '../common/paidAmounts.ts';

const fenOf = (v: unknown): number | undefined => (typeof v === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(v) ? yuanToFen(v) : typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object') : []);

/** From alipay-sdk's camelCased pay / query answer. Fields it lacks stay undefined; nothing is guessed. */
export function alipayPaidDetail(a: Record<string, unknown>, totalFen: number): PaidDetail {
  const discounts: Discount[] = list(a.voucherDetailList).map((v) => {
    const amount = fenOf(v.amount) ?? 0;
    const merchant = fenOf(v.merchantContribute) ?? 0;
    const other = fenOf(v.otherContribute) ?? 0;
    // Alipay funds what the merchant and third parties do not, when the answer says their shares;
    // without either field who funded it is not known, and it is shown as 优惠 alone.
    const said = fenOf(v.merchantContribute) !== undefined || fenOf(v.otherContribute) !== undefined;
    return { name: text(v.name) ?? text(v.type) ?? 'voucher', source: 'voucher', amountFen: amount, merchantFen: merchant, platformFen: said ? Math.max(0, amount - merchant - other) : 0, otherFen: other, id: text(v.id), type: text(v.type) };
  });
  const point = fenOf(a.pointAmount);
  if (point) discounts.push({ name: '集分宝', source: 'points', amountFen: point, merchantFen: 0, platformFen: point, otherFen: 0 });
  return {
    totalFen,
    buyerPayFen: fenOf(a.buyerPayAmount),
    receiptFen: fenOf(a.receiptAmount),
    invoiceFen: fenOf(a.invoiceAmount),
    pointFen: point,
    fundBills: list(a.fundBillList).map((f) => ({ channel: text(f.fundChannel) ?? '', amountFen: fenOf(f.amount) ?? 0, realAmountFen: fenOf(f.realAmount) })),
    discounts,
    buyerOpenId: text(a.buyerOpenId),
    buyerUserId: text(a.buyerUserId),
  };
}

/**
 * From a WeChat v3 transaction (snake_case, amounts already in fen). 顾客实付 is amount.payer_total.
 * Who funded each promotion comes from its wechatpay/merchant/other_contribute when WeChat sends
 * them; without them a NOCASH (免充值) promotion is the merchant's (it comes off the merchant's
 * settlement) and a CASH (充值型) one is counted as another party's (pre-funded: the merchant is
 * settled in full). 商家实收 is WeChat's 应结订单金额: the total less NOCASH promotions, as the
 * day's bill says it.
 */
export function wechatPaidDetail(t: Record<string, unknown>, totalFen: number): PaidDetail {
  const amount = (t.amount ?? {}) as Record<string, unknown>;
  const discounts: Discount[] = list(t.promotion_detail).map((p) => {
    const amt = fenOf(p.amount) ?? 0;
    const type = text(p.type);
    const given = [p.wechatpay_contribute, p.merchant_contribute, p.other_contribute].some((v) => fenOf(v) !== undefined);
    const merchant = given ? fenOf(p.merchant_contribute) ?? 0 : type === 'NOCASH' ? amt : 0;
    const platform = given ? fenOf(p.wechatpay_contribute) ?? 0 : 0;
    const other = given ? fenOf(p.other_contribute) ?? 0 : amt - merchant;
    return {
      name: text(p.name) ?? text(p.coupon_id) ?? text(p.promotion_id) ?? 'promotion', source: 'promotion', amountFen: amt, merchantFen: merchant, platformFen: platform, otherFen: other,
      id: text(p.coupon_id) ?? text(p.promotion_id), type, scope: text(p.scope),
    };
  });
  const noCash = list(t.promotion_detail).filter((p) => text(p.type) === 'NOCASH').reduce((s, p) => s + (fenOf(p.amount) ?? 0), 0);
  return {
    totalFen,
    buyerPayFen: fenOf(amount.payer_total),
    receiptFen: totalFen - noCash,
    fundBills: [],
    discounts,
    buyerOpenId: text((t.payer as Record<string, unknown> | undefined)?.sub_openid) ?? text((t.payer as Record<string, unknown> | undefined)?.openid),
  };
}

/** The receipt lines are worth printing only when something differs from the order's total. */
export function differsFromTotal(d: PaidDetail): boolean {
  return d.discounts.length > 0 || [d.buyerPayFen, d.receiptFen, d.invoiceFen].some((v) => v !== undefined && v !== d.totalFen);
}

/** Alipay only lists fund bills and vouchers when asked (trade.pay / trade.query query_options). */
export const ALIPAY_PAY_QUERY_OPTIONS = ['fund_bill_list', 'voucher_detail_list', 'discount_amount', 'mdiscount_amount'] as const;
