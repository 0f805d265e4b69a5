// What the customer paid and what the shop receives (issue 12), as the receipt, `pos query` and
// the payment detail screen show it: 订单金额 / 优惠 (by who funded it) / 顾客实付 / 商家实收 /
// 可开票金额, only when they differ from the total. Pure: the data comes from the journal's
// paid_detail (app/gateway/paidDetail.ts writes it).

export type FundBill = { channel: string; amountFen: number; realAmountFen?: number | undefined };
/**
 * One discount: who funded how much (merchant vs the platform or a third party). WeChat's
 * promotions also say their `type` (CASH 充值型: pre-funded, the merchant is settled in full;
 * NOCASH 免充值: comes off the merchant's settlement) and `scope` (GLOBAL / SINGLE), as sent.
 */
export type Discount = {
  name: string; source: 'voucher' | 'points' | 'promotion'; amountFen: number; merchantFen: number; platformFen: number; otherFen: number;
  id?: string | undefined; type?: string | undefined; scope?: string | undefined;
};

export type PaidDetail = {
  /** 订单金额 */
  totalFen: number;
  /** 顾客实付: what left the customer's account (Alipay buyer_pay_amount, WeChat payer_total). */
  buyerPayFen?: number | undefined;
  /** 商家实收 before fees (Alipay receipt_amount; WeChat: total less what the merchant funded). */
  receiptFen?: number | undefined;
  /** 可开票金额 (Alipay invoice_amount). */
  invoiceFen?: number | undefined;
  /** 集分宝 / 积分 (Alipay point_amount). */
  pointFen?: number | undefined;
  fundBills: FundBill[];
  discounts: Discount[];
  buyerOpenId?: string | undefined;
  buyerUserId?: string | undefined;
};

/** `discount`: discounts whose funder the answer did not say (neither the shop's nor the platform's for certain). */
export type PaidLine = { key: 'total' | 'merchantDiscount' | 'platformDiscount' | 'discount' | 'buyerPays' | 'shopReceives' | 'invoice'; zh: string; en: string; fen: number };

/** Reads the journal's JSON; anything unreadable is no detail (an older till wrote none). */
export function readPaidDetail(json: string | null | undefined): PaidDetail | null {
  if (!json) return null;
  try {
    const d = JSON.parse(json) as PaidDetail;
    return typeof d?.totalFen === 'number' && Array.isArray(d.discounts) ? d : null;
  } catch {
    return null;
  }
}

/** The lines to show, or none when every amount equals the total (a plain payment says nothing more). */
export function paidLines(d: PaidDetail | null): PaidLine[] {
  if (!d) return [];
  const merchant = d.discounts.reduce((s, x) => s + x.merchantFen, 0);
  const platform = d.discounts.reduce((s, x) => s + x.platformFen + x.otherFen, 0);
  const unsaid = d.discounts.reduce((s, x) => s + Math.max(0, x.amountFen - x.merchantFen - x.platformFen - x.otherFen), 0);
  const differs = merchant > 0 || platform > 0 || unsaid > 0 || [d.buyerPayFen, d.receiptFen, d.invoiceFen].some((v) => v !== undefined && v !== d.totalFen);
  if (!differs) return [];
  const lines: PaidLine[] = [{ key: 'total', zh: '订单金额', en: 'Order total', fen: d.totalFen }];
  if (merchant > 0) lines.push({ key: 'merchantDiscount', zh: '商家优惠', en: 'Discount (shop)', fen: -merchant });
  if (platform > 0) lines.push({ key: 'platformDiscount', zh: '平台优惠', en: 'Discount (platform)', fen: -platform });
  if (unsaid > 0) lines.push({ key: 'discount', zh: '优惠', en: 'Discount', fen: -unsaid });
  if (d.buyerPayFen !== undefined) lines.push({ key: 'buyerPays', zh: '顾客实付', en: 'Customer paid', fen: d.buyerPayFen });
  if (d.receiptFen !== undefined) lines.push({ key: 'shopReceives', zh: '商家实收', en: 'Shop receives', fen: d.receiptFen });
  if (d.invoiceFen !== undefined) lines.push({ key: 'invoice', zh: '可开票金额', en: 'Invoiceable', fen: d.invoiceFen });
  return lines;
}
