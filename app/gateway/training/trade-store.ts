// The training gateway's trades and refunds in one SQLite file, so a trade outlives a restart of the
// gateway and several processes (the till, `pos gateway-sim`, tests) see the same state. Every
// method handler runs inside one IMMEDIATE transaction: two processes answering for the same
// out_trade_no cannot both charge it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BugError } from '../../common/errors.ts';
import type { Behaviour } from './behaviours.ts';
import type { TradeRef } from './biz-params.ts';
import { buyerFor, tradeNoFor, type Buyer } from './trade-ids.ts';
import { TransferStore } from './transfer-store.ts';
import { BillStore } from './bill-store.ts';

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
/** tombstone: an out_trade_no cancelled before any pay arrived, kept so a late pay is refused. */
export type TradeOrigin = 'bar_code' | 'precreate' | 'tombstone';
export type CancelAction = 'close' | 'refund';

export type Trade = {
  outTradeNo: string;
  tradeNo: string;
  origin: TradeOrigin;
  status: TradeStatus;
  totalFen: number;
  subject: string;
  behaviour: Behaviour;
  createdAtMs: number;
  /** When a waiting trade pays by itself (waits-then-pays); null: only a QR scan, or never. */
  paysAtMs: number | null;
  paidAtMs: number | null;
  closedAtMs: number | null;
  refundedFen: number;
  /** How many times money was taken: the figure that proves a retry never charges twice. */
  charges: number;
  cancelAttempts: number;
  /** What the cancel that closed this trade did, so a repeated cancel answers the same. */
  cancelAction: CancelAction | null;
  /** A precreated trade exists for the buyer's side (query) only once its QR code is scanned. */
  scanned: boolean;
  buyer: Buyer;
  /** The part the till said takes no part in promotions (undiscountable_amount): never discounted. */
  undiscountableFen: number;
};

export type NewTrade = Pick<Trade, 'outTradeNo' | 'origin' | 'status' | 'totalFen' | 'subject' | 'behaviour' | 'createdAtMs' | 'paysAtMs'> & {
  /** What the buyer's identity is derived from: the auth code, or the out_trade_no of a QR trade. */
  buyerSeed: string;
  /** Default 0. */
  undiscountableFen?: number;
};

export type Refund = { outTradeNo: string; outRequestNo: string; amountFen: number; refundedAtMs: number };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS trades (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  out_trade_no TEXT NOT NULL UNIQUE,
  trade_no TEXT UNIQUE,
  origin TEXT NOT NULL,
  status TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  subject TEXT NOT NULL,
  behaviour TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  pays_at_ms INTEGER,
  paid_at_ms INTEGER,
  closed_at_ms INTEGER,
  refunded_fen INTEGER NOT NULL DEFAULT 0,
  charges INTEGER NOT NULL DEFAULT 0,
  cancel_attempts INTEGER NOT NULL DEFAULT 0,
  cancel_action TEXT,
  scanned INTEGER NOT NULL DEFAULT 0,
  buyer_user_id TEXT NOT NULL,
  buyer_logon_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trades_due ON trades (pays_at_ms) WHERE status = 'WAIT_BUYER_PAY';
CREATE TABLE IF NOT EXISTS refunds (
  out_trade_no TEXT NOT NULL,
  out_request_no TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  refunded_at_ms INTEGER NOT NULL,
  PRIMARY KEY (out_trade_no, out_request_no)
);
`;

type TradeRow = {
  out_trade_no: string; trade_no: string; origin: TradeOrigin; status: TradeStatus; total_fen: number; subject: string;
  behaviour: string; created_at_ms: number; pays_at_ms: number | null; paid_at_ms: number | null; closed_at_ms: number | null;
  refunded_fen: number; charges: number; cancel_attempts: number; cancel_action: CancelAction | null; scanned: number;
  buyer_user_id: string; buyer_logon_id: string; undiscountable_fen: number | null;
};

type RefundRow = { out_trade_no: string; out_request_no: string; amount_fen: number; refunded_at_ms: number };

function toTrade(r: TradeRow): Trade {
  return {
    outTradeNo: r.out_trade_no, tradeNo: r.trade_no, origin: r.origin, status: r.status, totalFen: r.total_fen, subject: r.subject,
    behaviour: JSON.parse(r.behaviour) as Behaviour, createdAtMs: r.created_at_ms, paysAtMs: r.pays_at_ms, paidAtMs: r.paid_at_ms,
    closedAtMs: r.closed_at_ms, refundedFen: r.refunded_fen, charges: r.charges, cancelAttempts: r.cancel_attempts,
    cancelAction: r.cancel_action, scanned: r.scanned === 1, buyer: { buyerUserId: r.buyer_user_id, buyerLogonId: r.buyer_logon_id },
    undiscountableFen: r.undiscountable_fen ?? 0,
  };
}

/** How long a process waits for another one's write transaction before giving up. */
const BUSY_TIMEOUT_MS = 5000;

export class TradeStore {
  readonly #db: Database.Database;
  /** Statements compiled once: benchmarks drive thousands of calls through one store. */
  readonly #statements = new Map<string, Database.Statement>();
  /** Red packets, in the same file and transactions as the trades. */
  readonly transfers: TransferStore;
  /** The day bill's reading of the same trades and refunds. */
  readonly bills: BillStore;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(SCHEMA);
    // Store files from before issue 12 part B: add the column (0 = the whole trade was discountable).
    const columns = this.#db.prepare('PRAGMA table_info(trades)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'undiscountable_fen')) this.#db.exec('ALTER TABLE trades ADD COLUMN undiscountable_fen INTEGER NOT NULL DEFAULT 0');
    this.transfers = new TransferStore(this.#db);
    this.bills = new BillStore(this.#db);
  }

  /** Runs `fn` as one IMMEDIATE transaction (the write lock is taken first, so no upgrade deadlock). */
  atomically<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  /**
   * Waits-then-pays trades are stored with the time they pay; they become paid (and charged, once)
   * the first time anyone looks after that time. Computing it lazily from stored times is what
   * makes it hold across restarts, processes and an injected clock.
   */
  settleDue(nowMs: number): void {
    this.#sql(`UPDATE trades SET status = 'TRADE_SUCCESS', paid_at_ms = pays_at_ms, charges = charges + 1
      WHERE status = 'WAIT_BUYER_PAY' AND pays_at_ms IS NOT NULL AND pays_at_ms <= ?`).run(nowMs);
  }

  /** By trade_no when given (Alipay gives it priority), else by out_trade_no; both must agree. */
  find(ref: TradeRef): Trade | undefined {
    const row = (ref.tradeNo !== undefined
      ? this.#sql('SELECT * FROM trades WHERE trade_no = ?').get(ref.tradeNo)
      : this.#sql('SELECT * FROM trades WHERE out_trade_no = ?').get(ref.outTradeNo)) as TradeRow | undefined;
    if (!row || (ref.outTradeNo !== undefined && row.out_trade_no !== ref.outTradeNo)) return undefined;
    return toTrade(row);
  }

  insert(t: NewTrade): Trade {
    const buyer = buyerFor(t.buyerSeed);
    const { lastInsertRowid } = this.#sql(`INSERT INTO trades
      (out_trade_no, origin, status, total_fen, subject, behaviour, created_at_ms, pays_at_ms, buyer_user_id, buyer_logon_id, undiscountable_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(t.outTradeNo, t.origin, t.status, t.totalFen, t.subject, JSON.stringify(t.behaviour), t.createdAtMs, t.paysAtMs, buyer.buyerUserId, buyer.buyerLogonId, t.undiscountableFen ?? 0);
    // The row id is the store-wide sequence, so trade numbers stay unique across restarts.
    this.#sql('UPDATE trades SET trade_no = ? WHERE id = ?').run(tradeNoFor(Number(lastInsertRowid), t.createdAtMs), lastInsertRowid);
    return this.#mustFind(t.outTradeNo);
  }

  /** A waiting trade becomes paid: the one place a charge is counted. */
  markPaid(outTradeNo: string, atMs: number): Trade {
    this.#sql(`UPDATE trades SET status = 'TRADE_SUCCESS', paid_at_ms = ?, charges = charges + 1
      WHERE out_trade_no = ? AND status = 'WAIT_BUYER_PAY'`).run(atMs, outTradeNo);
    return this.#mustFind(outTradeNo);
  }

  markScanned(outTradeNo: string): void {
    this.#sql('UPDATE trades SET scanned = 1 WHERE out_trade_no = ?').run(outTradeNo);
  }

  /** Closes a trade; a cancel that refunds also returns whatever was not refunded yet. */
  closeTrade(outTradeNo: string, atMs: number, cancelAction: CancelAction | null): Trade {
    this.#sql(`UPDATE trades SET status = 'TRADE_CLOSED', closed_at_ms = ?, cancel_action = ?,
      refunded_fen = CASE WHEN ? = 'refund' THEN total_fen ELSE refunded_fen END
      WHERE out_trade_no = ? AND status <> 'TRADE_CLOSED'`).run(atMs, cancelAction, cancelAction, outTradeNo);
    return this.#mustFind(outTradeNo);
  }

  countCancelAttempt(outTradeNo: string): Trade {
    this.#sql('UPDATE trades SET cancel_attempts = cancel_attempts + 1 WHERE out_trade_no = ?').run(outTradeNo);
    return this.#mustFind(outTradeNo);
  }

  findRefund(outTradeNo: string, outRequestNo: string): Refund | undefined {
    const r = this.#sql('SELECT * FROM refunds WHERE out_trade_no = ? AND out_request_no = ?').get(outTradeNo, outRequestNo) as RefundRow | undefined;
    return r && { outTradeNo: r.out_trade_no, outRequestNo: r.out_request_no, amountFen: r.amount_fen, refundedAtMs: r.refunded_at_ms };
  }

  /** Records a refund; refunding the last fen closes the trade, as Alipay does. */
  addRefund(r: Refund): Trade {
    this.#sql('INSERT INTO refunds (out_trade_no, out_request_no, amount_fen, refunded_at_ms) VALUES (?, ?, ?, ?)')
      .run(r.outTradeNo, r.outRequestNo, r.amountFen, r.refundedAtMs);
    this.#sql(`UPDATE trades SET refunded_fen = refunded_fen + ?,
      status = CASE WHEN refunded_fen + ? >= total_fen THEN 'TRADE_CLOSED' ELSE status END,
      closed_at_ms = CASE WHEN refunded_fen + ? >= total_fen THEN ? ELSE closed_at_ms END
      WHERE out_trade_no = ?`).run(r.amountFen, r.amountFen, r.amountFen, r.refundedAtMs, r.outTradeNo);
    return this.#mustFind(r.outTradeNo);
  }

  close(): void {
    this.#db.close();
  }

  #sql(text: string): Database.Statement {
    let s = this.#statements.get(text);
    if (!s) {
      s = this.#db.prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  #mustFind(outTradeNo: string): Trade {
    const t = this.find({ outTradeNo });
    if (!t) throw new BugError(`training gateway store lost trade ${outTradeNo}`);
    return t;
  }
}
