// The Alipay barcode-pay gateway over alipay-sdk 4.x `exec` (barcode-pay.md). Every response is
// signature-checked (`validateSign: true`); the SDK skips that check when the public key is empty,
// so the constructor refuses to run without one (model-codebases.md: fail closed).
import { fenToYuan } from '../common/money.ts';
import { CONFIG_ERROR_CODES, SYSTEM_ERROR_SUB_CODES, describe, fen, type Answer } from './alipayAnswer.ts';
import { NO_PROVIDER_LIMITS, type CancelOutcome, type Gateway, type PayOutcome, type PayRequest, type ProviderRules, type QueryOutcome, type RefundOutcome, type RefundQueryOutcome, type RefundRequest, type TradeStatus, type Unknown } from './Gateway.ts';
import { ALIPAY_PAY_QUERY_OPTIONS, alipayPaidDetail } from './paidDetail.ts';
import type { AlipayCertContents } from './alipayCerts.ts';
import { AlipayClient } from './alipayClient.ts';
import { disableUrllibResend } from './noResend.ts';
import type { CloseOutcome, QrGateway, QrOutcome, QrRequest } from './qr.ts';

disableUrllibResend();

export type AlipayGatewayOptions = {
  appId: string;
  privateKey: string;
  alipayPublicKey: string;
  gatewayUrl: string;
  /** Per request; a timeout means the outcome is unknown. Default 15000: SDK's 5000 is too short for trade.pay. */
  requestTimeoutMs?: number;
  appAuthToken?: string | undefined;
  storeId?: string | undefined;
  terminalId?: string | undefined;
  operatorId?: string | undefined;
  training: boolean;
  /** Certificate mode (公钥证书): calls go through AlipayClient, which also checks each answer's alipay_cert_sn. */
  certs?: AlipayCertContents | undefined;
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Alipay's trade_status in the port's words; TRADE_CLOSED is closed unpaid, or paid and refunded in full. */
const TRADE_STATUSES: Record<string, TradeStatus> = { WAIT_BUYER_PAY: 'waiting', TRADE_SUCCESS: 'paid', TRADE_FINISHED: 'paid', TRADE_CLOSED: 'closed' };

type Exec = { ok: true; answer: Answer } | { ok: false; outcome: Unknown };

/**
 * The sale's parts (issue 12, qr-bills-transfers.md §5): total = discountable + undiscountable;
 * all of it discountable → neither is sent. A discountable part of 0.00 is left out (Alipay's
 * amounts start at 0.01): undiscountable = total then says the same.
 */
function discountFields(totalFen: number, undiscountableFen: number | undefined): Record<string, string> {
  if (!undiscountableFen) return {};
  const discountableFen = totalFen - undiscountableFen;
  return { undiscountable_amount: fenToYuan(undiscountableFen), ...(discountableFen > 0 ? { discountable_amount: fenToYuan(discountableFen) } : {}) };
}

export class AlipayGateway implements Gateway, QrGateway {
  readonly provider = 'alipay' as const;
  readonly training: boolean;
  readonly rules: ProviderRules = NO_PROVIDER_LIMITS;
  readonly #o: AlipayGatewayOptions;
  /** Key or certificate mode alike: one client signs every call and verifies every answer. */
  readonly #client: AlipayClient;

  constructor(o: AlipayGatewayOptions) {
    this.#client = new AlipayClient({
      appId: o.appId,
      privateKey: o.privateKey,
      signing: o.certs ? { mode: 'cert', ...o.certs } : { mode: 'key', alipayPublicKey: o.alipayPublicKey },
      gatewayUrl: o.gatewayUrl,
      requestTimeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      appAuthToken: o.appAuthToken,
    });
    this.#o = o;
    this.training = o.training;
  }

  async #exec(method: string, bizContent: Record<string, unknown>): Promise<Exec> {
    const r = await this.#client.exec(method, bizContent);
    return r.ok ? { ok: true, answer: r.answer } : r;
  }

  async pay(req: PayRequest): Promise<PayOutcome> {
    const r = await this.#exec('alipay.trade.pay', {
      out_trade_no: req.outTradeNo,
      scene: 'bar_code',
      auth_code: req.authCode,
      product_code: 'FACE_TO_FACE_PAYMENT',
      subject: req.subject,
      total_amount: fenToYuan(req.amountFen),
      ...discountFields(req.amountFen, req.undiscountableFen),
      store_id: this.#o.storeId,
      terminal_id: this.#o.terminalId,
      // The signed-in cashier, else the till's configured operator.
      operator_id: req.operatorId ?? this.#o.operatorId,
      // Minutes, as Alipay's unit letter says: '5m' is five minutes ('300m' would be five hours).
      timeout_express: `${req.payTimeoutMinutes}m`,
      query_options: [...ALIPAY_PAY_QUERY_OPTIONS],
    });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    switch (a.code) {
      case '10000':
        if (!a.tradeNo || !a.outTradeNo || a.totalAmount === undefined) return unknown(`trade.pay answered 10000 without trade_no/out_trade_no/total_amount`);
        return { kind: 'paid', tradeNo: a.tradeNo, outTradeNo: a.outTradeNo, totalFen: fen(a.totalAmount)!, buyerLogonId: a.buyerLogonId, buyerUserId: a.buyerUserId, paidAt: a.gmtPayment, paidDetail: alipayPaidDetail(a, fen(a.totalAmount)!) };
      case '10003':
        return { kind: 'waiting', tradeNo: a.tradeNo };
      case '40004':
        // TRADE_HAS_SUCCESS: this out_trade_no is already paid — settle it by query, not as a failure.
        if (SYSTEM_ERROR_SUB_CODES.has(a.subCode ?? '') || a.subCode === 'ACQ.TRADE_HAS_SUCCESS') return unknown(`trade.pay: ${describe(a)}`);
        return { kind: 'declined', code: a.code, subCode: a.subCode ?? '', message: a.subMsg ?? a.msg ?? '' };
      default:
        if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
        return unknown(`trade.pay: ${describe(a)}`);
    }
  }

  async query(outTradeNo: string): Promise<QueryOutcome> {
    const r = await this.#exec('alipay.trade.query', { out_trade_no: outTradeNo, query_options: [...ALIPAY_PAY_QUERY_OPTIONS] });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    if (a.code === '10000') {
      const status = TRADE_STATUSES[a.tradeStatus ?? ''];
      if (status === undefined || !a.tradeNo || !a.outTradeNo || a.totalAmount === undefined) return unknown(`trade.query answered 10000 without a usable trade_status/trade_no/total_amount`);
      return { kind: 'status', status, tradeNo: a.tradeNo, outTradeNo: a.outTradeNo, totalFen: fen(a.totalAmount)!, buyerLogonId: a.buyerLogonId, buyerUserId: a.buyerUserId, paidAt: a.sendPayDate, ...(status === 'paid' || status === 'refunded' ? { paidDetail: alipayPaidDetail(a, fen(a.totalAmount)!) } : {}) };
    }
    if (a.code === '40004' && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'not-found' };
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return unknown(`trade.query: ${describe(a)}`);
  }

  async cancel(outTradeNo: string): Promise<CancelOutcome> {
    const r = await this.#exec('alipay.trade.cancel', { out_trade_no: outTradeNo });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    if (a.retryFlag === 'Y' || SYSTEM_ERROR_SUB_CODES.has(a.subCode ?? '')) return { kind: 'retry', reason: `trade.cancel: ${describe(a)} (retry_flag ${a.retryFlag ?? '-'})` };
    if (a.code === '10000') {
      const action = a.action === 'close' || a.action === 'refund' ? a.action : 'none';
      return { kind: 'cancelled', action };
    }
    if (a.code === '40004' && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'not-found' };
    if (a.code === '40004') return { kind: 'declined', code: a.code, subCode: a.subCode ?? '', message: a.subMsg ?? a.msg ?? '' };
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return { kind: 'retry', reason: `trade.cancel: ${describe(a)}` };
  }

  /** alipay.trade.precreate (qr-bills-transfers.md §2.1): the trade exists at Alipay only once the customer scans. */
  async precreate(req: QrRequest): Promise<QrOutcome> {
    // Minutes, as Alipay's unit letter says ('2m'); the till's own deadline is what ends the wait.
    const minutes = req.timeoutMinutes;
    const r = await this.#exec('alipay.trade.precreate', {
      out_trade_no: req.outTradeNo,
      subject: req.subject,
      total_amount: fenToYuan(req.amountFen),
      ...discountFields(req.amountFen, req.undiscountableFen),
      store_id: this.#o.storeId,
      terminal_id: this.#o.terminalId,
      operator_id: req.operatorId ?? this.#o.operatorId,
      qr_code_timeout_express: `${minutes}m`,
      timeout_express: `${minutes}m`,
    });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    const qrCode = (a as Record<string, unknown>).qrCode;
    if (a.code === '10000') {
      if (typeof qrCode !== 'string' || qrCode === '' || a.outTradeNo !== req.outTradeNo) return unknown('trade.precreate answered 10000 without a qr_code for this out_trade_no');
      return { kind: 'qr', qrCode };
    }
    if (a.code === '40004' && !SYSTEM_ERROR_SUB_CODES.has(a.subCode ?? '')) return { kind: 'declined', code: a.code, subCode: a.subCode ?? '', message: a.subMsg ?? a.msg ?? '' };
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return unknown(`trade.precreate: ${describe(a)}`);
  }

  /** alipay.trade.close: never refunds; a paid trade answers ACQ.TRADE_STATUS_ERROR (not closable). */
  async closeQr(outTradeNo: string): Promise<CloseOutcome> {
    const r = await this.#exec('alipay.trade.close', { out_trade_no: outTradeNo });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    if (a.code === '10000') return { kind: 'closed' };
    if (SYSTEM_ERROR_SUB_CODES.has(a.subCode ?? '')) return { kind: 'retry', reason: `trade.close: ${describe(a)}` };
    if (a.code === '40004' && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'not-found' };
    if (a.code === '40004') return { kind: 'not-closable', reason: `trade.close: ${describe(a)}` };
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return { kind: 'retry', reason: `trade.close: ${describe(a)}` };
  }

  async refund(req: RefundRequest): Promise<RefundOutcome> {
    const r = await this.#exec('alipay.trade.refund', {
      out_trade_no: req.outTradeNo,
      out_request_no: req.outRequestNo,
      refund_amount: fenToYuan(req.amountFen),
      refund_reason: req.reason,
      store_id: this.#o.storeId,
      terminal_id: this.#o.terminalId,
      operator_id: req.operatorId ?? this.#o.operatorId,
    });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    if (a.code === '10000') {
      if (a.refundFee === undefined) return unknown('trade.refund answered 10000 without refund_fee');
      // fund_change N is a replay of a refund already made under this out_request_no: the same refund.
      return { kind: 'refunded' };
    }
    if (a.code === '40004' && !SYSTEM_ERROR_SUB_CODES.has(a.subCode ?? '')) return { kind: 'declined', code: a.code, subCode: a.subCode ?? '', message: a.subMsg ?? a.msg ?? '' };
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return unknown(`trade.refund: ${describe(a)}`);
  }

  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome> {
    const r = await this.#exec('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRequestNo });
    if (!r.ok) return r.outcome;
    const a = r.answer;
    if (a.code === '10000') {
      // Alipay answers 10000 with no refund fields when there is no such refund.
      if (a.refundAmount !== undefined && (a.refundStatus === undefined || a.refundStatus === 'REFUND_SUCCESS')) return { kind: 'refunded', amountFen: fen(a.refundAmount)! };
      return { kind: 'not-found' };
    }
    if (CONFIG_ERROR_CODES.has(a.code)) return { kind: 'config-error', code: a.code, subCode: a.subCode, message: describe(a) };
    return unknown(`refund.query: ${describe(a)}`);
  }
}

function unknown(reason: string): Unknown {
  return { kind: 'unknown', errorCode: 'GATEWAY_UNKNOWN_OUTCOME', reason };
}
