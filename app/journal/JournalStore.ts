// The JournalStore port: the durable record of every sale, payment attempt, state change and
// refund. An attempt is written before the gateway is called and every state change before the
// next step (design.md), so a crash at any point leaves something the recovery pass can settle.
import type { Provider } from '../common/codes.ts';
import type { AttemptState, PaymentEvent } from '../common/payment/machine.ts';

export type AttemptRecord = {
  outTradeNo: string;
  saleId: number;
  provider: Provider;
  amountFen: number;
  subject: string;
  codeHash: string;
  codeLast4: string;
  state: AttemptState;
  training: boolean;
  tradeNo: string | null;
  buyerLogonId: string | null;
  buyerUserId: string | null;
  paidAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  cancelAction: string | null;
  createdAt: number;
  updatedAt: number;
  day: string;
};

export type NewAttempt = Pick<AttemptRecord, 'outTradeNo' | 'provider' | 'amountFen' | 'subject' | 'codeHash' | 'codeLast4' | 'training' | 'createdAt'>;

export type AttemptPatch = Partial<Pick<AttemptRecord, 'tradeNo' | 'buyerLogonId' | 'buyerUserId' | 'paidAt' | 'errorCode' | 'errorMessage' | 'cancelAction'>>;

export type RefundState = 'PENDING' | 'SUCCESS' | 'FAILED' | 'UNKNOWN';

export type RefundRecord = {
  outRequestNo: string;
  outTradeNo: string;
  amountFen: number;
  state: RefundState;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
  day: string;
};

export type JournalEvent = { id: number; at: number; outTradeNo: string | null; outRequestNo: string | null; type: string; data: Record<string, unknown> };

export type ReportRow = { provider: Provider; state: AttemptState; count: number; amountFen: number };

export type DayReport = {
  day: string;
  training: boolean;
  rows: ReportRow[];
  paid: { count: number; amountFen: number };
  refunds: { count: number; amountFen: number };
  netFen: number;
  unresolved: number;
};

/** A day closed by a Z report: numbered in sequence, with the totals as they were at the close. */
export type DayClosure = { day: string; training: boolean; zNumber: number; closedAt: number; report: DayReport; firstClose: boolean };

export interface JournalStore {
  /**
   * Writes the sale and its attempt; refuses (ATTEMPT_UNRESOLVED) while another attempt is not
   * final. With `sending`, the attempt is also marked SENT in the same transaction: one durable
   * write on the scan→request path instead of two, and recovery treats CREATED and SENT alike.
   */
  createAttempt(a: NewAttempt, o?: { sending?: boolean }): AttemptRecord;
  /** Applies `event` to the attempt if it is still in state `from`; writes the event log in the same transaction. */
  recordTransition(outTradeNo: string, from: AttemptState, event: PaymentEvent, patch: AttemptPatch, at: number, data?: Record<string, unknown>): AttemptRecord;
  getAttempt(outTradeNo: string): AttemptRecord | undefined;
  unresolvedAttempts(): AttemptRecord[];
  listAttempts(q: { day?: string; training?: boolean; limit?: number }): AttemptRecord[];
  /**
   * Writes a refund before the gateway is called; refuses (REFUND_EXCEEDS_PAID) more than what is
   * left. A function for `outRequestNo` is given the refund's 1-based number for this trade,
   * counted inside the same transaction, so two processes cannot pick the same number.
   */
  createRefund(r: { outRequestNo: string | ((n: number) => string); outTradeNo: string; amountFen: number; createdAt: number }): RefundRecord;
  /** Settles a PENDING or UNKNOWN refund; one already settled (by another process) is returned unchanged. */
  updateRefund(outRequestNo: string, state: RefundState, patch: { errorCode?: string | null; errorMessage?: string | null }, at: number, data?: Record<string, unknown>): RefundRecord;
  refundsFor(outTradeNo: string): RefundRecord[];
  unresolvedRefunds(): RefundRecord[];
  events(outTradeNo: string): JournalEvent[];
  report(day: string, training: boolean): DayReport;
  /** Closes `day` (Z report) once; closing it again returns the first closure (a reprint). */
  closeDay(day: string, training: boolean, at: number): DayClosure;
  /** HMAC of a payment code under this journal's own secret: the code itself is never stored. */
  hashCode(code: string): string;
  close(): void;
}
