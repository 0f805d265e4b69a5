// TillLedger over the journal file, opened READ-ONLY: reconciling reads evidence and cannot change
// it, whatever a bill holds (issue 12: a bad bill leaves the journal as it was). A second connection
// is safe beside the till's own: the journal runs in WAL mode.
import Database from 'better-sqlite3';
import { PosError } from '../common/errors.ts';
import type { BillProvider } from './billLine.ts';
import { pack, refundKey, type TillIndex, type TillLedger, type TillPayment, type TillRefund } from './tillRecords.ts';

type PayRow = { out_trade_no: string; provider: string; state: string; amount_fen: number; day: string; paid_at: string | null; trade_no: string | null };
type RefundRow = { out_request_no: string; out_trade_no: string; amount_fen: number; state: string; day: string };

const toPayment = (r: PayRow): TillPayment => ({ outTradeNo: r.out_trade_no, provider: r.provider, state: r.state, amountFen: r.amount_fen, day: r.day, paidAt: r.paid_at, tradeNo: r.trade_no });
const toRefund = (r: RefundRow): TillRefund => ({ outRequestNo: r.out_request_no, outTradeNo: r.out_trade_no, amountFen: r.amount_fen, state: r.state, day: r.day });

/** The provider's booking day of an attempt: its payment time's date when the till has one. */
const BOOKED_DAY = `CASE WHEN paid_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(paid_at, 1, 10) ELSE day END`;

export class JournalLedger implements TillLedger {
  readonly #db: Database.Database;
  readonly #training: number;

  constructor(journalPath: string, training: boolean) {
    try {
      this.#db = new Database(journalPath, { readonly: true, fileMustExist: true });
      this.#db.pragma('busy_timeout = 5000');
    } catch (e) {
      throw new PosError('INVALID_CONFIG', `cannot open the journal ${journalPath} to reconcile: ${(e as Error).message}`, { cause: e });
    }
    this.#training = training ? 1 : 0;
  }

  paymentIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex {
    // attempts_by_day (training, day, provider, …) finds the rows; raw rows keep the read lean.
    const marks = days.map(() => '?').join(', ');
    const st = this.#db.prepare(`SELECT out_trade_no, amount_fen, state, ${BOOKED_DAY} = ? FROM attempts
      WHERE training = ? AND day IN (${marks}) AND provider = ?`).raw(true);
    const index: TillIndex = new Map();
    for (const [no, fen, state, on] of st.iterate(billDay, this.#training, ...days, provider) as IterableIterator<[string, number, string, number]>) index.set(no, pack(fen, state, on === 1));
    return index;
  }

  refundIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex {
    const marks = days.map(() => '?').join(', ');
    const st = this.#db.prepare(`SELECT r.out_trade_no, r.out_request_no, r.amount_fen, r.state, r.day = ? FROM refunds r JOIN attempts a ON a.out_trade_no = r.out_trade_no
      WHERE r.day IN (${marks}) AND a.training = ? AND a.provider = ?`).raw(true);
    const index: TillIndex = new Map();
    for (const [no, req, fen, state, on] of st.iterate(billDay, ...days, this.#training, provider) as IterableIterator<[string, string, number, string, number]>) index.set(refundKey(no, req), pack(fen, state, on === 1));
    return index;
  }

  payment(outTradeNo: string): TillPayment | undefined {
    const r = this.#db.prepare('SELECT out_trade_no, provider, state, amount_fen, day, paid_at, trade_no FROM attempts WHERE out_trade_no = ? AND training = ?').get(outTradeNo, this.#training) as PayRow | undefined;
    return r && toPayment(r);
  }

  refundsOf(outTradeNo: string): TillRefund[] {
    return (this.#db.prepare('SELECT out_request_no, out_trade_no, amount_fen, state, day FROM refunds WHERE out_trade_no = ?').all(outTradeNo) as RefundRow[]).map(toRefund);
  }

  close(): void {
    this.#db.close();
  }
}
