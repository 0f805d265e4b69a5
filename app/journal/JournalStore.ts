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
  /** The Shanghai day it is booked on: its creation day until final, then the day it was paid (the gateway's payment time, as Alipay's bill has it) or ended. */
  day: string;
  /** Why a cancel was decided (cashier, wait-limit, unverified, not-found, recovery); null while none was. */
  cancelReason: string | null;
  /** The process settling this attempt (issue 8 item 3): others leave it alone until the lease lapses. */
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  /** The business period (the number of the Z that closes it) it was booked into when it became final. */
  period: number | null;
  bookedAt: number | null;
  /** How the customer paid: 'barcode' (the till scanned the customer's code) or 'qr' (the customer scanned the till's QR, issue 11). */
  method: PaymentMethod;
  /** A QR payment's code text and the moment it expires (epoch ms); null for barcode payments. */
  qrCode: string | null;
  qrExpiresAt: number | null;
  /** JSON of app/gateway/paidDetail.ts PaidDetail from the paid answer (migration 5); null before it or when unpaid. */
  paidDetail: string | null;
  /** The part not eligible for promotions (不参与优惠金额, migration 9), as sent; 0: the whole sale took part. */
  undiscountableFen: number;
  /** The signed-in cashier's id, sent as Alipay operator_id (migration 9); null: none was signed in. */
  cashier: string | null;
};

export type PaymentMethod = 'barcode' | 'qr';

/** Who settles an attempt, until when (ms since the epoch). */
export type Lease = { owner: string; expiresAt: number };

export type NewAttempt = Pick<AttemptRecord, 'outTradeNo' | 'provider' | 'amountFen' | 'subject' | 'codeHash' | 'codeLast4' | 'training' | 'createdAt'> & {
  /** Default 'barcode'. */
  method?: PaymentMethod;
  /** Default 0 / null (issue 12 part B). */
  undiscountableFen?: number;
  cashier?: string | null;
};

export type AttemptPatch = Partial<Pick<AttemptRecord, 'tradeNo' | 'buyerLogonId' | 'buyerUserId' | 'paidAt' | 'errorCode' | 'errorMessage' | 'cancelAction' | 'cancelReason' | 'qrCode' | 'qrExpiresAt' | 'paidDetail'>>;

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
  /** Set when the refund is settled (SUCCESS or FAILED): the business period it is booked into. */
  period: number | null;
  bookedAt: number | null;
  /** The cashier who asked for it, sent as Alipay operator_id (migration 12); null: none was signed in. */
  cashier: string | null;
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
  /**
   * Paid payments and settled refunds by the cashier who took or made them (issue 12), cashier
   * null = nobody was signed in. Absent in a Z stored before it was counted.
   */
  cashiers?: CashierTotals[];
};

export type CashierTotals = { cashier: string | null; paid: { count: number; amountFen: number }; refunds: { count: number; amountFen: number } };

/** A day closed by a Z report: numbered in sequence, with the totals as they were at the close. */
export type DayClosure = { day: string; training: boolean; zNumber: number; closedAt: number; report: DayReport; firstClose: boolean };

/**
 * The takings of one business period: everything booked (became final) after the previous Z and
 * up to the Z numbered `period` (or up to now, for the open period). `day` is the Z's day once closed.
 */
export type PeriodReport = DayReport & { period: number; closed: { zNumber: number; closedAt: number } | null; since: number | null };

export interface JournalStore {
  /**
   * Writes the sale and its attempt; refuses (ATTEMPT_UNRESOLVED) while another attempt is not
   * final. With `sending`, the attempt is also marked SENT in the same transaction: one durable
   * write on the scan→request path instead of two, and recovery treats CREATED and SENT alike.
   */
  createAttempt(a: NewAttempt, o?: { sending?: boolean; lease?: Lease }): AttemptRecord;
  /**
   * Applies `event` to the attempt if it is still in state `from`; writes the event log in the same
   * transaction. Reaching a final state books it: `period` (the open business period) and
   * `bookedAt` are stamped and `day` becomes the day it was paid (`paidAt`) or ended.
   */
  recordTransition(outTradeNo: string, from: AttemptState, event: PaymentEvent, patch: AttemptPatch, at: number, data?: Record<string, unknown>): AttemptRecord;
  getAttempt(outTradeNo: string): AttemptRecord | undefined;
  /**
   * Takes the attempt's lease if it is still exactly `seen` (compare-and-set; null: no lease), and
   * logs a `lease-taken` event naming the previous owner. False: someone else changed it first.
   */
  takeLease(outTradeNo: string, next: Lease, seen: Lease | null, at: number): boolean;
  /** Extends a lease this owner still holds; false when another process has taken it over. */
  renewLease(outTradeNo: string, lease: Lease): boolean;
  /** Gives the lease up (only if `owner` still holds it). */
  releaseLease(outTradeNo: string, owner: string): void;
  unresolvedAttempts(): AttemptRecord[];
  listAttempts(q: { day?: string; training?: boolean; limit?: number }): AttemptRecord[];
  /**
   * Writes a refund before the gateway is called; refuses (REFUND_EXCEEDS_PAID) more than what is
   * left. A function for `outRequestNo` is given the refund's 1-based number for this trade,
   * counted inside the same transaction, so two processes cannot pick the same number.
   */
  /** `reason` (the cashier's, shown to the buyer by the provider) is kept in the refund's first event, so every resend carries it. */
  createRefund(r: { outRequestNo: string | ((n: number) => string); outTradeNo: string; amountFen: number; createdAt: number; reason?: string | undefined; cashier?: string | undefined }): RefundRecord;
  /** Settles a PENDING or UNKNOWN refund; one already settled (by another process) is returned unchanged. */
  updateRefund(outRequestNo: string, state: RefundState, patch: { errorCode?: string | null; errorMessage?: string | null }, at: number, data?: Record<string, unknown>): RefundRecord;
  refundsFor(outTradeNo: string): RefundRecord[];
  unresolvedRefunds(): RefundRecord[];
  events(outTradeNo: string): JournalEvent[];
  /**
   * Notes on an attempt that change no state (issue 8 item 4): 'delivered' when the process that
   * took the payment handed its SUCCESS to the cashier; 'acknowledged' when the cashier was shown a
   * SUCCESS that nobody delivered (settled by a recovery pass, another process, after a crash).
   */
  note(outTradeNo: string, type: 'delivered' | 'acknowledged', at: number, data?: Record<string, unknown>): void;
  /** SUCCESS attempts that became final since `sinceMs` and were neither delivered nor acknowledged. */
  unseenPaid(sinceMs: number, training: boolean): AttemptRecord[];
  /** The calendar day: attempts and refunds booked on it (see AttemptRecord.day). */
  report(day: string, training: boolean): DayReport;
  /** A business period: `period` omitted means the open one (everything booked since the last Z). */
  periodReport(training: boolean, period?: number): PeriodReport;
  /**
   * Z: closes the open business period under the label `day`, numbered in sequence; refuses
   * (ATTEMPT_UNRESOLVED) while any payment or refund is not final. A second Z for the same day
   * returns the first closure (a reprint); whatever was booked after it belongs to the next period.
   */
  closeDay(day: string, training: boolean, at: number): DayClosure;
  /** HMAC of a payment code under this journal's own secret: the code itself is never stored. */
  hashCode(code: string): string;
  close(): void;
}
