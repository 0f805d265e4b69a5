// What every gateway method handler receives and returns.
import type { Inner } from './answers.ts';
import type { Behaviour } from './behaviours.ts';
import type { Biz } from './biz-params.ts';
import type { TradeStore } from './trade-store.ts';

/**
 * How the answer reaches the till. Anything but `now` is a failure the till must survive:
 * `after` a late answer (past the client's timeout), `drop` no answer at all, `forged` an answer
 * signed with a key the till does not trust.
 */
export type Delivery = { kind: 'now' } | { kind: 'after'; afterMs: number } | { kind: 'drop' } | { kind: 'forged' }
  /** Signed with the right key, but naming an Alipay certificate serial the till was never given. */
  | { kind: 'forged-cert-sn' };

export type Handled = { answer: Inner; delivery?: Delivery };

export type MethodContext = {
  store: TradeStore;
  nowMs: number;
  behaviourFor: (authCode: string) => Behaviour;
  /** The calling app (open ids are per app). */
  appId: string;
  /** The request was signed in certificate mode (app_cert_sn and alipay_root_cert_sn checked). */
  certMode: boolean;
  slowAnswerMs: number;
  /** A signed, 30-second bill_download_url for `day` on this gateway (bill-route.ts); absent: no bills. */
  billLink?: ((day: string) => string) | undefined;
  /** Where the training customer "scans" a precreated QR code (served by the training gateway itself). */
  qrLink?: ((outTradeNo: string) => string) | undefined;
};

export type MethodHandler = (biz: Biz, ctx: MethodContext) => Handled;
