// The port the red-packet sender needs from a provider: one B2C transfer and its query, in
// outcomes the sender can act on. An adapter turns every answer into one of these; anything it
// cannot vouch for is `unknown` (resolved by query, then a resend with identical parameters).
import type { Fen } from '../common/money.ts';

export type PayeeType = 'ALIPAY_OPEN_ID' | 'ALIPAY_USER_ID';

export type TransferRequest = {
  /** The idempotency key, journaled before the first send and reused on every resend. */
  outBizNo: string;
  amountFen: Fen;
  payeeType: PayeeType;
  payeeId: string;
  /** Shown in the payee's Alipay bill. */
  orderTitle: string;
};

export type TransferSent = { kind: 'sent'; orderId: string | undefined; payFundOrderId: string | undefined; sentAt: string | undefined };
/** Definite: nothing was paid, and resending would not change that (balance, payee, limits, set-up). */
export type TransferRefused = { kind: 'refused'; code: string; subCode: string; message: string };
export type TransferUnknown = { kind: 'unknown'; reason: string };

export type TransferOutcome = TransferSent | TransferRefused | TransferUnknown;

export type TransferQueryOutcome =
  | TransferSent
  | TransferRefused
  /** Alipay has no packet under this out_biz_no: it never arrived, so resending it is safe. */
  | { kind: 'not-found' }
  /** DEALING and the like: ask again later. */
  | { kind: 'pending'; status: string }
  | TransferUnknown;

export interface TransferPort {
  readonly training: boolean;
  transfer(req: TransferRequest): Promise<TransferOutcome>;
  query(outBizNo: string): Promise<TransferQueryOutcome>;
}
