// The WeChat training gateway's Native QR paths (qr-bills-transfers.md §2.2): `native` makes an
// order that exists at once (NOTPAY until paid, unlike Alipay's precreate) and answers a code_url;
// `close` answers 204, again and again; the training customer's phone is the scan page the code_url
// points at (server.ts). What the customer does comes from the amount's last two fen digits
// (WECHAT_QR_AMOUNT_TABLE). time_expire is honoured: past it the order can no longer be paid.
import { OUT_TRADE_NO } from '../wire.ts';
import { Refusal, error, orderNotExist, paramError, type Answer } from './answers.ts';
import { wechatQrBehaviourForAmount } from './behaviours.ts';
import type { HandlerContext, Route } from './handlers.ts';
import type { Order, OrderStore } from './store.ts';

type Body = Record<string, unknown>;

/** WeChat's own default when time_expire is left out [UNVERIFIED]: two hours, as Alipay's code. */
const DEFAULT_NATIVE_LIFE_MS = 2 * 3600_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function need(b: Body, key: string, max: number): string {
  const v = b[key];
  if (typeof v !== 'string' || v === '') throw new Refusal(paramError(`输入源"/body/${key}"映射到值字段"${key}"必填性规则校验失败，此字段为必填项`));
  if (v.length > max) throw new Refusal(paramError(`${key} 长度超过 ${max}`));
  return v;
}

function objectAt(b: Body, key: string, required: boolean): Body | undefined {
  const v = b[key];
  if (v === undefined && !required) return undefined;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Refusal(paramError(`输入源"/body/${key}"映射到值字段"${key}"必填性规则校验失败，此字段为必填项`));
  return v as Body;
}

function merchant(b: Body, r: Route, ctx: HandlerContext): { mchId: string; appId: string; subMchId: string | null } {
  const mchId = need(b, r.partner ? 'sp_mchid' : 'mchid', 32);
  const appId = need(b, r.partner ? 'sp_appid' : 'appid', 32);
  const subMchId = r.partner ? need(b, 'sub_mchid', 32) : null;
  if (mchId !== ctx.signedMchId) throw new Refusal(paramError(`${r.partner ? 'sp_mchid' : 'mchid'} ${mchId} 与请求签名的商户号 ${ctx.signedMchId} 不一致`));
  return { mchId, appId, subMchId };
}

export function native(b: Body, r: Route, ctx: HandlerContext, codeUrl: (outTradeNo: string) => string): Answer {
  const who = merchant(b, r, ctx);
  const description = need(b, 'description', 127);
  const outTradeNo = need(b, 'out_trade_no', 32);
  if (!OUT_TRADE_NO.test(outTradeNo)) return paramError('out_trade_no 格式错误（6–32 位字母、数字、_-*）');
  // Required by WeChat's schema (TransactionBase); nothing is ever sent there by the training gateway.
  const notifyUrl = need(b, 'notify_url', 256);
  if (!/^https:\/\/[^\s/]+/.test(notifyUrl)) return paramError('notify_url 必须为 https 地址');
  const amount = objectAt(b, 'amount', true)!;
  const total = amount.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 1 || total > 100_000_000_00) return paramError('amount.total 必须为正整数（分）');
  if (amount.currency !== undefined && amount.currency !== 'CNY') return paramError('amount.currency 仅支持 CNY');
  const scene = objectAt(b, 'scene_info', false);
  if (scene) {
    need(scene, 'payer_client_ip', 45);
    const store = objectAt(scene, 'store_info', false);
    if (store) need(store, 'id', 32);
  }
  let expiresAtMs = ctx.nowMs + DEFAULT_NATIVE_LIFE_MS;
  if (b.time_expire !== undefined) {
    const t = typeof b.time_expire === 'string' ? RFC3339.exec(b.time_expire) : null;
    if (!t) return paramError('time_expire 格式错误，应为 RFC3339，如 2026-06-08T10:34:56+08:00');
    expiresAtMs = Date.parse(b.time_expire as string);
    if (!(expiresAtMs > ctx.nowMs)) return paramError('time_expire 必须晚于当前时间');
  }
  const existing = ctx.store.find(who.mchId, outTradeNo);
  if (existing) {
    // The same order again (a lost answer): the same code_url; another order under this number: refused.
    if (existing.tradeType !== 'NATIVE' || existing.totalFen !== total || existing.subMchId !== who.subMchId) return error(400, 'OUT_TRADE_NO_USED', '商户订单号重复');
    if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return error(400, 'ORDERPAID', '该订单已支付');
    if (existing.state === 'CLOSED') return error(400, 'ORDER_CLOSED', '订单已关闭');
    return { status: 200, body: { code_url: codeUrl(outTradeNo) } };
  }
  ctx.store.insert({
    outTradeNo, ...who, state: 'NOTPAY', totalFen: total, description, authCode: `native:${outTradeNo}`,
    behaviour: wechatQrBehaviourForAmount(total), createdAtMs: ctx.nowMs, paysAtMs: null, tradeType: 'NATIVE', expiresAtMs,
  });
  return { status: 200, body: { code_url: codeUrl(outTradeNo) } };
}

export function close(b: Body, r: Route, ctx: HandlerContext): Answer {
  const mchId = need(b, r.partner ? 'sp_mchid' : 'mchid', 32);
  if (mchId !== ctx.signedMchId) return paramError(`${r.partner ? 'sp_mchid' : 'mchid'} 与请求签名的商户号不一致`);
  const sub = r.partner ? need(b, 'sub_mchid', 32) : null;
  const o = ctx.store.find(ctx.signedMchId, r.outTradeNo!);
  if (!o || o.subMchId !== sub) return orderNotExist();
  // 付款码 orders are reversed, never closed (wechat-pay.md §1.3).
  if (o.tradeType === 'MICROPAY') return error(400, 'INVALID_REQUEST', '当前交易不允许进行普通关单（只能撤销）');
  if (o.state === 'SUCCESS' || o.state === 'REFUND') return error(400, 'ORDERPAID', '订单已支付，不能关单');
  // …98: the close is accepted, but a customer already on the password sheet can still pay.
  if (o.state === 'NOTPAY' && o.behaviour.kind !== 'qr-close-misses') ctx.store.setState(o.mchId, o.outTradeNo, 'CLOSED', ctx.nowMs);
  return { status: 204 };
}

export type ScanResult = { found: false } | { found: true; order: Order; paid: boolean; why?: 'expired' | 'closed' | 'abandoned' | 'already-paid' };

/** The training customer scans the code (and pays it, unless the amount says they abandon it). */
export function scan(store: OrderStore, outTradeNo: string, nowMs: number): ScanResult {
  const o = store.anyByOutTradeNo(outTradeNo);
  if (!o || o.tradeType !== 'NATIVE') return { found: false };
  if (o.state === 'SUCCESS' || o.state === 'REFUND') return { found: true, order: o, paid: false, why: 'already-paid' };
  if (o.state !== 'NOTPAY') return { found: true, order: o, paid: false, why: 'closed' };
  if (o.expiresAtMs !== null && nowMs > o.expiresAtMs) return { found: true, order: o, paid: false, why: 'expired' };
  store.markScanned(o.mchId, o.outTradeNo);
  if (o.behaviour.kind === 'never-pays') return { found: true, order: store.find(o.mchId, o.outTradeNo)!, paid: false, why: 'abandoned' };
  return { found: true, order: store.markPaid(o.mchId, o.outTradeNo, nowMs), paid: true };
}
