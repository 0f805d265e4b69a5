// The QrGateway port: the other direction of a counter payment (issue 11). The till asks the
// provider for a QR code for this order (Alipay alipay.trade.precreate, WeChat v3 Native), shows it
// on the customer display, and settles by polling the ordinary query: a counter behind NAT has no
// public address for notifications. Outcomes are in the Gateway port's words (outcomes.ts).
import type { Provider } from '../common/codes.ts';
import type { Fen } from '../common/money.ts';
import type { ConfigError, Declined, SaleParts, Unknown } from './outcomes.ts';

export type QrRequest = {
  outTradeNo: string;
  amountFen: Fen;
  subject: string;
  /** The last moment the customer may pay (epoch ms, WeChat time_expire). */
  expiresAtMs: number;
  /** The same, as whole minutes from now (Alipay qr_code_timeout_express / timeout_express). */
  timeoutMinutes: number;
} & SaleParts;

export type QrOutcome =
  /** qrCode: the text to render as a QR code (Alipay https://qr.alipay.com/…, WeChat weixin://…). */
  | { kind: 'qr'; qrCode: string }
  | Declined
  | ConfigError
  | Unknown;

export type CloseOutcome =
  /** The provider closed the order: it can no longer be paid. */
  | { kind: 'closed' }
  /** The provider has no order under this number (Alipay: an unscanned precreate). It may still appear. */
  | { kind: 'not-found' }
  /** The order is paid (or the provider refused the close for its state): a query says which. */
  | { kind: 'not-closable'; reason: string }
  | { kind: 'retry'; reason: string }
  | ConfigError
  | Unknown;

export interface QrGateway {
  readonly provider: Provider;
  readonly training: boolean;
  precreate(req: QrRequest): Promise<QrOutcome>;
  closeQr(outTradeNo: string): Promise<CloseOutcome>;
  /**
   * Why this provider cannot make a QR code on this till although it is configured (WeChat without
   * wechat.notifyUrl on a live till), in both languages; undefined: it can. Asked before anything is journaled.
   */
  qrUnavailable?(): { message: string; messageZh: string } | undefined;
}

export function isQrGateway<T extends object>(g: T): g is T & QrGateway {
  return typeof (g as Partial<QrGateway>).precreate === 'function' && typeof (g as Partial<QrGateway>).closeQr === 'function';
}
