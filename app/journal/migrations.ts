// Schema changes after version 1, applied in order to a journal file written by an older till.
// Each step runs in its own transaction and bumps `meta.schema_version`, so a crash mid-upgrade
// leaves the file at a version it fully has. A step only adds (columns with defaults, tables,
// indexes): a journal is evidence, and an upgrade never rewrites what was recorded.
// Version numbers are reserved per line of work so parallel changes do not collide:
//   2 — payment ownership and business periods (leases, Z close), 3 — providers (WeChat Pay),
//   4 — head-office outbox, 5 — amounts actually paid / bills, 6 — promotions.
export type Migration = { version: number; why: string; sql: string };

export const MIGRATIONS: Migration[] = [
  {
    version: 4,
    why: 'head-office outbox (what head office has acknowledged, rows it was refused)',
    // The outbox is the events table itself, read by id (a per-till sequence); this only adds the
    // acknowledged-up-to mark and the rows the syncer refused (issue 13). journal_id tells head
    // office this file apart from another journal configured with the same till id.
    sql: `
      CREATE TABLE IF NOT EXISTS hq_outbox (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        journal_id TEXT NOT NULL,
        acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
        acked_at INTEGER
      );
      INSERT OR IGNORE INTO hq_outbox (id, journal_id, acked_seq) VALUES (1, lower(hex(randomblob(16))), 0);
      CREATE TABLE IF NOT EXISTS hq_quarantine (
        seq INTEGER PRIMARY KEY,
        reason TEXT NOT NULL,
        found_at INTEGER NOT NULL,
        reported_at INTEGER
      );
    `,
  },
];
