// What the training gateway's day bill is made of: the trades it charged and the refunds it made
// in a time window, read from its own store (the same SQLite file and connection as the trades).
import type Database from 'better-sqlite3';
import type { Behaviour } from './behaviours.ts';

export type BilledTrade = {
  outTradeNo: string; tradeNo: string; subject: string; totalFen: number; createdAtMs: number; paidAtMs: number;
  behaviour: Behaviour; buyerLogonId: string;
  /** The part that took no part in promotions (undiscountable_amount). */
  undiscountableFen: number;
};
export type BilledRefund = BilledTrade & { outRequestNo: string; amountFen: number; refundedAtMs: number };

type Row = { out_trade_no: string; trade_no: string; subject: string; total_fen: number; created_at_ms: number; paid_at_ms: number; behaviour: string; buyer_logon_id: string; undiscountable_fen: number | null };

const trade = (r: Row): BilledTrade => ({
  outTradeNo: r.out_trade_no, tradeNo: r.trade_no, subject: r.subject, totalFen: r.total_fen, createdAtMs: r.created_at_ms, paidAtMs: r.paid_at_ms,
  behaviour: JSON.parse(r.behaviour) as Behaviour, buyerLogonId: r.buyer_logon_id, undiscountableFen: r.undiscountable_fen ?? 0,
});

export class BillStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Trades charged in [fromMs, toMs). A trade a cancel refunded (撤销 of a paid trade) is left
   * out: the money went back before settlement and the till books it CANCELLED, not paid.
   */
  paidBetween(fromMs: number, toMs: number): BilledTrade[] {
    return (this.#db.prepare(`SELECT * FROM trades WHERE charges > 0 AND paid_at_ms >= ? AND paid_at_ms < ?
      AND (cancel_action IS NULL OR cancel_action <> 'refund') ORDER BY paid_at_ms, id`).all(fromMs, toMs) as Row[]).map(trade);
  }

  refundsBetween(fromMs: number, toMs: number): BilledRefund[] {
    return (this.#db.prepare(`SELECT t.*, r.out_request_no, r.amount_fen, r.refunded_at_ms FROM refunds r JOIN trades t ON t.out_trade_no = r.out_trade_no
      WHERE r.refunded_at_ms >= ? AND r.refunded_at_ms < ? ORDER BY r.refunded_at_ms, r.out_request_no`).all(fromMs, toMs) as Array<Row & { out_request_no: string; amount_fen: number; refunded_at_ms: number }>)
      .map((r) => ({ ...trade(r), outRequestNo: r.out_request_no, amountFen: r.amount_fen, refundedAtMs: r.refunded_at_ms }));
  }
}
