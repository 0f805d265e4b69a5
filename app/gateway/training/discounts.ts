// The training gateway's discounts (issue 12), chosen by code like every behaviour: a merchant's
// voucher (商家券: the shop pays for it, 商家实收 drops), an Alipay red packet (the platform pays:
// the shop still receives the full total, the customer pays less) and 集分宝 points. Pay and query
// answers carry receipt_amount / buyer_pay_amount / invoice_amount / point_amount, fund_bill_list
// and voucher_detail_list as Alipay does; the day's bill books the same split (bill-file.ts).
import { fenToYuan } from '../../common/money.ts';
import type { Behaviour } from './behaviours.ts';

export type TrainingDiscount = 'merchant-voucher' | 'platform-red-packet' | 'points';

/** What each discount takes off, at most: never the whole total (a trade pays at least 0.01). */
export const DISCOUNT_FEN: Record<TrainingDiscount, number> = { 'merchant-voucher': 200, 'platform-red-packet': 100, points: 50 };

export type Split = { merchantFen: number; platformFen: number; pointsFen: number };

/**
 * What a discount takes off a trade of `totalFen` of which `undiscountableFen` takes no part in
 * promotions (issue 12: undiscountable_amount): only the discountable part is ever discounted.
 */
export function discountSplit(b: Behaviour, totalFen: number, undiscountableFen = 0): Split {
  const kind = b.kind === 'pays-now' ? b.discount : undefined;
  const off = kind ? Math.max(0, Math.min(DISCOUNT_FEN[kind], totalFen - undiscountableFen, totalFen - 1)) : 0;
  return { merchantFen: kind === 'merchant-voucher' ? off : 0, platformFen: kind === 'platform-red-packet' ? off : 0, pointsFen: kind === 'points' ? off : 0 };
}

/** The amount fields of a paid answer for a trade of `totalFen` (yuan strings, as on the wire). */
export function paidAmountFields(b: Behaviour, totalFen: number, undiscountableFen = 0): Record<string, unknown> {
  const s = discountSplit(b, totalFen, undiscountableFen);
  const buyerPays = totalFen - s.merchantFen - s.platformFen - s.pointsFen;
  const y = fenToYuan;
  const vouchers = [
    ...(s.merchantFen ? [{ id: '2026TRAININGMERCHANT01', name: '培训商家券', type: 'ALIPAY_CASH_VOUCHER', amount: y(s.merchantFen), merchant_contribute: y(s.merchantFen), other_contribute: '0.00' }] : []),
    ...(s.platformFen ? [{ id: '2026TRAININGPLATFORM01', name: '支付宝红包', type: 'ALIPAY_DISCOUNT_VOUCHER', amount: y(s.platformFen), merchant_contribute: '0.00', other_contribute: '0.00' }] : []),
  ];
  return {
    // The shop receives all but what it funded itself; the platform's part is paid to it.
    receipt_amount: y(totalFen - s.merchantFen),
    buyer_pay_amount: y(buyerPays),
    // A fapiao covers what the customer paid in money, not vouchers or points.
    invoice_amount: y(buyerPays),
    ...(s.pointsFen ? { point_amount: y(s.pointsFen) } : {}),
    fund_bill_list: [
      { fund_channel: 'ALIPAYACCOUNT', amount: y(buyerPays) },
      ...(s.merchantFen ? [{ fund_channel: 'MCOUPON', amount: y(s.merchantFen) }] : []),
      ...(s.platformFen ? [{ fund_channel: 'COUPON', amount: y(s.platformFen) }] : []),
      ...(s.pointsFen ? [{ fund_channel: 'POINT', amount: y(s.pointsFen) }] : []),
    ],
    ...(vouchers.length ? { voucher_detail_list: vouchers } : {}),
  };
}
