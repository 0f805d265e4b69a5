// What the customer actually paid, for the two screens that say "paid" at the counter (TRY item
// 3): the cashier's result and the customer display. A coupon or a platform promotion makes the
// customer's phone say less than the till's total; both screens must say the same as the phone.
import type { PaidDetail } from '../paidAmounts.ts';

/**
 * `paidFen`: 顾客实付 (Alipay buyer_pay_amount, WeChat payer_total); `discountFen`: what the customer
 * did not pay of the total (coupons, promotions, and Alipay points — all off the customer's bill).
 * Null when the answer did not say or the customer paid the total: nothing more to show.
 */
export function customerPaidOf(d: PaidDetail | null): { paidFen: number; discountFen: number } | null {
  if (!d || d.buyerPayFen === undefined || !Number.isSafeInteger(d.buyerPayFen)) return null;
  if (d.buyerPayFen < 0 || d.buyerPayFen >= d.totalFen) return null;
  return { paidFen: d.buyerPayFen, discountFen: d.totalFen - d.buyerPayFen };
}
