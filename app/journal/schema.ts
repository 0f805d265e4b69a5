// The journal's tables. `events` is append-only (triggers refuse UPDATE and DELETE): it is what an
// owner reads when a payment is disputed. Amounts are integer fen; days are Shanghai dates.
import { MIGRATIONS } from './migrations.ts';

/** The version `SCHEMA` itself creates; `MIGRATIONS` take it from there. */
export const BASE_SCHEMA_VERSION = 1;
export const SCHEMA_VERSION = Math.max(BASE_SCHEMA_VERSION, ...MIGRATIONS.map((m) => m.version));

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sales (
  id INTEGER PRIMARY KEY,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  subject TEXT NOT NULL,
  training INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
  out_trade_no TEXT PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  provider TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  subject TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  code_last4 TEXT NOT NULL,
  state TEXT NOT NULL,
  training INTEGER NOT NULL,
  trade_no TEXT,
  buyer_logon_id TEXT,
  buyer_user_id TEXT,
  paid_at TEXT,
  error_code TEXT,
  error_message TEXT,
  cancel_action TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  day TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_day ON attempts (training, day, provider, state, amount_fen);
CREATE INDEX IF NOT EXISTS attempts_open ON attempts (state) WHERE state NOT IN ('SUCCESS', 'FAILED', 'CANCELLED');
CREATE TABLE IF NOT EXISTS refunds (
  out_request_no TEXT PRIMARY KEY,
  out_trade_no TEXT NOT NULL REFERENCES attempts(out_trade_no),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  state TEXT NOT NULL,
  error_code TEXT,
  error_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  day TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS refunds_by_trade ON refunds (out_trade_no);
CREATE INDEX IF NOT EXISTS refunds_by_day ON refunds (day, state);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  out_trade_no TEXT,
  out_request_no TEXT,
  type TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_trade ON events (out_trade_no);
CREATE TABLE IF NOT EXISTS day_closures (
  day TEXT NOT NULL,
  training INTEGER NOT NULL,
  z_number INTEGER NOT NULL,
  closed_at INTEGER NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (day, training)
);
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
`;
