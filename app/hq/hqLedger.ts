// The chain's side of a bill: every till's attempts and refunds for a day window, read from head
// office's derived tables (hqDerive.ts), in the shape the till's own matcher reads
// (app/reconcile/tillRecords.ts TillLedger). Head office keys everything by (till_id,
// out_trade_no), but a bill names out_trade_no alone, and numbers made before till.id went into
// them (app/checkout/ids.ts) are unique per till only. So a number is given to the matcher only when
// exactly one till holds it; a number two tills hold is kept aside as ambiguous — never matched to
// either (hqReconcile.ts reports it with both). TillLedger is synchronous and `pg` is not: the
// window is loaded before matching; a number the bill names outside it (a refund of an older
// payment) is noted as the matcher asks for it, fetched afterwards, and the match run again over the
// same bill (hqReconcile.ts) — so the matcher never waits on the database, and an ordinary day is
// read once.
import type pg from 'pg';
import type { BillProvider } from '../reconcile/billLine.ts';
import { dayOfChainNumber } from '../checkout/ids.ts';
import { neighbourDays } from '../reconcile/match.ts';
import { pack, refundKey, unpack, type TillIndex, type TillLedger, type TillPayment, type TillRefund } from '../reconcile/tillRecords.ts';

export type ChainTill = { tillId: string; storeId: string; lastContactAtMs: number; waiting: number; ackedSeq: number; clockSkewMs: number };

/** One till's record of a number two or more tills hold. */
export type Candidate = { tillId: string; storeId: string; state: string; amountFen: number; onBillDay: boolean; inWindow: boolean };

/** A record exactly one till holds: its till, its packed value, whether it is in the window the matcher sweeps. */
type Held = { till: number; v: number; w: boolean };

type PayRow = { till_id: string; out_trade_no: string; amount_fen: string; state: string; in_window: boolean; on_day: boolean };
type RefundRow = { till_id: string; out_trade_no: string; out_request_no: string; amount_fen: string; state: string; in_window: boolean; on_day: boolean };

/** The provider books a payment on its payment time's date when the till has one, else on the day it was made (as journalLedger.ts). */
const BOOKED_ON = `(CASE WHEN a.paid_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN left(a.paid_at, 10) ELSE to_char(a.day, 'YYYY-MM-DD') END) = $4`;

/**
 * A big read through a server-side cursor (plain SQL DECLARE/FETCH, inside the caller's
 * transaction): a day of 100,000 rows never sits in memory as one result, only a batch at a time.
 */
async function* inBatches<R extends pg.QueryResultRow>(client: pg.ClientBase, sql: string, params: unknown[], batch = 10_000): AsyncGenerator<R[]> {
  await client.query(`DECLARE hq_ledger_rows NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const r = await client.query<R>(`FETCH ${batch} FROM hq_ledger_rows`);
      if (r.rows.length === 0) return;
      yield r.rows;
    }
  } finally {
    await client.query('CLOSE hq_ledger_rows');
  }
}

export class HqLedger implements TillLedger {
  readonly provider: BillProvider;
  readonly billDay: string;
  readonly training: boolean;
  /** The tills head office knows in this mode (training tills sync under "<id>:training"). */
  readonly tills: ChainTill[];
  readonly #tillIndex = new Map<string, number>();
  /** Window payments held by one till: what the matcher sweeps for chain-only ones. */
  readonly #pays: TillIndex = new Map();
  readonly #refunds: TillIndex = new Map();
  /** Every number held by one till (window or fetched): its till, and its packed value (the matcher marks the index). */
  readonly #payHolder = new Map<string, Held>();
  readonly #refundHolder = new Map<string, Held>();
  /** Trade numbers head office was asked about (every holder of each is loaded). */
  readonly #asked = new Set<string>();
  /** Numbers the matcher asked for that head office was not asked about yet. */
  readonly #misses = new Set<string>();
  readonly #refundNos = new Map<string, string[]>();
  readonly #ambiguousPays = new Map<string, Candidate[]>();
  /** Refunds of an ambiguous number, by refund key: whichever till holds the refund, the trade is not told apart. */
  readonly #ambiguousRefunds = new Map<string, Candidate[]>();
  readonly #client: pg.ClientBase;
  readonly #window: string[];

  private constructor(client: pg.ClientBase, provider: BillProvider, billDay: string, training: boolean, tills: ChainTill[]) {
    this.#client = client;
    this.#window = neighbourDays(billDay);
    this.provider = provider;
    this.billDay = billDay;
    this.training = training;
    this.tills = tills;
    tills.forEach((t, i) => this.#tillIndex.set(t.tillId, i));
  }

  /** Reads the window (the bill's day ±1) of `client`'s database; run inside one REPEATABLE READ transaction for one snapshot. */
  static async load(client: pg.ClientBase, q: { provider: BillProvider; day: string; training: boolean }): Promise<HqLedger> {
    const tills = await client.query<{ till_id: string; store_id: string; last_contact_ms: string; waiting: string; acked_seq: string; clock_skew_ms: string }>(
      `SELECT till_id, store_id, (extract(epoch FROM last_contact_at) * 1000)::bigint AS last_contact_ms, waiting, acked_seq, clock_skew_ms
        FROM tills WHERE (till_id LIKE '%:training') = $1 ORDER BY store_id, till_id`,
      [q.training],
    );
    const ledger = new HqLedger(client, q.provider, q.day, q.training, tills.rows.map((t) => ({
      tillId: t.till_id, storeId: t.store_id, lastContactAtMs: Number(t.last_contact_ms), waiting: Number(t.waiting), ackedSeq: Number(t.acked_seq), clockSkewMs: Number(t.clock_skew_ms),
    })));
    const days = neighbourDays(q.day);
    // Every holder of a number the window names, wherever its own day is: a number held by a
    // till inside the window and another outside it is still ambiguous.
    for await (const rows of inBatches<PayRow>(client,
      `WITH w AS (
          SELECT out_trade_no FROM attempts WHERE day = ANY($3::date[]) AND training = $1 AND provider = $2
          UNION SELECT r.out_trade_no FROM refunds r JOIN attempts a ON a.till_id = r.till_id AND a.out_trade_no = r.out_trade_no
            WHERE r.day = ANY($3::date[]) AND a.training = $1 AND a.provider = $2)
        SELECT a.till_id, a.out_trade_no, a.amount_fen, a.state, a.day = ANY($3::date[]) AS in_window, ${BOOKED_ON} AS on_day
        FROM attempts a JOIN w USING (out_trade_no) WHERE a.training = $1 AND a.provider = $2`,
      [q.training, q.provider, days, q.day],
    )) ledger.#addPayments(rows);
    for await (const rows of inBatches<RefundRow>(client,
      `SELECT r.till_id, r.out_trade_no, r.out_request_no, r.amount_fen, r.state, true AS in_window, r.day = $4::date AS on_day
        FROM refunds r JOIN attempts a ON a.till_id = r.till_id AND a.out_trade_no = r.out_trade_no
        WHERE r.day = ANY($3::date[]) AND a.training = $1 AND a.provider = $2`,
      [q.training, q.provider, days, q.day],
    )) ledger.#addRefunds(rows);
    return ledger;
  }

  #till(tillId: string): number {
    const i = this.#tillIndex.get(tillId);
    if (i !== undefined) return i;
    // An attempt of a till the tills query did not return (another mode's id): kept, named as it is.
    this.tills.push({ tillId, storeId: '', lastContactAtMs: 0, waiting: 0, ackedSeq: 0, clockSkewMs: 0 });
    this.#tillIndex.set(tillId, this.tills.length - 1);
    return this.tills.length - 1;
  }

  #addPayments(rows: PayRow[]): void {
    for (const r of rows) this.#asked.add(r.out_trade_no);
    for (const r of rows) {
      const no = r.out_trade_no;
      const amb = this.#ambiguousPays.get(no);
      if (amb) {
        amb.push(this.#candidate(r));
        continue;
      }
      const held = this.#payHolder.get(no);
      if (held) {
        // A second till holds it: neither record is matched; both are listed.
        this.#payHolder.delete(no);
        this.#pays.delete(no);
        this.#ambiguousPays.set(no, [this.#heldCandidate(held), this.#candidate(r)]);
        continue;
      }
      const v = pack(Number(r.amount_fen), r.state, r.on_day);
      this.#payHolder.set(no, { till: this.#till(r.till_id), v, w: r.in_window });
      if (r.in_window) this.#pays.set(no, v);
    }
  }

  #addRefunds(rows: RefundRow[]): void {
    for (const r of rows) {
      const key = refundKey(r.out_trade_no, r.out_request_no);
      if (this.#refundHolder.has(key)) continue;
      const trade = this.#ambiguousPays.get(r.out_trade_no);
      if (trade) {
        const list = this.#ambiguousRefunds.get(key) ?? [];
        if (!list.some((c) => c.tillId === r.till_id)) list.push(this.#candidate(r));
        this.#ambiguousRefunds.set(key, list);
        continue;
      }
      const v = pack(Number(r.amount_fen), r.state, r.on_day);
      this.#refundHolder.set(key, { till: this.#till(r.till_id), v, w: r.in_window });
      const nos = this.#refundNos.get(r.out_trade_no);
      if (nos) nos.push(r.out_request_no);
      else this.#refundNos.set(r.out_trade_no, [r.out_request_no]);
      if (r.in_window) this.#refunds.set(key, v);
    }
  }

  #heldCandidate(h: Held): Candidate {
    const t = this.tills[h.till]!;
    const p = unpack(h.v);
    return { tillId: t.tillId, storeId: t.storeId, state: p.state, amountFen: p.amountFen, onBillDay: p.onBillDay, inWindow: h.w };
  }

  #candidate(r: PayRow | RefundRow): Candidate {
    const i = this.#till(r.till_id);
    return { tillId: r.till_id, storeId: this.tills[i]!.storeId, state: r.state, amountFen: Number(r.amount_fen), onBillDay: r.on_day, inWindow: r.in_window };
  }

  /**
   * Reads the numbers the matcher asked for that head office was not asked about (a payment made
   * days before its refund, a line from further away): one query each for payments and refunds.
   * True when there were any: the match must then run again, after reset().
   */
  async fetchMisses(): Promise<boolean> {
    if (this.#misses.size === 0) return false;
    const list = [...this.#misses];
    this.#misses.clear();
    for (const no of list) this.#asked.add(no);
    const pays = await this.#client.query<PayRow>(
      `SELECT a.till_id, a.out_trade_no, a.amount_fen, a.state, false AS in_window, ${BOOKED_ON} AS on_day
        FROM attempts a WHERE a.out_trade_no = ANY($3::text[]) AND a.training = $1 AND a.provider = $2`,
      [this.training, this.provider, list, this.billDay],
    );
    this.#addPayments(pays.rows);
    const refunds = await this.#client.query<RefundRow>(
      `SELECT r.till_id, r.out_trade_no, r.out_request_no, r.amount_fen, r.state, false AS in_window, r.day = $4::date AS on_day
        FROM refunds r JOIN attempts a ON a.till_id = r.till_id AND a.out_trade_no = r.out_trade_no
        WHERE r.out_trade_no = ANY($3::text[]) AND a.training = $1 AND a.provider = $2`,
      [this.training, this.provider, list, this.billDay],
    );
    this.#addRefunds(refunds.rows);
    return true;
  }

  /** The window's indexes as loaded (the matcher marks the entries it has seen): for a second run over the same bill. */
  reset(): void {
    this.#pays.clear();
    for (const [no, h] of this.#payHolder) if (h.w) this.#pays.set(no, h.v);
    this.#refunds.clear();
    for (const [key, h] of this.#refundHolder) if (h.w) this.#refunds.set(key, h.v);
  }

  paymentIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex {
    this.#same(provider, billDay, days);
    return this.#pays;
  }

  refundIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex {
    this.#same(provider, billDay, days);
    return this.#refunds;
  }

  #same(provider: BillProvider, billDay: string, days: readonly string[]): void {
    // The window was read for one bill; a different question would get a wrong answer, not a slow one.
    if (provider !== this.provider || billDay !== this.billDay || days.join() !== neighbourDays(this.billDay).join()) {
      throw new Error(`HqLedger was loaded for ${this.provider} ${this.billDay}, asked for ${provider} ${billDay}`);
    }
  }

  payment(outTradeNo: string): TillPayment | undefined {
    const h = this.#payHolder.get(outTradeNo);
    if (!h) {
      // A chain number says the day it was made: one from inside the window that head office does
      // not hold is simply not there, and asking again would only cost a second pass over the bill.
      const made = dayOfChainNumber(outTradeNo);
      if (!this.#asked.has(outTradeNo) && !(made !== null && this.#window.includes(made))) this.#misses.add(outTradeNo);
      return undefined;
    }
    const p = unpack(h.v);
    // Trade number and time are read for the few that differ, after the match (hqReconcile.ts).
    return { outTradeNo, provider: this.provider, state: p.state, amountFen: p.amountFen, day: '', paidAt: null, tradeNo: null };
  }

  refundsOf(outTradeNo: string): TillRefund[] {
    const made = dayOfChainNumber(outTradeNo);
    if (!this.#asked.has(outTradeNo) && !(made !== null && this.#window.includes(made))) this.#misses.add(outTradeNo);
    return (this.#refundNos.get(outTradeNo) ?? []).map((req) => {
      const r = unpack(this.#refundHolder.get(refundKey(outTradeNo, req))!.v);
      return { outRequestNo: req, outTradeNo, amountFen: r.amountFen, state: r.state, day: '' };
    });
  }

  /** The one till holding a payment (or a refund, with `outRefundNo`), if exactly one does. */
  holderOf(outTradeNo: string, outRefundNo: string | null = null): ChainTill | undefined {
    const h = outRefundNo === null ? this.#payHolder.get(outTradeNo) : this.#refundHolder.get(refundKey(outTradeNo, outRefundNo)) ?? this.#payHolder.get(outTradeNo);
    return h ? this.tills[h.till] : undefined;
  }

  /** The tills holding a number more than one till holds (with `outRefundNo`: each one's record of that refund, when it has one). */
  ambiguity(outTradeNo: string, outRefundNo: string | null = null): Candidate[] | undefined {
    const trade = this.#ambiguousPays.get(outTradeNo);
    if (!trade) return undefined;
    if (outRefundNo === null) return trade;
    const refunds = this.#ambiguousRefunds.get(refundKey(outTradeNo, outRefundNo)) ?? [];
    // Each till holding the trade, with its refund of that number if it made one (else no record).
    return trade.map((t) => refunds.find((r) => r.tillId === t.tillId) ?? { ...t, state: '(no refund)', amountFen: 0, onBillDay: false });
  }

  ambiguousPayments(): ReadonlyMap<string, Candidate[]> {
    return this.#ambiguousPays;
  }

  ambiguousRefunds(): ReadonlyMap<string, Candidate[]> {
    return this.#ambiguousRefunds;
  }

  /** How many numbers the ledger holds (for the numbers printed with a run). */
  get size(): { payments: number; refunds: number; ambiguous: number } {
    return { payments: this.#payHolder.size, refunds: this.#refundHolder.size, ambiguous: this.#ambiguousPays.size };
  }
}
