// What a barcode-pay provider can honestly say, in words both Alipay and WeChat Pay fill (design.md
// "Providers"). An adapter maps its wire answers here; anything it cannot vouch for (a throw after
// the request left, a bad signature, a malformed body, a 5xx) is `unknown`, never a decline.
import type { Fen } from '../common/money.ts';
import type { PaidDetail } from './paidDetail.ts';
import type { DeclineAdvice } from '../common/payment/declines.ts';

export type PayRequest = {
  outTradeNo: string;
  authCode: string;
  amountFen: Fen;
  subject: string;
  /** How long the gateway keeps an unpaid trade open, in minutes (Alipay `timeout_express`; WeChat ignores it). */
  payTimeoutMinutes: number;
} & SaleParts;

/**
 * Issue 12 part B, on every pay and QR request. `undiscountableFen`: the part not eligible for
 * promotions (Alipay undiscountable_amount; absent or 0 = all of it is). `operatorId`: the
 * signed-in cashier, sent instead of the configured alipay.operatorId.
 */
export type SaleParts = {
  undiscountableFen?: number | undefined;
  operatorId?: string | undefined;
};

export type PaidTrade = {
  /** The provider's own trade number (Alipay trade_no, WeChat transaction_id). */
  tradeNo: string;
  outTradeNo: string;
  totalFen: number;
  buyerLogonId?: string | undefined;
  buyerUserId?: string | undefined;
  paidAt?: string | undefined;
  /** What the customer paid and the shop receives, discounts by who funded them (paidDetail.ts). */
  paidDetail?: PaidDetail | undefined;
};

export type Unknown = { kind: 'unknown'; errorCode: 'GATEWAY_UNKNOWN_OUTCOME' | 'SIGNATURE_INVALID' | 'GATEWAY_MISMATCH'; reason: string };
/** The provider refused the request itself (keys, ids, parameters): nothing was charged. */
export type ConfigError = { kind: 'config-error'; code: string; subCode?: string | undefined; message: string };
/** A definite business refusal: nothing was charged. `advice` is the cashier's next step, when the adapter knows one. */
export type Declined = { kind: 'declined'; code: string; subCode: string; message: string; advice?: DeclineAdvice | undefined };

export type PayOutcome =
  | ({ kind: 'paid' } & PaidTrade)
  | { kind: 'waiting'; tradeNo?: string | undefined }
  | Declined
  | ConfigError
  | Unknown;

/**
 * A trade as a query sees it.
 * - `waiting`: not paid yet, the buyer may still confirm (Alipay WAIT_BUYER_PAY; WeChat USERPAYING, NOTPAY)
 * - `paid`: paid (TRADE_SUCCESS, TRADE_FINISHED; SUCCESS)
 * - `refunded`: was paid, then refunded in part or full (WeChat REFUND)
 * - `closed`: closed with nothing charged, or paid and refunded in full by a cancel (TRADE_CLOSED; CLOSED, REVOKED)
 * - `failed`: the payment failed at the provider, nothing charged (WeChat PAYERROR)
 */
export type TradeStatus = 'waiting' | 'paid' | 'refunded' | 'closed' | 'failed';

export type TradeSeen = {
  outTradeNo: string;
  /** Always present when `status` is paid or refunded. */
  tradeNo?: string | undefined;
  /** Always present when `status` is paid or refunded. */
  totalFen?: number | undefined;
  buyerLogonId?: string | undefined;
  buyerUserId?: string | undefined;
  paidAt?: string | undefined;
  paidDetail?: PaidDetail | undefined;
  /** `closed` after a cancel of a paid trade: the money went back in full. */
  refundedInFull?: boolean | undefined;
};

export type QueryOutcome =
  | ({ kind: 'status'; status: TradeStatus } & TradeSeen)
  | { kind: 'not-found' }
  | ConfigError
  | Unknown;

export type CancelOutcome =
  /** close: nothing was charged; refund: it had been paid and went back in full; none: nothing to do. */
  | { kind: 'cancelled'; action: 'close' | 'refund' | 'none' }
  /** No trade under this number: safe to call "nothing charged" only once a late pay cannot arrive. */
  | { kind: 'not-found' }
  | { kind: 'retry'; reason: string }
  | ConfigError
  | Declined
  | Unknown;

export type RefundRequest = {
  outTradeNo: string;
  /** The idempotency key, journaled first and reused on every retry (Alipay out_request_no, WeChat out_refund_no). */
  outRequestNo: string;
  amountFen: Fen;
  /** The order's total (WeChat requires it with every refund). */
  totalFen: Fen;
  reason?: string;
  /** The cashier who made the refund (issue 12): Alipay operator_id instead of alipay.operatorId; WeChat has no such field. */
  operatorId?: string | undefined;
};

export type RefundOutcome =
  /** Done: this refund (new or replayed under the same number) is in the provider's books. */
  | { kind: 'refunded' }
  /** Accepted, not final yet (WeChat PROCESSING): confirm by refund query. */
  | { kind: 'processing' }
  | Declined
  | ConfigError
  | Unknown;

export type RefundQueryOutcome =
  | { kind: 'refunded'; amountFen: number }
  | { kind: 'processing' }
  /** ABNORMAL (the buyer's account could not take it) or CLOSE: someone must act by hand. */
  | { kind: 'failed'; status: string; message: string }
  | { kind: 'not-found' }
  | ConfigError
  | Unknown;

/**
 * A provider's timings, so Checkout follows them without knowing whose they are.
 */
export type ProviderRules = {
  /** No cancel is sent sooner than this after the order was made (WeChat: reverse ≥ 15 s after codepay). */
  minCancelDelayMs: number;
  /** The wait for the buyer is capped here, below the provider's own automatic revoke (WeChat ~45 s); undefined: no cap. */
  maxWaitSeconds: number | undefined;
  /**
   * After "no such trade", how long after the order was made a pay request still on its way could
   * create it; undefined: the caller's own rule (Alipay: timeout_express plus a minute).
   */
  lateTradeWindowMs: number | undefined;
  /** Two refunds of one order at least this far apart (WeChat: one minute). */
  minRefundGapMs: number;
};
