// Head office's PostgreSQL schema, as numbered steps (`pos hq migrate`). Each step runs in its own
// transaction with the version bump (a crash mid-upgrade leaves a version it fully has), under an
// advisory lock so two migrating processes queue instead of racing. The event log (`events`, one
// row per till journal event, keyed (till_id, seq)) is the source; `attempts`, `refunds` and `closes` are current state derived from it in the same
// transaction as each batch (hqIngest.ts), and step 2 shows the rule: derived tables can always be
// rebuilt from the events.
import type pg from 'pg';
import { deriveSql } from './hqDerive.ts';

export type HqMigration = { version: number; why: string; sql: string };

export const HQ_MIGRATIONS: HqMigration[] = [
  {
    version: 1,
    why: 'tills and the event log they push (the source)',
    sql: `
      CREATE TABLE tills (
        till_id text PRIMARY KEY,
        store_id text NOT NULL,
        -- the journal file behind this till id: a second journal under the same id is refused
        journal_id text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_contact_at timestamptz NOT NULL DEFAULT now(),
        -- every seq up to here has arrived (or was refused and recorded in refused_events)
        acked_seq bigint NOT NULL DEFAULT 0,
        -- the till's clock minus head office's at last contact: a till's times are its own clock's
        clock_skew_ms bigint NOT NULL DEFAULT 0,
        -- events the till still had to send at last contact
        waiting bigint NOT NULL DEFAULT 0
      );
      CREATE INDEX tills_by_store ON tills (store_id);
      CREATE TABLE events (
        till_id text NOT NULL REFERENCES tills (till_id),
        seq bigint NOT NULL CHECK (seq > 0),
        store_id text NOT NULL,
        at_ms bigint NOT NULL,
        type text NOT NULL,
        out_trade_no text,
        out_request_no text,
        data jsonb NOT NULL,
        -- the till's attempt / refund / day-close row as read with this event
        attempt jsonb,
        refund jsonb,
        closure jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (till_id, seq)
      );
      CREATE INDEX events_by_trade ON events (till_id, out_trade_no) WHERE out_trade_no IS NOT NULL;
      -- outbox rows a till refused to send (corrupted or truncated): reported, never guessed at
      CREATE TABLE refused_events (
        till_id text NOT NULL REFERENCES tills (till_id),
        seq bigint NOT NULL,
        reason text NOT NULL,
        raw text,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (till_id, seq)
      );
    `,
  },
  {
    version: 2,
    why: 'current state derived from the events: attempts, refunds, closes',
    sql: `
      CREATE TABLE attempts (
        till_id text NOT NULL REFERENCES tills (till_id),
        out_trade_no text NOT NULL,
        store_id text NOT NULL,
        provider text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        state text NOT NULL,
        training boolean NOT NULL,
        day date NOT NULL,
        cashier text,
        created_at_ms bigint NOT NULL,
        updated_at_ms bigint NOT NULL,
        last_seq bigint NOT NULL,
        row jsonb NOT NULL,
        PRIMARY KEY (till_id, out_trade_no)
      );
      CREATE INDEX attempts_by_day ON attempts (day, training, store_id);
      CREATE INDEX attempts_open ON attempts (training, created_at_ms) WHERE state NOT IN ('SUCCESS', 'FAILED', 'CANCELLED');
      CREATE TABLE refunds (
        till_id text NOT NULL REFERENCES tills (till_id),
        out_request_no text NOT NULL,
        out_trade_no text NOT NULL,
        store_id text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        state text NOT NULL,
        day date NOT NULL,
        created_at_ms bigint NOT NULL,
        updated_at_ms bigint NOT NULL,
        last_seq bigint NOT NULL,
        row jsonb NOT NULL,
        PRIMARY KEY (till_id, out_request_no)
      );
      CREATE INDEX refunds_by_day ON refunds (day, state);
      CREATE TABLE closes (
        till_id text NOT NULL REFERENCES tills (till_id),
        training boolean NOT NULL,
        z_number integer NOT NULL,
        store_id text NOT NULL,
        day date NOT NULL,
        closed_at_ms bigint NOT NULL,
        net_fen bigint NOT NULL,
        report jsonb NOT NULL,
        last_seq bigint NOT NULL,
        PRIMARY KEY (till_id, training, z_number)
      );
      CREATE INDEX closes_by_day ON closes (day, store_id);
      -- Events that arrived under schema 1 are derived now, from the log itself.
      ${deriveSql('events')}
    `,
  },
  {
    version: 3,
    why: 'chain bill reconciliation: the provider\'s trade number and payment time as columns, lookups by out_trade_no',
    // Generated from the row snapshot, so the ingest (hqDerive.ts) is unchanged and rows already
    // there get them in the same step. out_trade_no is unique per till only: the lookups are not
    // unique indexes, and a number two tills hold is reported, never matched (hqLedger.ts).
    sql: `
      ALTER TABLE attempts
        ADD COLUMN trade_no text GENERATED ALWAYS AS (row->>'trade_no') STORED,
        ADD COLUMN paid_at text GENERATED ALWAYS AS (row->>'paid_at') STORED;
      CREATE INDEX attempts_by_trade ON attempts (out_trade_no);
      CREATE INDEX refunds_by_trade ON refunds (out_trade_no);
    `,
  },
  {
    version: 4,
    why: 'refunds by the cashier who made them (issue 12): the refund row\'s cashier as a column',
    // As step 3: generated from the row snapshot, so refunds already synced get it in this step and
    // the ingest is unchanged. Null: made with nobody signed in, or by a till from before refunds
    // carried a cashier (the till's own X/Z counts those as nobody's too).
    sql: `
      ALTER TABLE refunds ADD COLUMN cashier text GENERATED ALWAYS AS (row->>'cashier') STORED;
    `,
  },
];

export const HQ_SCHEMA_VERSION = Math.max(...HQ_MIGRATIONS.map((m) => m.version));

/** A fixed advisory-lock key: one migrating process at a time. */
const MIGRATE_LOCK = 7_130_001;

export async function hqSchemaVersion(client: pg.ClientBase): Promise<number> {
  const t = await client.query<{ exists: boolean }>(`SELECT to_regclass('hq_schema') IS NOT NULL AS exists`);
  if (!t.rows[0]!.exists) return 0;
  const v = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM hq_schema');
  return v.rows[0]!.version ?? 0;
}

/** Brings head office's schema up to `target` (default: the newest); returns the versions applied. */
export async function migrateHq(client: pg.ClientBase, target = HQ_SCHEMA_VERSION): Promise<{ from: number; to: number; applied: number[] }> {
  // Held for the whole run (even CREATE TABLE IF NOT EXISTS races between two sessions).
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS hq_schema (version integer PRIMARY KEY, why text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const from = await hqSchemaVersion(client);
    const applied: number[] = [];
    for (const m of HQ_MIGRATIONS.filter((x) => x.version <= target && x.version > from).sort((a, b) => a.version - b.version)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO hq_schema (version, why) VALUES ($1, $2)', [m.version, m.why]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    return { from, to: await hqSchemaVersion(client), applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
  }
}
