// One batch from one till into head office, in one transaction: the events with
// INSERT … ON CONFLICT (till_id, seq) DO NOTHING (a batch that half-arrived, or arrives twice, or
// from two processes of one till, lands once), the derived state from the rows actually inserted,
// the refused rows, and the till's acknowledged mark. Until COMMIT nothing of it exists; after it,
// all of it does — the till acknowledges locally only then.
import type pg from 'pg';
import { PosError } from '../common/errors.ts';
import { deriveStatements } from './hqDerive.ts';
import { hqSchemaVersion } from './hqMigrations.ts';
import type { OutboxEvent, RefusedRow } from './outboxRow.ts';

export type TillIdentity = { tillId: string; storeId: string; journalId: string };

export type BatchHooks = {
  /** Tests: runs after the statements, before COMMIT (a server killed here must lose the whole batch). */
  beforeCommit?: (client: pg.ClientBase) => Promise<void>;
};

const EVENT_COLUMNS = 'seq bigint, at_ms bigint, type text, out_trade_no text, out_request_no text, data jsonb, attempt jsonb, refund jsonb, closure jsonb';

const [DERIVE_ATTEMPTS, DERIVE_REFUNDS, DERIVE_CLOSES] = deriveStatements('ins');

const INGEST = `
  WITH src AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS e(${EVENT_COLUMNS})),
  ins AS (
    INSERT INTO events (till_id, seq, store_id, at_ms, type, out_trade_no, out_request_no, data, attempt, refund, closure)
    SELECT $1, seq, $2, at_ms, type, out_trade_no, out_request_no, data, attempt, refund, closure FROM src
    ON CONFLICT (till_id, seq) DO NOTHING
    RETURNING till_id, seq, store_id, attempt, refund, closure
  ),
  da AS (${DERIVE_ATTEMPTS} RETURNING 1),
  dr AS (${DERIVE_REFUNDS} RETURNING 1),
  dc AS (${DERIVE_CLOSES} RETURNING 1),
  mark AS (UPDATE tills SET acked_seq = GREATEST(acked_seq, $4), waiting = $5, last_contact_at = now() WHERE till_id = $1 RETURNING 1)
  SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM da)::int AS attempts`;

/**
 * The oldest schema this ingest writes correctly (step 2: the derived tables). Later steps that add
 * only what head office reads (3: the reconciliation's columns, generated from the row snapshot)
 * leave it, so tills of a newer release keep syncing into a head office not yet upgraded.
 */
export const INGEST_SCHEMA = 2;

/** Refuses to push into a head office whose schema is older than this ingest needs. */
export async function checkHqSchema(client: pg.ClientBase): Promise<void> {
  const v = await hqSchemaVersion(client);
  if (v < INGEST_SCHEMA) {
    throw new PosError('HQ_REFUSED', `head office's schema is version ${v}, this till needs ${INGEST_SCHEMA}: run pos hq migrate on head office`, {
      detailZh: `总部数据库版本为 ${v}，本收银台需要 ${INGEST_SCHEMA}：请在总部运行 pos hq migrate`,
    });
  }
}

function mismatch(t: TillIdentity): PosError {
  return new PosError('HQ_REFUSED', `head office already has a different journal under till id ${t.tillId}: two tills share one till.id, or this till's journal was replaced; give this till a new till.id`, {
    details: { tillId: t.tillId },
    detailZh: `总部已有另一份账本使用收银台编号 ${t.tillId}：可能两台收银台编号相同，或账本被替换；请为本收银台设置新的 till.id`,
  });
}

/** Where head office says this till stands: every seq up to `ackedSeq` has arrived (0: never synced). */
export async function hqMark(client: pg.ClientBase, t: TillIdentity): Promise<number> {
  const r = await client.query<{ journal_id: string; acked_seq: string }>('SELECT journal_id, acked_seq FROM tills WHERE till_id = $1', [t.tillId]);
  const row = r.rows[0];
  if (!row) return 0;
  if (row.journal_id !== t.journalId) throw mismatch(t);
  return Number(row.acked_seq);
}

export async function pushBatch(
  client: pg.ClientBase,
  t: TillIdentity,
  b: { events: OutboxEvent[]; refused: RefusedRow[]; lastSeq: number; waitingAfter: number; tillNowMs: number },
  hooks: BatchHooks = {},
): Promise<{ inserted: number }> {
  await client.query('BEGIN');
  try {
    // One batch of a till at a time: two processes of one till queue on the lock (taken in the
    // CTE before the upsert reads anything) instead of interleaving.
    const till = await client.query<{ journal_id: string }>(
      `WITH lock AS (SELECT pg_advisory_xact_lock(hashtextextended($1, 0)))
        INSERT INTO tills (till_id, store_id, journal_id, clock_skew_ms, waiting)
        SELECT $1, $2, $3, $4::bigint - (extract(epoch FROM clock_timestamp()) * 1000)::bigint, $5 FROM lock
        ON CONFLICT (till_id) DO UPDATE SET store_id = EXCLUDED.store_id, clock_skew_ms = EXCLUDED.clock_skew_ms, last_contact_at = now()
        RETURNING journal_id`,
      [t.tillId, t.storeId, t.journalId, b.tillNowMs, b.waitingAfter],
    );
    if (till.rows[0]!.journal_id !== t.journalId) throw mismatch(t);
    let inserted = 0;
    if (b.events.length) {
      const r = await client.query<{ inserted: number }>(INGEST, [t.tillId, t.storeId, JSON.stringify(b.events), b.lastSeq, b.waitingAfter]);
      inserted = r.rows[0]!.inserted;
    }
    if (b.refused.length) {
      await client.query(
        `INSERT INTO refused_events (till_id, seq, reason, raw)
          SELECT $1, seq, reason, raw FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, reason text, raw text)
          ON CONFLICT (till_id, seq) DO NOTHING`,
        [t.tillId, JSON.stringify(b.refused)],
      );
    }
    // With events the mark moved inside INGEST; a batch of refused rows only, or a heartbeat, moves it here.
    if (b.events.length === 0) await client.query('UPDATE tills SET acked_seq = GREATEST(acked_seq, $2), waiting = $3, last_contact_at = now() WHERE till_id = $1', [t.tillId, b.lastSeq, b.waitingAfter]);
    await hooks.beforeCommit?.(client);
    await client.query('COMMIT');
    return { inserted };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
