// The WeChat training gateway's promotions (issue 12), chosen by code like every behaviour: a
// merchant's 免充值 coupon (NOCASH: it comes off what the merchant is settled, 应结订单金额 drops)
// and a WeChat-funded 充值型 promotion (CASH: pre-funded, the merchant is settled the full total).
// Either way the customer pays less (amount.payer_total). Pay and query answers carry
// promotion_detail as WeChat does; the day's bill books the same split (wechatBillRoute.ts).
import type { WechatBehaviour } from './behaviours.ts';

export type WechatTrainingPromotion = 'merchant-coupon' | 'wechat-promotion';

/** What each promotion takes off, at most: never the whole total (an order pays at least 1 fen). */
export const PROMOTION_FEN: Record<WechatTrainingPromotion, number> = { 'merchant-coupon': 200, 'wechat-promotion': 100 };

export type PromotionSplit = { couponFen: number; noCashFen: number; promotions: Record<string, unknown>[] };

export function promotionSplit(b: WechatBehaviour, totalFen: number): PromotionSplit {
  const kind = b.kind === 'pays-now' ? b.promotion : undefined;
  if (!kind) return { couponFen: 0, noCashFen: 0, promotions: [] };
  const off = Math.min(PROMOTION_FEN[kind], totalFen - 1);
  if (off <= 0) return { couponFen: 0, noCashFen: 0, promotions: [] };
  const merchant = kind === 'merchant-coupon';
  return {
    couponFen: off,
    noCashFen: merchant ? off : 0,
    promotions: [{
      coupon_id: merchant ? '10000000000000000001' : '20000000000000000002',
      name: merchant ? '培训商家券' : '微信支付立减',
      scope: merchant ? 'SINGLE' : 'GLOBAL',
      type: merchant ? 'NOCASH' : 'CASH',
      amount: off,
      stock_id: merchant ? '9800000001' : '9800000002',
      wechatpay_contribute: merchant ? 0 : off,
      merchant_contribute: merchant ? off : 0,
      other_contribute: 0,
      currency: 'CNY',
    }],
  };
}

/** The promotion_detail and amount.payer_total of a paid answer for an order of `totalFen`. */
export function paidPromotionFields(b: WechatBehaviour, totalFen: number): { payerTotalFen: number; promotionDetail?: Record<string, unknown>[] } {
  const s = promotionSplit(b, totalFen);
  return { payerTotalFen: totalFen - s.couponFen, ...(s.promotions.length ? { promotionDetail: s.promotions } : {}) };
}
