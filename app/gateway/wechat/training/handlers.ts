// The v3 paths the WeChat training gateway speaks: codepay, the order query by out_trade_no,
// reverse, refunds and the refund query (Native and close: native.ts), each for ordinary merchants and (under /partner/) for
// service providers. Each runs inside one store transaction (server.ts).
import { BugError } from '../../../common/errors.ts';
import { MIN_REFUND_GAP_MS, MIN_REVERSE_DELAY_MS } from '../rules.ts';
import { OUT_REFUND_NO, OUT_TRADE_NO } from '../wire.ts';
import { Refusal, error, identity, orderNotExist, paramError, refundBody, systemError, transaction, type Answer } from './answers.ts';
import type { WechatBehaviour } from './behaviours.ts';
import type { NewOrder, Order, OrderStore } from './store.ts';

export type HandlerContext = {
  store: OrderStore;
  nowMs: number;
  /** The mchid the request was signed as (Authorization), which every body/query must agree with. */
  signedMchId: string;
  behaviourFor: (authCode: string) => WechatBehaviour;
  refundSettlesAfterMs: number;
};

export type Route = { name: 'codepay' | 'native' | 'query' | 'reverse' | 'close' | 'refund' | 'refund-query'; partner: boolean; method: 'GET' | 'POST'; outTradeNo?: string; outRefundNo?: string };

/** Which v3 path this is, or undefined (404). */
export function route(method: string, pathname: string): Route | undefined {
  const m = /^\/v3\/pay\/(partner\/)?transactions\/(codepay|native|out-trade-no\/([^/]+)(\/reverse|\/close)?)$/.exec(pathname);
  if (m) {
    const partner = m[1] !== undefined;
    if (m[2] === 'codepay' || m[2] === 'native') return method === 'POST' ? { name: m[2], partner, method } : undefined;
    const outTradeNo = decodeURIComponent(m[3]!);
    if (m[4]) return method === 'POST' ? { name: m[4] === '/close' ? 'close' : 'reverse', partner, method, outTradeNo } : undefined;
    return method === 'GET' ? { name: 'query', partner, method, outTradeNo } : undefined;
  }
  if (pathname === '/v3/refund/domestic/refunds') return method === 'POST' ? { name: 'refund', partner: false, method } : undefined;
  const r = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(pathname);
  if (r && method === 'GET') return { name: 'refund-query', partner: false, method, outRefundNo: decodeURIComponent(r[1]!) };
  return undefined;
}

type Body = Record<string, unknown>;

function text(b: Body, key: string, max: number, required = true): string | undefined {
  const v = b[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new Refusal(paramError(`输入源"/body/${key}"映射到值字段"${key}"必填性规则校验失败，此字段为必填项`));
    return undefined;
  }
  if (typeof v !== 'string' || v.length > max) throw new Refusal(paramError(`${key} 格式错误 (a string of at most ${max})`));
  return v;
}

function object(b: Body, key: string): Body {
  const v = b[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Refusal(paramError(`输入源"/body/${key}"映射到值字段"${key}"必填性规则校验失败，此字段为必填项`));
  return v as Body;
}

function fen(b: Body, key: string, where: string): number {
  const v = b[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100_000_000_00) throw new Refusal(paramError(`${where}.${key} 必须为正整数（分）`));
  return v;
}

/** Who the request is for: (appid, mchid), or (sp_appid, sp_mchid, sub_mchid) on /partner/ paths. */
function merchantOf(b: Body, partner: boolean, ctx: HandlerContext): { mchId: string; appId: string; subMchId: string | null } {
  const mchId = text(b, partner ? 'sp_mchid' : 'mchid', 32)!;
  const appId = text(b, partner ? 'sp_appid' : 'appid', 32)!;
  const subMchId = partner ? text(b, 'sub_mchid', 32)! : null;
  if (mchId !== ctx.signedMchId) throw new Refusal(paramError(`${partner ? 'sp_mchid' : 'mchid'} ${mchId} 与请求签名的商户号 ${ctx.signedMchId} 不一致`));
  return { mchId, appId, subMchId };
}

function orderFor(ctx: HandlerContext, outTradeNo: string, subMchId: string | null): Order | undefined {
  const o = ctx.store.find(ctx.signedMchId, outTradeNo);
  return o && o.subMchId === subMchId ? o : undefined;
}

export function codepay(b: Body, r: Route, ctx: HandlerContext): Answer {
  const who = merchantOf(b, r.partner, ctx);
  const description = text(b, 'description', 127)!;
  const outTradeNo = text(b, 'out_trade_no', 32)!;
  if (!OUT_TRADE_NO.test(outTradeNo)) return paramError('out_trade_no 格式错误（6–32 位字母、数字、_-*）');
  const authCode = text(object(b, 'payer'), 'auth_code', 128)!;
  const amount = object(b, 'amount');
  const totalFen = fen(amount, 'total', 'amount');
  if (amount.currency !== undefined && amount.currency !== 'CNY') return paramError('amount.currency 仅支持 CNY');
  const scene = object(b, 'scene_info');
  text(object(scene, 'store_info'), 'id', 32);
  if (!/^1[0-5]\d{16}$/.test(authCode)) return error(400, 'AUTH_CODE_INVALID', '付款码无效，请重新扫码');

  const existing = ctx.store.find(who.mchId, outTradeNo);
  if (existing) return repeatedPay(existing, totalFen, authCode);

  const behaviour = ctx.behaviourFor(authCode);
  const { store, nowMs } = ctx;
  const fresh: NewOrder = { outTradeNo, ...who, state: 'USERPAYING', totalFen, description, authCode, behaviour, createdAtMs: nowMs, paysAtMs: null };
  const charge = (): Order => store.markPaid(who.mchId, store.insert(fresh).outTradeNo, nowMs);
  const waiting: Answer = { status: 202, body: { trade_state: 'USERPAYING' } };

  switch (behaviour.kind) {
    case 'pays-now':
    case 'amount-mismatch':
      return { status: 200, body: transaction(charge()) };
    case 'waits-then-pays':
      store.insert({ ...fresh, paysAtMs: nowMs + behaviour.paysAfterMs });
      return waiting;
    case 'never-pays':
    case 'reverse-needs-retry':
      store.insert(fresh);
      return waiting;
    case 'declines': {
      // Stored as PAYERROR, so a query after a lost answer gives a definite failure.
      store.setState(who.mchId, store.insert(fresh).outTradeNo, 'PAYERROR', nowMs);
      return error(behaviour.status, behaviour.code, behaviour.message);
    }
    case 'system-error-but-paid':
      charge();
      return systemError();
    case 'slow-answer':
      return { status: 200, body: transaction(charge()), delivery: { kind: 'after', afterMs: behaviour.answerAfterMs } };
    case 'drops-connection-after-charge':
      return { status: 200, body: transaction(charge()), delivery: { kind: 'drop' } };
    case 'qr-close-misses':
      throw new BugError('a Native QR behaviour was chosen for a 付款码 order');
    case 'forged-answer': {
      const o = store.insert(fresh);
      return { status: 200, body: transaction(o, nowMs, 'SUCCESS'), delivery: { kind: 'forged' } };
    }
    default:
      throw new BugError(`unhandled WeChat training behaviour ${JSON.stringify(behaviour satisfies never)}`);
  }
}

/** The same out_trade_no again: its state, never a second charge. */
function repeatedPay(o: Order, totalFen: number, authCode: string): Answer {
  if (o.behaviour.kind === 'drops-connection-after-charge') return { status: 200, body: transaction(o), delivery: { kind: 'drop' } };
  if (o.totalFen !== totalFen || o.authCode !== authCode) return error(400, 'OUT_TRADE_NO_USED', '商户订单号重复');
  switch (o.state) {
    case 'SUCCESS': return { status: 200, body: transaction(o) };
    case 'USERPAYING': case 'NOTPAY': return { status: 202, body: { trade_state: 'USERPAYING' } };
    case 'REVOKED': return error(400, 'ORDERREVERSED', '订单已撤销');
    case 'CLOSED': return error(400, 'ORDERCLOSED', '订单已关闭');
    case 'REFUND': return error(400, 'ORDERPAID', '订单已支付');
    case 'PAYERROR': return error(403, 'TRADE_ERROR', '支付失败，请重新扫码');
  }
}

export function query(q: URLSearchParams, r: Route, ctx: HandlerContext): Answer {
  const mchId = q.get(r.partner ? 'sp_mchid' : 'mchid');
  if (!mchId) return paramError(`缺少 ${r.partner ? 'sp_mchid' : 'mchid'}`);
  if (mchId !== ctx.signedMchId) return paramError(`${r.partner ? 'sp_mchid' : 'mchid'} 与请求签名的商户号不一致`);
  const sub = r.partner ? q.get('sub_mchid') : null;
  if (r.partner && !sub) return paramError('缺少 sub_mchid');
  const o = orderFor(ctx, r.outTradeNo!, sub);
  return o ? { status: 200, body: transaction(o) } : orderNotExist();
}

/** Reverse ≤ 7 days after the order (wechat-pay.md §1.3). */
const REVERSE_WINDOW_MS = 7 * 24 * 3600_000;

export function reverse(b: Body, r: Route, ctx: HandlerContext): Answer {
  const who = merchantOf(b, r.partner, ctx);
  const o = orderFor(ctx, r.outTradeNo!, who.subMchId);
  if (!o) return orderNotExist();
  if (o.tradeType === 'NATIVE') return error(400, 'INVALID_REQUEST', '订单的支付场景不支持该请求');
  // [UNVERIFIED] WeChat's answer to an early reverse; the rule itself is documented (≥ 15 s).
  if (ctx.nowMs < o.createdAtMs + MIN_REVERSE_DELAY_MS) return error(400, 'INVALID_REQUEST', `请在下单 15 秒后再撤销 (reverse no sooner than 15 s after the order; ${Math.ceil((o.createdAtMs + MIN_REVERSE_DELAY_MS - ctx.nowMs) / 1000)} s to go)`);
  if (ctx.nowMs > o.createdAtMs + REVERSE_WINDOW_MS) return error(400, 'REVERSE_EXPIRE', '订单已超过撤销期限，请使用退款');
  if (o.behaviour.kind === 'reverse-needs-retry' && o.reverseAttempts < o.behaviour.retriesBeforeOk) {
    ctx.store.countReverse(o.mchId, o.outTradeNo);
    return systemError();
  }
  if (o.state === 'REFUND') return error(400, 'INVALID_REQUEST', '订单已发生退款，不能撤销');
  const done = o.state === 'REVOKED' || o.state === 'CLOSED' ? o : ctx.store.revoke(o.mchId, o.outTradeNo, ctx.nowMs);
  return { status: 200, body: { ...identity(done), out_trade_no: done.outTradeNo } };
}

/** "每笔支付订单最多部分退款 50 次". */
const MAX_REFUNDS = 50;

export function refund(b: Body, ctx: HandlerContext): Answer {
  const sub = text(b, 'sub_mchid', 32, false) ?? null;
  const outTradeNo = text(b, 'out_trade_no', 32)!;
  const outRefundNo = text(b, 'out_refund_no', 64)!;
  if (!OUT_REFUND_NO.test(outRefundNo)) return paramError('out_refund_no 格式错误');
  const amount = object(b, 'amount');
  const refundFen = fen(amount, 'refund', 'amount');
  const totalFen = fen(amount, 'total', 'amount');
  if (amount.currency !== 'CNY') return paramError('amount.currency 必填，仅支持 CNY');
  const o = orderFor(ctx, outTradeNo, sub);
  if (!o) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  const { store, nowMs } = ctx;
  // "同一退款单号多次请求只退一笔": the same out_refund_no is the same refund.
  const earlier = store.findRefund(o.mchId, outRefundNo);
  if (earlier) {
    if (earlier.outTradeNo !== o.outTradeNo || earlier.amountFen !== refundFen) return error(400, 'INVALID_REQUEST', `退款单号 ${outRefundNo} 已用于另一笔退款`);
    return { status: 200, body: refundBody(o, earlier) };
  }
  if (totalFen !== o.totalFen) return paramError('订单金额与实际支付金额不一致 (amount.total must be the order total)');
  if (o.state !== 'SUCCESS' && o.state !== 'REFUND') return error(400, 'INVALID_REQUEST', `订单状态 ${o.state} 不允许退款`);
  if (refundFen > o.totalFen - o.refundedFen) return error(400, 'INVALID_REQUEST', `申请退款金额超过订单可退金额（剩余可退 ${o.totalFen - o.refundedFen} 分）`);
  const all = store.refundsOf(o.mchId, o.outTradeNo);
  if (all.length >= MAX_REFUNDS) return error(400, 'INVALID_REQUEST', '该订单部分退款次数已达上限 50 次');
  const last = all.at(-1);
  if (last && nowMs < last.createdAtMs + MIN_REFUND_GAP_MS) return error(403, 'FREQUENCY_LIMITED', '同一订单两次退款需间隔 1 分钟以上');
  const saved = store.addRefund(o.mchId, { outRefundNo, outTradeNo: o.outTradeNo, amountFen: refundFen, createdAtMs: nowMs, settlesAtMs: nowMs + ctx.refundSettlesAfterMs });
  return { status: 200, body: refundBody(store.find(o.mchId, o.outTradeNo)!, saved) };
}

export function refundQuery(q: URLSearchParams, r: Route, ctx: HandlerContext): Answer {
  const found = ctx.store.findRefund(ctx.signedMchId, r.outRefundNo!);
  const o = found && orderFor(ctx, found.outTradeNo, q.get('sub_mchid'));
  if (!found || !o) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  return { status: 200, body: refundBody(o, found) };
}
