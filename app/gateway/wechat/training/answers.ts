// What the WeChat training gateway answers: an HTTP status, a JSON body (none for 204) and how it
// is delivered. Error bodies are v3's `{code, message}`.
import type { TradeState } from '../wire.ts';
import { paidPromotionFields } from './promotions.ts';
import type { Order } from './store.ts';

/** `now`; `after` a late answer; `drop` no answer at all; `forged` signed with a key nobody trusts. */
export type Delivery = { kind: 'now' } | { kind: 'after'; afterMs: number } | { kind: 'drop' } | { kind: 'forged' };

export type Answer = { status: number; body?: Record<string, unknown>; delivery?: Delivery };

export const error = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });

export const paramError = (message: string) => error(400, 'PARAM_ERROR', message);
export const orderNotExist = () => error(404, 'ORDER_NOT_EXIST', '订单不存在');
export const systemError = () => error(500, 'SYSTEM_ERROR', '系统错误');

/** Thrown by a handler when the request itself is wrong; its answer goes back as is. */
export class Refusal extends Error {
  readonly answer: Answer;
  constructor(answer: Answer) {
    super(`${answer.status} ${String(answer.body?.code ?? '')}`);
    this.answer = answer;
  }
}

const STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功', REFUND: '转入退款', NOTPAY: '未支付', CLOSED: '已关闭', REVOKED: '已撤销（付款码支付）', USERPAYING: '用户支付中（付款码支付）', PAYERROR: '支付失败',
};

/** The amount-mismatch behaviour reports one yuan more than was charged, to test the till's check. */
export const MISMATCH_EXTRA_FEN = 100;

export function identity(o: Order): Record<string, string> {
  return o.subMchId === null ? { appid: o.appId, mchid: o.mchId } : { sp_appid: o.appId, sp_mchid: o.mchId, sub_mchid: o.subMchId };
}

function beijingRfc3339(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The order as codepay (200) and the order query answer it; `paidAtMs` lets the forged answer lie. */
export function transaction(o: Order, paidAtMs = o.paidAtMs, state: TradeState = o.state): Record<string, unknown> {
  const total = o.totalFen + (o.behaviour.kind === 'amount-mismatch' ? MISMATCH_EXTRA_FEN : 0);
  const paid = paidAtMs !== null;
  const promo = paidPromotionFields(o.behaviour, total);
  return {
    ...identity(o),
    out_trade_no: o.outTradeNo,
    ...(paid ? { transaction_id: o.transactionId, success_time: beijingRfc3339(paidAtMs), bank_type: 'OTHERS' } : {}),
    trade_type: o.tradeType,
    trade_state: state,
    trade_state_desc: STATE_DESC[state],
    // A Native order has no payer until someone pays it.
    ...(o.tradeType === 'NATIVE' && !paid ? {} : { payer: o.subMchId === null ? { openid: o.openid } : { sp_openid: o.openid, sub_openid: o.openid } }),
    amount: { total, currency: 'CNY', ...(paid ? { payer_total: promo.payerTotalFen, payer_currency: 'CNY' } : {}) },
    ...(paid && promo.promotionDetail ? { promotion_detail: promo.promotionDetail } : {}),
  };
}

export function refundBody(o: Order, r: { outRefundNo: string; refundId: string; amountFen: number; createdAtMs: number; state: string }): Record<string, unknown> {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: o.transactionId,
    out_trade_no: o.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: beijingRfc3339(r.createdAtMs),
    ...(r.state === 'SUCCESS' ? { success_time: beijingRfc3339(r.createdAtMs) } : {}),
    status: r.state,
    funds_account: 'AVAILABLE',
    amount: { total: o.totalFen, refund: r.amountFen, payer_total: o.totalFen, payer_refund: r.amountFen, settlement_refund: r.amountFen, settlement_total: o.totalFen, discount_refund: 0, currency: 'CNY', refund_fee: 0 },
  };
}
