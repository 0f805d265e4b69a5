// Schema changes after version 1, applied in order to a journal file written by an older till.
// Each step runs in its own transaction and bumps `meta.schema_version`, so a crash mid-upgrade
// leaves the file at a version it fully has. A step only adds (columns with defaults, tables,
// indexes): a journal is evidence, and an upgrade never rewrites what was recorded.
// Version numbers are reserved per line of work so parallel changes do not collide:
//   2 — payment ownership and business periods (leases, Z close), 3 — providers (WeChat Pay),
//   4 — head-office outbox, 5 — amounts actually paid / bills, 6 — promotions, 7 — QR payments,
//   8 — finding a SUCCESS nobody was shown (issue 8 item 4) without a scan of the day,
//   9 — undiscountable amounts and the cashier of each attempt (issue 12 part B),
//   12 — the cashier of each refund (issue 12 part B).
export type Migration = { version: number; why: string; sql: string };

export const MIGRATIONS: Migration[] = [
  {
    version: 2,
    why: 'payment ownership (a lease per attempt) and business periods (Z close)',
    // lease_*: the process settling an attempt (issue 8 item 3). period: the business period (Z
    // number it is closed by) an attempt or refund is booked into when it becomes final; booked_at
    // is that moment. cancel_reason: why a cancel was decided (cashier, wait limit, unverified
    // answer…), kept so a result read back from the journal says the true reason.
    // Rows written by schema 1 are booked into the period of the Z that closed their day, or into
    // the open period; nothing recorded is changed.
    sql: `
      ALTER TABLE attempts ADD COLUMN lease_owner TEXT;
      ALTER TABLE attempts ADD COLUMN lease_expires_at INTEGER;
      ALTER TABLE attempts ADD COLUMN period INTEGER;
      ALTER TABLE attempts ADD COLUMN booked_at INTEGER;
      ALTER TABLE attempts ADD COLUMN cancel_reason TEXT;
      ALTER TABLE refunds ADD COLUMN period INTEGER;
      ALTER TABLE refunds ADD COLUMN booked_at INTEGER;
      UPDATE attempts SET booked_at = updated_at,
        period = COALESCE((SELECT z_number FROM day_closures d WHERE d.day = attempts.day AND d.training = attempts.training),
                          (SELECT COALESCE(MAX(z_number), 0) + 1 FROM day_closures d WHERE d.training = attempts.training))
        WHERE state IN ('SUCCESS', 'FAILED', 'CANCELLED');
      UPDATE refunds SET booked_at = updated_at,
        period = COALESCE((SELECT z_number FROM day_closures d JOIN attempts a ON a.out_trade_no = refunds.out_trade_no WHERE d.day = refunds.day AND d.training = a.training),
                          (SELECT COALESCE(MAX(z_number), 0) + 1 FROM day_closures d JOIN attempts a ON a.out_trade_no = refunds.out_trade_no WHERE d.training = a.training),
                          1)
        WHERE state IN ('SUCCESS', 'FAILED');
      CREATE INDEX IF NOT EXISTS attempts_by_period ON attempts (training, period, provider, state);
      CREATE INDEX IF NOT EXISTS refunds_by_period ON refunds (period, state);
    `,
  },
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
  {
    version: 6,
    why: 'promotions: cash red packets sent to payers (one per sale)',
    // One row per paid sale that matched a promotion, written before the transfer is sent: its
    // out_biz_no is the idempotency key every resend reuses, and the row holds every parameter
    // sent (amount, payee, title), so a resend after a restart or a config change is identical
    // (issue 14). UNIQUE(out_trade_no): one
    // packet per sale, never two. A sale refused by the daily budget gets a SKIPPED row saying why.
    sql: `
      CREATE TABLE IF NOT EXISTS transfers (
        out_biz_no TEXT PRIMARY KEY,
        out_trade_no TEXT NOT NULL UNIQUE REFERENCES attempts(out_trade_no),
        promotion_id TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        payee_type TEXT NOT NULL,
        payee_id TEXT NOT NULL,
        order_title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'SENT', 'REFUSED', 'UNKNOWN', 'SKIPPED')),
        sends INTEGER NOT NULL DEFAULT 0,
        order_id TEXT,
        pay_fund_order_id TEXT,
        sent_at TEXT,
        error_code TEXT,
        error_message TEXT,
        training INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        day TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS transfers_budget ON transfers (training, promotion_id, day, state);
      CREATE INDEX IF NOT EXISTS transfers_open ON transfers (state) WHERE state IN ('PENDING', 'UNKNOWN');
    `,
  },
  {
    version: 5,
    why: 'amounts actually paid: 顾客实付, 商家实收, 可开票金额, discounts by who funded them (issue 12)',
    // One JSON column (app/gateway/paidDetail.ts PaidDetail, integer fen) from every paid answer,
    // pay or query: what the customer paid, what the shop receives, fund bills, vouchers and
    // promotions with merchant/platform contributions, buyer ids. Rows from before have none.
    sql: `
      ALTER TABLE attempts ADD COLUMN paid_detail TEXT;
    `,
  },
  {
    version: 7,
    why: 'QR payments: the customer scans the till\'s code (issue 11)',
    // method tells a QR attempt (settled by polling, closed rather than cancelled) from a barcode
    // one; qr_code / qr_expires_at let a reloaded screen or another process show the same code
    // and its countdown. Rows from before are barcode payments.
    sql: `
      ALTER TABLE attempts ADD COLUMN method TEXT NOT NULL DEFAULT 'barcode';
      ALTER TABLE attempts ADD COLUMN qr_code TEXT;
      ALTER TABLE attempts ADD COLUMN qr_expires_at INTEGER;
    `,
  },
  {
    version: 8,
    why: 'which SUCCESS attempts someone was shown (checked before every sale)',
    // Checkout asks before each sale whether a payment was settled PAID that nobody was shown
    // (app/checkout/unseenPaid.ts); the scan→request path must not grow with the day's takings.
    // Rows from before are taken as seen: their sales are long over.
    // seen_at: when the SUCCESS was delivered or acknowledged (the events say which); the partial
    // index holds only SUCCESS rows nobody has seen yet: almost always none.
    sql: `
      ALTER TABLE attempts ADD COLUMN seen_at INTEGER;
      UPDATE attempts SET seen_at = updated_at WHERE state = 'SUCCESS';
      CREATE INDEX IF NOT EXISTS attempts_unseen_success ON attempts (training, updated_at) WHERE state = 'SUCCESS' AND seen_at IS NULL;
    `,
  },
  {
    version: 9,
    why: 'the part of each sale not eligible for promotions, and the cashier who took it (issue 12)',
    // undiscountable_fen: what the cashier marked 不参与优惠 (cigarettes, deposits), as sent to
    // the provider (Alipay undiscountable_amount); 0 = the whole sale took part. cashier: the
    // signed-in cashier's id, sent as Alipay operator_id (and to WeChat in attach); head office
    // groups by it (app/hq/hqDerive.ts reads attempt->>'cashier'). Rows from before have neither.
    sql: `
      ALTER TABLE attempts ADD COLUMN undiscountable_fen INTEGER NOT NULL DEFAULT 0 CHECK (undiscountable_fen >= 0);
      ALTER TABLE attempts ADD COLUMN cashier TEXT;
    `,
  },
  {
    version: 12,
    why: 'the cashier who made each refund (issue 12)',
    // cashier: the cashier on duty when the refund was asked for (or `pos refund --operator`),
    // sent as Alipay operator_id on every resend of it (WeChat refunds have no such field: kept
    // here only); the X/Z reports count refunds by it. Refunds from before have none.
    sql: `
      ALTER TABLE refunds ADD COLUMN cashier TEXT;
    `,
  },
];
