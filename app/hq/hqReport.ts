// `pos hq report`: the chain's day from head office's derived tables — takings, refunds and net by
// store, till, provider and cashier (a payment under the cashier who took it, a refund under the one
// who made it, issue 12), with the same rules as a till's own `pos report` (a payment
// counts on its till's day, a refund on its own day, training apart), so the two add up exactly.
// Then what needs someone: payments still not final anywhere in the chain with their age, tills
// that have not synced, tills whose clock is off, outbox rows refused as corrupted.
import type pg from 'pg';
import { PosError } from '../common/errors.ts';
import { hqSchemaVersion } from './hqMigrations.ts';

/** Refunds by the cashier who made them (refunds.cashier) came with schema 4. */
export const REPORT_SCHEMA = 4;

export type Totals = { paidCount: number; paidFen: number; refundCount: number; refundFen: number; netFen: number };
export type Grain = Totals & { storeId: string; tillId: string; provider: string; cashier: string | null };

export type HqReport = {
  day: string;
  storeId: string | null;
  training: boolean;
  totals: Totals;
  byStore: Array<Totals & { storeId: string }>;
  byTill: Array<Totals & { storeId: string; tillId: string }>;
  byProvider: Array<Totals & { provider: string }>;
  byCashier: Array<Totals & { cashier: string | null }>;
  /** Attempts of the day by provider and state, as in a till's `pos report`. */
  states: Array<{ provider: string; state: string; count: number; amountFen: number }>;
  /** Not final anywhere in the chain (any day): age by head office's clock, corrected for the till's skew. */
  unknown: Array<{ storeId: string; tillId: string; outTradeNo: string; state: string; amountFen: number; createdAtMs: number; ageMs: number }>;
  tills: Array<{ storeId: string; tillId: string; lastContactAtMs: number; ackedSeq: number; waiting: number; clockSkewMs: number; refusedRows: number; stale: boolean; clockOff: boolean }>;
  refused: Array<{ tillId: string; seq: number; reason: string; reportedAtMs: number }>;
};

/** A till not heard from for this long is listed as not synced. */
export const STALE_AFTER_MS = 15 * 60_000;
/** A clock further off than this is listed (its payments are dated by its own clock). */
export const CLOCK_OFF_MS = 5 * 60_000;

const zero = (): Totals => ({ paidCount: 0, paidFen: 0, refundCount: 0, refundFen: 0, netFen: 0 });

function add(t: Totals, g: Totals): void {
  t.paidCount += g.paidCount;
  t.paidFen += g.paidFen;
  t.refundCount += g.refundCount;
  t.refundFen += g.refundFen;
  t.netFen += g.netFen;
}

function group<K extends string, T extends Record<K, unknown>>(rows: Grain[], keys: K[]): Array<Totals & T> {
  const m = new Map<string, Totals & T>();
  for (const r of rows) {
    const id = JSON.stringify(keys.map((k) => (r as unknown as Record<string, unknown>)[k]));
    let g = m.get(id);
    if (!g) {
      g = { ...(Object.fromEntries(keys.map((k) => [k, (r as unknown as Record<string, unknown>)[k]])) as T), ...zero() };
      m.set(id, g);
    }
    add(g, r);
  }
  return [...m.values()].sort((a, b) => JSON.stringify(keys.map((k) => a[k])).localeCompare(JSON.stringify(keys.map((k) => b[k]))));
}

export async function hqReport(client: pg.ClientBase, q: { day: string; storeId?: string | undefined; training?: boolean; nowMs?: number }): Promise<HqReport> {
  const version = await hqSchemaVersion(client);
  if (version < REPORT_SCHEMA) {
    throw new PosError('INVALID_CONFIG', `head office's schema is version ${version}; the report needs ${REPORT_SCHEMA}: run pos hq migrate`, { detailZh: `总部数据库版本为 ${version}，报表需要 ${REPORT_SCHEMA}：请先运行 pos hq migrate` });
  }
  const training = q.training ?? false;
  const store = q.storeId ?? null;
  const grains = await client.query<{ store_id: string; till_id: string; provider: string; cashier: string | null; paid_count: string; paid_fen: string; refund_count: string; refund_fen: string }>(
    `WITH p AS (
        SELECT store_id, till_id, provider, COALESCE(cashier, '') AS cashier, count(*) AS paid_count, sum(amount_fen) AS paid_fen
        FROM attempts WHERE day = $1::date AND training = $2 AND state = 'SUCCESS' AND ($3::text IS NULL OR store_id = $3)
        GROUP BY 1, 2, 3, 4),
      r AS (
        SELECT a.store_id, a.till_id, a.provider, COALESCE(r.cashier, '') AS cashier, count(*) AS refund_count, sum(r.amount_fen) AS refund_fen
        FROM refunds r JOIN attempts a ON a.till_id = r.till_id AND a.out_trade_no = r.out_trade_no
        WHERE r.day = $1::date AND r.state = 'SUCCESS' AND a.training = $2 AND ($3::text IS NULL OR a.store_id = $3)
        GROUP BY 1, 2, 3, 4)
      SELECT COALESCE(p.store_id, r.store_id) AS store_id, COALESCE(p.till_id, r.till_id) AS till_id, COALESCE(p.provider, r.provider) AS provider,
        COALESCE(p.cashier, r.cashier) AS cashier, COALESCE(p.paid_count, 0) AS paid_count, COALESCE(p.paid_fen, 0) AS paid_fen,
        COALESCE(r.refund_count, 0) AS refund_count, COALESCE(r.refund_fen, 0) AS refund_fen
      FROM p FULL JOIN r ON p.store_id = r.store_id AND p.till_id = r.till_id AND p.provider = r.provider AND p.cashier = r.cashier`,
    [q.day, training, store],
  );
  const rows: Grain[] = grains.rows.map((g) => {
    const paidFen = Number(g.paid_fen);
    const refundFen = Number(g.refund_fen);
    return { storeId: g.store_id, tillId: g.till_id, provider: g.provider, cashier: g.cashier === '' ? null : g.cashier, paidCount: Number(g.paid_count), paidFen, refundCount: Number(g.refund_count), refundFen, netFen: paidFen - refundFen };
  });
  const totals = zero();
  for (const r of rows) add(totals, r);

  const states = await client.query<{ provider: string; state: string; count: string; amount_fen: string }>(
    `SELECT provider, state, count(*) AS count, sum(amount_fen) AS amount_fen FROM attempts
      WHERE day = $1::date AND training = $2 AND ($3::text IS NULL OR store_id = $3) GROUP BY 1, 2 ORDER BY 1, 2`,
    [q.day, training, store],
  );
  const now = q.nowMs ?? Date.now();
  const unknown = await client.query<{ store_id: string; till_id: string; out_trade_no: string; state: string; amount_fen: string; created_at_ms: string; clock_skew_ms: string }>(
    `SELECT a.store_id, a.till_id, a.out_trade_no, a.state, a.amount_fen, a.created_at_ms, t.clock_skew_ms FROM attempts a JOIN tills t USING (till_id)
      WHERE a.state NOT IN ('SUCCESS', 'FAILED', 'CANCELLED') AND a.training = $1 AND ($2::text IS NULL OR a.store_id = $2) ORDER BY a.created_at_ms`,
    [training, store],
  );
  const tills = await client.query<{ store_id: string; till_id: string; last_contact_ms: string; acked_seq: string; waiting: string; clock_skew_ms: string; refused: string }>(
    `SELECT t.store_id, t.till_id, (extract(epoch FROM t.last_contact_at) * 1000)::bigint AS last_contact_ms, t.acked_seq, t.waiting, t.clock_skew_ms,
        (SELECT count(*) FROM refused_events r WHERE r.till_id = t.till_id) AS refused
      FROM tills t WHERE ($1::text IS NULL OR t.store_id = $1) ORDER BY t.store_id, t.till_id`,
    [store],
  );
  const refused = await client.query<{ till_id: string; seq: string; reason: string; reported_ms: string }>(
    `SELECT r.till_id, r.seq, r.reason, (extract(epoch FROM r.reported_at) * 1000)::bigint AS reported_ms FROM refused_events r JOIN tills t USING (till_id)
      WHERE ($1::text IS NULL OR t.store_id = $1) ORDER BY r.till_id, r.seq`,
    [store],
  );
  return {
    day: q.day,
    storeId: store,
    training,
    totals,
    byStore: group<'storeId', { storeId: string }>(rows, ['storeId']),
    byTill: group<'storeId' | 'tillId', { storeId: string; tillId: string }>(rows, ['storeId', 'tillId']),
    byProvider: group<'provider', { provider: string }>(rows, ['provider']),
    byCashier: group<'cashier', { cashier: string | null }>(rows, ['cashier']),
    states: states.rows.map((s) => ({ provider: s.provider, state: s.state, count: Number(s.count), amountFen: Number(s.amount_fen) })),
    unknown: unknown.rows.map((u) => ({
      storeId: u.store_id, tillId: u.till_id, outTradeNo: u.out_trade_no, state: u.state, amountFen: Number(u.amount_fen), createdAtMs: Number(u.created_at_ms),
      // The till stamped it with its own clock: undo the skew head office measured.
      ageMs: now - (Number(u.created_at_ms) - Number(u.clock_skew_ms)),
    })),
    tills: tills.rows.map((t) => ({
      storeId: t.store_id, tillId: t.till_id, lastContactAtMs: Number(t.last_contact_ms), ackedSeq: Number(t.acked_seq), waiting: Number(t.waiting),
      clockSkewMs: Number(t.clock_skew_ms), refusedRows: Number(t.refused),
      stale: now - Number(t.last_contact_ms) > STALE_AFTER_MS || Number(t.waiting) > 0,
      clockOff: Math.abs(Number(t.clock_skew_ms)) > CLOCK_OFF_MS,
    })),
    refused: refused.rows.map((r) => ({ tillId: r.till_id, seq: Number(r.seq), reason: r.reason, reportedAtMs: Number(r.reported_ms) })),
  };
}
