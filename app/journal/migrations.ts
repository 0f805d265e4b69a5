// Schema changes after version 1, applied in order to a journal file written by an older till.
// Each step runs in its own transaction and bumps `meta.schema_version`, so a crash mid-upgrade
// leaves the file at a version it fully has. A step only adds (columns with defaults, tables,
// indexes): a journal is evidence, and an upgrade never rewrites what was recorded.
// Version numbers are reserved per line of work so parallel changes do not collide:
//   2 — payment ownership and business periods (leases, Z close), 3 — providers (WeChat Pay),
//   4 — head-office outbox, 5 — amounts actually paid / bills, 6 — promotions.
export type Migration = { version: number; why: string; sql: string };

export const MIGRATIONS: Migration[] = [];
