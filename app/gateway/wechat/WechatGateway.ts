// The WeChat Pay barcode-pay gateway (APIv3 付款码支付, wechat-pay.md §1.5–1.8) over Node's fetch and
// crypto. Every answer is verified before it is read; 202 / USERPAYING is waiting; 5xx,
// SYSTEM_ERROR, a timeout, a dropped line or an answer that does not verify are unknown (query);
// business refusals are declines with the cashier's next step; signing/parameter errors are config
// errors. A paid answer must name this merchant before it counts.
import { createPrivateKey } from 'node:crypto';
import { PosError } from '../../common/errors.ts';
import type {
  CancelOutcome, ConfigError, Declined, Gateway, PayOutcome, PayRequest, ProviderRules, QueryOutcome, RefundOutcome, RefundQueryOutcome, RefundRequest, TradeSeen, TradeStatus, Unknown,
} from '../Gateway.ts';
import { CONFIG_CODES, UNKNOWN_CODES, wechatAdvice } from './errorCodes.ts';
import { send, type HttpOptions, type Reply } from './http.ts';
import { identityFields, operatorAttach, partner, paths, sameMerchant, sceneInfo, type MerchantIds } from './merchant.ts';
import { wechatPaidDetail } from '../paidDetail.ts';
import { WECHAT_RULES } from './rules.ts';
import { answerKeys } from './signing.ts';
import type { CloseOutcome, QrGateway, QrOutcome, QrRequest } from '../qr.ts';
import { closeNative, nativePrecreate, type NativeContext } from './wechatQr.ts';
import { ErrorBodySchema, OUT_REFUND_NO, OUT_TRADE_NO, RefundSchema, TransactionSchema, issues, type Transaction, type TradeState } from './wire.ts';

export type WechatGatewayOptions = MerchantIds & {
  baseUrl: string;
  /** The merchant API private key (apiclient_key.pem) and its certificate serial. */
  privateKey: string;
  certSerialNo: string;
  /** The WeChat Pay public key (pub_key.pem) and its id PUB_KEY_ID_…. */
  wechatPayPublicKey: string;
  wechatPayPublicKeyId: string;
  /** Platform certificates (PEM) by serial, for merchants still in that mode. */
  platformCertificates?: ReadonlyArray<{ serial: string; pem: string }>;
  storeId?: string | undefined;
  deviceId?: string | undefined;
  /** Native QR codes' notify_url (https, wechat.notifyUrl): required by WeChat, never relied on. Without it no QR code is offered. */
  notifyUrl?: string | undefined;
  /** Per request; a timeout means the outcome is unknown. */
  requestTimeoutMs?: number;
  training: boolean;
  rules?: Partial<ProviderRules>;
  now?: () => number;
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

const STATUS: Record<TradeState, TradeStatus> = {
  SUCCESS: 'paid', REFUND: 'refunded', NOTPAY: 'waiting', USERPAYING: 'waiting', CLOSED: 'closed', REVOKED: 'closed', PAYERROR: 'failed',
};

const unknown = (reason: string, errorCode: Unknown['errorCode'] = 'GATEWAY_UNKNOWN_OUTCOME'): Unknown => ({ kind: 'unknown', errorCode, reason });

function noTrust(r: Exclude<Reply, { kind: 'answer' }>): Unknown {
  if (r.kind === 'none') return unknown(r.reason);
  return unknown(r.reason, r.signature && r.status < 500 ? 'SIGNATURE_INVALID' : 'GATEWAY_UNKNOWN_OUTCOME');
}

type ErrorAnswer = { code: string; message: string };

function errorOf(body: unknown): ErrorAnswer | undefined {
  const e = ErrorBodySchema.safeParse(body);
  return e.success ? { code: e.data.code, message: e.data.message ?? '' } : undefined;
}

export class WechatGateway implements Gateway, QrGateway {
  readonly provider = 'wechat' as const;
  readonly training: boolean;
  readonly rules: ProviderRules;
  readonly #o: WechatGatewayOptions;
  readonly #http: HttpOptions;

  constructor(o: WechatGatewayOptions) {
    if (!/^\d{6,12}$/.test(o.mchId)) throw new PosError('INVALID_CONFIG', `wechat.mchId ${JSON.stringify(o.mchId)} is not a WeChat Pay merchant number`);
    if (!o.appId) throw new PosError('INVALID_CONFIG', 'wechat.appId is missing');
    if (!o.certSerialNo) throw new PosError('INVALID_CONFIG', 'wechat.certSerialNo is missing');
    if (!o.wechatPayPublicKey || !o.wechatPayPublicKeyId) throw new PosError('INVALID_CONFIG', 'the WeChat Pay public key (wechat.wechatPayPublicKeyPath / wechatPayPublicKeyId) is missing: without it answers cannot be verified, so the till will not charge');
    const base = new URL(o.baseUrl);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname);
    if (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback)) throw new PosError('INVALID_CONFIG', `wechat.baseUrl ${o.baseUrl}: plain http:// only to a loopback address`);
    let privateKey;
    try {
      privateKey = createPrivateKey(o.privateKey);
    } catch {
      throw new PosError('INVALID_CONFIG', 'wechat.privateKeyPath is not a PEM private key (apiclient_key.pem)');
    }
    let keys;
    try {
      keys = answerKeys([[o.wechatPayPublicKeyId, o.wechatPayPublicKey], ...(o.platformCertificates ?? []).map((c) => [c.serial, c.pem] as [string, string])]);
    } catch {
      throw new PosError('INVALID_CONFIG', 'wechat.wechatPayPublicKeyPath is not a PEM public key or certificate (pub_key.pem)');
    }
    this.#o = o;
    this.training = o.training;
    this.rules = { ...WECHAT_RULES, ...o.rules };
    this.#http = {
      baseUrl: base.href,
      signer: { mchId: o.mchId, certSerialNo: o.certSerialNo, privateKey },
      keys,
      wechatPayKeyId: o.wechatPayPublicKeyId,
      requestTimeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      now: o.now ?? Date.now,
    };
  }

  /** 4xx that verified: config error, unknown, or a decline with advice. */
  #refusal(what: string, status: number, body: unknown): Declined | ConfigError | Unknown {
    const e = errorOf(body);
    if (!e) return unknown(`${what}: HTTP ${status} without an error code`);
    if (status === 429 || UNKNOWN_CODES.has(e.code)) return unknown(`${what}: ${e.code} ${e.message}`);
    if (status === 401 || CONFIG_CODES.has(e.code)) return { kind: 'config-error', code: e.code, message: `${e.code} ${e.message}`.trim() };
    return { kind: 'declined', code: String(status), subCode: e.code, message: e.message, advice: wechatAdvice(e.code, e.message) };
  }

  #trade(t: Transaction, outTradeNo: string): { ok: true; seen: TradeSeen; status: TradeStatus } | { ok: false; outcome: Unknown } {
    const wrongMerchant = sameMerchant(this.#o, t);
    if (wrongMerchant) return { ok: false, outcome: unknown(`the answer is not about this merchant (${wrongMerchant}); not treated as paid`, 'GATEWAY_MISMATCH') };
    const status = STATUS[t.trade_state];
    const payer = t.payer?.sub_openid ?? t.payer?.openid ?? t.payer?.sp_openid;
    const seen: TradeSeen = {
      outTradeNo: t.out_trade_no ?? outTradeNo,
      tradeNo: t.transaction_id,
      totalFen: t.amount?.total,
      buyerUserId: payer,
      paidAt: t.success_time,
      // A reversed order that had been paid carries its payment time (training gateway; [UNVERIFIED] live).
      refundedInFull: t.trade_state === 'REVOKED' && t.success_time !== undefined ? true : undefined,
      // 顾客实付 (amount.payer_total) and promotion_detail, who funded each (issue 12).
      ...((status === 'paid' || status === 'refunded') && t.amount?.total !== undefined ? { paidDetail: wechatPaidDetail(t, t.amount.total) } : {}),
    };
    if ((status === 'paid' || status === 'refunded') && (!t.transaction_id || t.amount?.total === undefined || !t.out_trade_no)) {
      return { ok: false, outcome: unknown(`WeChat answered ${t.trade_state} without transaction_id/out_trade_no/amount.total`) };
    }
    return { ok: true, seen, status };
  }

  async pay(req: PayRequest): Promise<PayOutcome> {
    if (!OUT_TRADE_NO.test(req.outTradeNo)) throw new PosError('INVALID_ARGUMENT', `out_trade_no ${req.outTradeNo} breaks WeChat's rule (6–32 of 0-9 A-Z a-z _ - *)`);
    const body = {
      ...identityFields(this.#o),
      description: req.subject.slice(0, 127),
      out_trade_no: req.outTradeNo,
      payer: { auth_code: req.authCode },
      amount: { total: req.amountFen, currency: 'CNY' },
      scene_info: sceneInfo(this.#o),
      // No undiscountable field in codepay (issue 12): the part is journaled and printed, not sent.
      ...operatorAttach(req.operatorId),
    };
    const r = await send(this.#http, 'POST', paths.codepay(this.#o), body);
    if (r.kind !== 'answer') return noTrust(r);
    // v3 codepay: 202 with only {"trade_state":"USERPAYING"} while the buyer confirms (WxJava #4050).
    if (r.status === 202) return { kind: 'waiting' };
    if (r.status >= 500) return unknown(`codepay: HTTP ${r.status} ${errorOf(r.body)?.code ?? ''}`.trim());
    if (r.status >= 400) {
      const e = errorOf(r.body);
      if (e?.code === 'USERPAYING') return { kind: 'waiting' };
      return this.#refusal('codepay', r.status, r.body);
    }
    const t = TransactionSchema.safeParse(r.body);
    if (!t.success) return unknown(`codepay: malformed answer (${issues(t.error)})`);
    if (t.data.trade_state === 'USERPAYING' || t.data.trade_state === 'NOTPAY') return { kind: 'waiting', tradeNo: t.data.transaction_id };
    if (t.data.trade_state !== 'SUCCESS') return unknown(`codepay answered trade_state ${t.data.trade_state}; asking again`);
    const seen = this.#trade(t.data, req.outTradeNo);
    if (!seen.ok) return seen.outcome;
    const s = seen.seen;
    return { kind: 'paid', tradeNo: s.tradeNo!, outTradeNo: s.outTradeNo, totalFen: s.totalFen!, buyerUserId: s.buyerUserId, paidAt: s.paidAt, paidDetail: s.paidDetail };
  }

  async query(outTradeNo: string): Promise<QueryOutcome> {
    const r = await send(this.#http, 'GET', paths.query(this.#o, outTradeNo));
    if (r.kind !== 'answer') return noTrust(r);
    if (r.status >= 500) return unknown(`order query: HTTP ${r.status}`);
    if (r.status >= 400) {
      const e = errorOf(r.body);
      if (r.status === 404 && e?.code === 'ORDER_NOT_EXIST') return { kind: 'not-found' };
      const refusal = this.#refusal('order query', r.status, r.body);
      // A query cannot be "declined": whatever it refuses, the payment's outcome is still open.
      return refusal.kind === 'declined' ? unknown(`order query: ${refusal.subCode} ${refusal.message}`) : refusal;
    }
    const t = TransactionSchema.safeParse(r.body);
    if (!t.success) return unknown(`order query: malformed answer (${issues(t.error)})`);
    if (t.data.out_trade_no !== undefined && t.data.out_trade_no !== outTradeNo) return unknown(`order query answered about ${t.data.out_trade_no}, not ${outTradeNo}`, 'GATEWAY_MISMATCH');
    const seen = this.#trade(t.data, outTradeNo);
    if (!seen.ok) return seen.outcome;
    return { kind: 'status', status: seen.status, ...seen.seen };
  }

  /**
   * Reverse (撤销): closes an unpaid order, refunds a paid one. Asked first what the order is, so the
   * answer can say which; confirmed afterwards by a query (REVOKED / CLOSED), as the issue asks.
   * The 15 s rule is the caller's (rules.minCancelDelayMs); an early reverse is refused by WeChat.
   */
  async cancel(outTradeNo: string): Promise<CancelOutcome> {
    const before = await this.query(outTradeNo);
    if (before.kind === 'status' && before.status === 'closed') return { kind: 'cancelled', action: before.refundedInFull ? 'refund' : 'none' };
    if (before.kind === 'config-error') return before;
    const r = await send(this.#http, 'POST', paths.reverse(this.#o, outTradeNo), identityFields(this.#o));
    // "当撤销无返回或错误时，请再次调用": no answer or a 5xx → try again.
    if (r.kind !== 'answer') return { kind: 'retry', reason: `reverse: ${r.reason}` };
    if (r.status >= 500) return { kind: 'retry', reason: `reverse: HTTP ${r.status} ${errorOf(r.body)?.code ?? ''}`.trim() };
    if (r.status >= 400) {
      const e = errorOf(r.body);
      if (r.status === 404 && e?.code === 'ORDER_NOT_EXIST') return { kind: 'not-found' };
      const refusal = this.#refusal('reverse', r.status, r.body);
      return refusal.kind === 'unknown' ? { kind: 'retry', reason: refusal.reason } : refusal;
    }
    const after = await this.query(outTradeNo);
    if (after.kind === 'status' && after.status === 'closed') {
      const wasPaid = after.refundedInFull || (before.kind === 'status' && (before.status === 'paid' || before.status === 'refunded'));
      return { kind: 'cancelled', action: wasPaid ? 'refund' : 'close' };
    }
    return { kind: 'retry', reason: `reverse answered, but the order query says ${after.kind === 'status' ? after.status : after.kind}` };
  }

  async refund(req: RefundRequest): Promise<RefundOutcome> {
    if (!OUT_REFUND_NO.test(req.outRequestNo)) throw new PosError('INVALID_ARGUMENT', `out_refund_no ${req.outRequestNo} breaks WeChat's rule`);
    const body = {
      ...(partner(this.#o) ? { sub_mchid: this.#o.subMchId } : {}),
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRequestNo,
      ...(req.reason ? { reason: req.reason.slice(0, 80) } : {}),
      amount: { refund: req.amountFen, total: req.totalFen, currency: 'CNY' },
    };
    const r = await send(this.#http, 'POST', paths.refund(), body);
    if (r.kind !== 'answer') return noTrust(r);
    if (r.status >= 500) return unknown(`refund: HTTP ${r.status}`);
    if (r.status >= 400) return this.#refusal('refund', r.status, r.body);
    const a = RefundSchema.safeParse(r.body);
    if (!a.success) return unknown(`refund: malformed answer (${issues(a.error)})`);
    if (a.data.out_refund_no !== req.outRequestNo) return unknown(`refund answered about ${a.data.out_refund_no}, not ${req.outRequestNo}`, 'GATEWAY_MISMATCH');
    // Final word only from the refund query (wechat-pay.md §1.5): SUCCESS here is still confirmed there.
    return a.data.status === 'SUCCESS' ? { kind: 'refunded' } : { kind: 'processing' };
  }

  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome> {
    const r = await send(this.#http, 'GET', paths.refundQuery(this.#o, outRequestNo));
    if (r.kind !== 'answer') return noTrust(r);
    if (r.status >= 500) return unknown(`refund query: HTTP ${r.status}`);
    if (r.status >= 400) {
      const e = errorOf(r.body);
      if (r.status === 404 && (e?.code === 'RESOURCE_NOT_EXISTS' || e?.code === 'ORDER_NOT_EXIST')) return { kind: 'not-found' };
      const refusal = this.#refusal('refund query', r.status, r.body);
      return refusal.kind === 'declined' ? unknown(`refund query: ${refusal.subCode} ${refusal.message}`) : refusal;
    }
    const a = RefundSchema.safeParse(r.body);
    if (!a.success) return unknown(`refund query: malformed answer (${issues(a.error)})`);
    if (a.data.out_trade_no !== undefined && a.data.out_trade_no !== outTradeNo) return unknown(`refund ${outRequestNo} belongs to ${a.data.out_trade_no}, not ${outTradeNo}`, 'GATEWAY_MISMATCH');
    switch (a.data.status) {
      case 'SUCCESS': return { kind: 'refunded', amountFen: a.data.amount.refund };
      case 'PROCESSING': return { kind: 'processing' };
      case 'ABNORMAL': return { kind: 'failed', status: 'ABNORMAL', message: `the refund could not reach the customer's account (${a.data.user_received_account ?? 'unknown account'}); handle it under 交易中心 → 退款管理 on the merchant platform` };
      case 'CLOSED': return { kind: 'failed', status: 'CLOSED', message: 'WeChat Pay closed the refund' };
    }
  }

  /** Native (扫码支付, wechatQr.ts): a code_url for this order, which then answers NOTPAY until paid. */
  async precreate(req: QrRequest): Promise<QrOutcome> {
    return nativePrecreate(this.#native(), req);
  }

  async closeQr(outTradeNo: string): Promise<CloseOutcome> {
    return closeNative(this.#native(), outTradeNo);
  }

  qrUnavailable(): { message: string; messageZh: string } | undefined {
    if (this.#o.notifyUrl) return undefined;
    return {
      message: 'WeChat Pay QR codes need wechat.notifyUrl (an https address; WeChat requires a notify_url, the till itself polls) in the configuration',
      messageZh: '微信扫码收款需要在配置中设置 wechat.notifyUrl（https 地址；微信要求提供通知地址，收银台自行查询结果）',
    };
  }

  #native(): NativeContext {
    return { http: this.#http, ids: this.#o, notifyUrl: this.#o.notifyUrl, refusal: (what, status, body) => this.#refusal(what, status, body) };
  }
}
