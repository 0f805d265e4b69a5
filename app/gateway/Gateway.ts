// The Gateway port: what Checkout needs from a barcode-pay provider, in typed outcomes. An adapter
// turns every answer into one of these; anything it cannot vouch for (a throw after the request
// left, a bad signature, a malformed body) is `unknown`, never a decline (barcode-pay.md).
import type { Fen } from '../common/money.ts';

export type PayRequest = {
  outTradeNo: string;
  authCode: string;
  amountFen: Fen;
  subject: string;
  /** How long the gateway keeps an unpaid trade open, in minutes (`timeout_express: '5m'`). */
  payTimeoutMinutes: number;
};

export type PaidTrade = {
  tradeNo: string;
  outTradeNo: string;
  totalFen: number;
  buyerLogonId?: string | undefined;
  buyerUserId?: string | undefined;
  paidAt?: string | undefined;
};

export type Unknown = { kind: 'unknown'; errorCode: 'GATEWAY_UNKNOWN_OUTCOME' | 'SIGNATURE_INVALID' | 'GATEWAY_MISMATCH'; reason: string };
export type ConfigError = { kind: 'config-error'; code: string; subCode?: string | undefined; message: string };
export type Declined = { kind: 'declined'; code: string; subCode: string; message: string };

export type PayOutcome =
  | ({ kind: 'paid' } & PaidTrade)
  | { kind: 'waiting'; tradeNo?: string | undefined }
  | Declined
  | ConfigError
  | Unknown;

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_FINISHED' | 'TRADE_CLOSED';

export type QueryOutcome =
  | ({ kind: 'status'; status: TradeStatus } & PaidTrade)
  | { kind: 'not-found' }
  | ConfigError
  | Unknown;

export type CancelOutcome =
  | { kind: 'cancelled'; action: 'close' | 'refund' | 'none' }
  /** No trade under this number: safe to call "nothing charged" only once a late pay cannot arrive. */
  | { kind: 'not-found' }
  | { kind: 'retry'; reason: string }
  | ConfigError
  | Declined
  | Unknown;

export type RefundRequest = { outTradeNo: string; outRequestNo: string; amountFen: Fen; reason?: string };

export type RefundOutcome =
  | { kind: 'refunded'; refundedTotalFen: number; fundChange: boolean }
  | Declined
  | ConfigError
  | Unknown;

export type RefundQueryOutcome =
  | { kind: 'refunded'; amountFen: number }
  | { kind: 'not-found' }
  | ConfigError
  | Unknown;

export interface Gateway {
  readonly provider: 'alipay';
  /** True when this gateway is the training gateway: every answer and receipt says so. */
  readonly training: boolean;
  pay(req: PayRequest): Promise<PayOutcome>;
  query(outTradeNo: string): Promise<QueryOutcome>;
  cancel(outTradeNo: string): Promise<CancelOutcome>;
  refund(req: RefundRequest): Promise<RefundOutcome>;
  refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome>;
}
