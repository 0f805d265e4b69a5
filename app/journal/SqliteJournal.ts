// JournalStore on better-sqlite3: WAL with synchronous=FULL, so a committed state change survives
// a power cut, not only a crash of the process (design.md: journal first, then the gateway).
import Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { codeHashSecretFile } from '../settings/codeHashSecret.ts';
import { PosError } from '../common/errors.ts';
import { FINAL_STATES, transition, type AttemptState, type PaymentEvent } from '../common/payment/machine.ts';
import { isDay, shanghaiDay } from '../common/time.ts';
import type { AttemptPatch, AttemptRecord, CashierTotals, DayClosure, DayReport, JournalEvent, JournalStore, Lease, NewAttempt, PeriodReport, RefundRecord, RefundState, ReportRow } from './JournalStore.ts';
import { MIGRATIONS } from './migrations.ts';
import { BASE_SCHEMA_VERSION, SCHEMA, SCHEMA_VERSION } from './schema.ts';

type Row = Record<string, unknown>;

const FINAL_LIST = [...FINAL_STATES].map((s) => `'${s}'`).join(', ');

function toAttempt(r: Row): AttemptRecord {
  return {
    outTradeNo: r.out_trade_no as string,
    saleId: r.sale_id as number,
    provider: r.provider as AttemptRecord['provider'],
    amountFen: r.amount_fen as number,
    subject: r.subject as string,
    codeHash: r.code_hash as string,
    codeLast4: r.code_last4 as string,
    state: r.state as AttemptState,
    training: r.training === 1,
    tradeNo: (r.trade_no as string | null) ?? null,
    buyerLogonId: (r.buyer_logon_id as string | null) ?? null,
    buyerUserId: (r.buyer_user_id as string | null) ?? null,
    paidAt: (r.paid_at as string | null) ?? null,
    errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    cancelAction: (r.cancel_action as string | null) ?? null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    day: r.day as string,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseExpiresAt: (r.lease_expires_at as number | null) ?? null,
    period: (r.period as number | null) ?? null,
    bookedAt: (r.booked_at as number | null) ?? null,
    method: r.method === 'qr' ? 'qr' : 'barcode',
    qrCode: (r.qr_code as string | null) ?? null,
    qrExpiresAt: (r.qr_expires_at as number | null) ?? null,
    paidDetail: (r.paid_detail as string | null) ?? null,
    undiscountableFen: (r.undiscountable_fen as number | null) ?? 0,
    cashier: (r.cashier as string | null) ?? null,
  };
}

/** The day a final attempt is booked on: the gateway's payment time (Shanghai) when it gave one, as Alipay's bill does; else when it ended. */
function bookingDay(paidAt: string | null | undefined, at: number): string {
  const d = paidAt?.slice(0, 10);
  return d !== undefined && isDay(d) ? d : shanghaiDay(at);
}

function toRefund(r: Row): RefundRecord {
  return {
    outRequestNo: r.out_request_no as string,
    outTradeNo: r.out_trade_no as string,
    amountFen: r.amount_fen as number,
    state: r.state as RefundState,
    errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    day: r.day as string,
    period: (r.period as number | null) ?? null,
    bookedAt: (r.booked_at as number | null) ?? null,
    cashier: (r.cashier as string | null | undefined) ?? null,
  };
}

const PATCH_COLUMNS: Record<keyof AttemptPatch, string> = {
  tradeNo: 'trade_no',
  buyerLogonId: 'buyer_logon_id',
  buyerUserId: 'buyer_user_id',
  paidAt: 'paid_at',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  cancelAction: 'cancel_action',
  cancelReason: 'cancel_reason',
  qrCode: 'qr_code',
  qrExpiresAt: 'qr_expires_at',
  paidDetail: 'paid_detail',
};

/** The open business period of one training flag: the number the next Z will carry. */
const OPEN_PERIOD = 'SELECT COALESCE(MAX(z_number), 0) + 1 AS n FROM day_closures WHERE training = ?';

function toReportRow(r: Row): ReportRow {
  return { provider: r.provider as ReportRow['provider'], state: r.state as AttemptState, count: r.count as number, amountFen: r.amount_fen as number };
}

function totals(day: string, training: boolean, rows: ReportRow[], refunds: Row, unresolved: number): DayReport {
  const paid = rows.filter((r) => r.state === 'SUCCESS');
  const paidFen = paid.reduce((s, r) => s + r.amountFen, 0);
  return {
    day,
    training,
    rows,
    paid: { count: paid.reduce((s, r) => s + r.count, 0), amountFen: paidFen },
    refunds: { count: refunds.count as number, amountFen: refunds.amount_fen as number },
    netFen: paidFen - (refunds.amount_fen as number),
    unresolved,
  };
}

/**
 * Where the secret that keys the code hashes is kept, apart from the journal file (issue 10 item 7;
 * app/settings/codeHashSecret.ts). Without one (an in-memory journal) it stays in the meta table,
 * as every journal before issue 10 kept it.
 */
export type CodeHashSecretSource = { read(): Buffer | undefined; write(secret: Buffer): void };

/** The journal holds the day's takings and codes' hashes: only the till's user may read it (item 7). */
function privateFile(path: string): void {
  if (path === ':memory:' || path.startsWith('file:') || process.platform === 'win32') return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export class SqliteJournal implements JournalStore {
  readonly #db: Database.Database;
  readonly #secret: Buffer;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(path: string, o: { codeHashSecret?: CodeHashSecretSource } = {}) {
    try {
      privateFile(path);
      this.#db = new Database(path);
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.pragma('foreign_keys = ON');
      this.#db.pragma('busy_timeout = 5000');
      this.#db.exec(SCHEMA);
    } catch (e) {
      throw new PosError('INVALID_CONFIG', `cannot open the journal ${path}: ${(e as Error).message}`, { cause: e });
    }
    const version = this.#meta('schema_version');
    if (version === undefined) this.#setMeta('schema_version', String(BASE_SCHEMA_VERSION));
    else if (Number(version) > SCHEMA_VERSION) throw new PosError('INVALID_CONFIG', `the journal ${path} was written by a newer till (schema ${version})`);
    this.#migrate(path);
    try {
      this.#secret = this.#codeHashSecret(o.codeHashSecret ?? (path === ':memory:' ? undefined : codeHashSecretFile(path)));
    } catch (e) {
      this.#db.close();
      throw e;
    }
  }

  /**
   * A journal from before issue 10 has the secret in its meta table: it is copied out once, then
   * erased from the file (secure_delete zeroes the freed bytes; the WAL is checkpointed away).
   */
  #codeHashSecret(source: CodeHashSecretSource | undefined): Buffer {
    const inMeta = this.#meta('code_hash_secret');
    if (!source) {
      if (inMeta !== undefined) return Buffer.from(inMeta, 'hex');
      const fresh = randomBytes(32).toString('hex');
      this.#setMeta('code_hash_secret', fresh);
      return Buffer.from(fresh, 'hex');
    }
    if (inMeta !== undefined) {
      // The hashes in this file were made with the meta secret: it wins over any kept elsewhere.
      const secret = Buffer.from(inMeta, 'hex');
      const kept = source.read();
      if (!kept || !kept.equals(secret)) source.write(secret);
      this.#db.pragma('secure_delete = ON');
      this.#db.prepare("DELETE FROM meta WHERE key = 'code_hash_secret'").run();
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
      return secret;
    }
    const kept = source.read();
    if (kept) return kept;
    const fresh = randomBytes(32);
    source.write(fresh);
    return fresh;
  }

  /** Brings an older journal file up to SCHEMA_VERSION, one transaction per step. */
  #migrate(path: string): void {
    // Each step is recorded by number (meta `migration_N`), not only by the highest version, so a
    // step numbered below one already applied (parallel lines of work) is still applied once.
    // A file upgraded before steps were recorded by number has only schema_version to go by.
    const byVersionOnly = (this.#sql("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'migration_%'").get() as { n: number }).n === 0
      ? Number(this.#meta('schema_version') ?? BASE_SCHEMA_VERSION) : BASE_SCHEMA_VERSION;
    for (const m of [...MIGRATIONS].sort((x, y) => x.version - y.version)) {
      if (this.#meta(`migration_${m.version}`) !== undefined || m.version <= byVersionOnly) continue;
      try {
        this.#db.transaction(() => {
          if (this.#meta(`migration_${m.version}`) !== undefined) return; // another process got there first
          this.#db.exec(m.sql);
          this.#setMeta(`migration_${m.version}`, String(Date.now()));
          this.#db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version' AND CAST(value AS INTEGER) < ?").run(String(m.version), m.version);
        }).immediate();
      } catch (e) {
        throw new PosError('INVALID_CONFIG', `cannot upgrade the journal ${path} to schema ${m.version} (${m.why}): ${(e as Error).message}`, { cause: e });
      }
    }
  }

  /** Prepared once per SQL text: compiling a statement costs more than running it. */
  #sql(text: string): Database.Statement {
    let st = this.#statements.get(text);
    if (!st) {
      st = this.#db.prepare(text);
      this.#statements.set(text, st);
    }
    return st;
  }

  #meta(key: string): string | undefined {
    const row = this.#sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  #setMeta(key: string, value: string): void {
    this.#sql('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  #event(at: number, outTradeNo: string | null, outRequestNo: string | null, type: string, data: Record<string, unknown>): void {
    this.#sql('INSERT INTO events (at, out_trade_no, out_request_no, type, data) VALUES (?, ?, ?, ?, ?)').run(at, outTradeNo, outRequestNo, type, JSON.stringify(data));
  }

  /** What this connection runs with (synchronous 2 = FULL). */
  durability(): { journalMode: string; synchronous: number } {
    return { journalMode: this.#db.pragma('journal_mode', { simple: true }) as string, synchronous: this.#db.pragma('synchronous', { simple: true }) as number };
  }

  hashCode(code: string): string {
    return createHmac('sha256', this.#secret).update(code).digest('hex');
  }

  createAttempt(a: NewAttempt, o: { sending?: boolean; lease?: Lease } = {}): AttemptRecord {
    // IMMEDIATE: two tills' processes on one journal cannot both pass the "nothing unresolved" check.
    const run = this.#db.transaction(() => {
      const open = this.#sql(`SELECT out_trade_no, state FROM attempts WHERE state NOT IN (${FINAL_LIST}) LIMIT 1`).get() as Row | undefined;
      if (open) {
        throw new PosError('ATTEMPT_UNRESOLVED', `payment ${String(open.out_trade_no)} is ${String(open.state)}; settle it first (pos recover / pos query)`, {
          details: { outTradeNo: open.out_trade_no, state: open.state },
          detailZh: `支付 ${String(open.out_trade_no)} 状态为 ${String(open.state)}，请先处理（pos recover / pos query）`,
        });
      }
      const sale = this.#sql('INSERT INTO sales (amount_fen, subject, training, created_at) VALUES (?, ?, ?, ?)').run(a.amountFen, a.subject, a.training ? 1 : 0, a.createdAt);
      this.#sql(`INSERT INTO attempts (out_trade_no, sale_id, provider, amount_fen, subject, code_hash, code_last4, state, training, created_at, updated_at, day, method, undiscountable_fen, cashier)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?, ?, ?, ?)`).run(a.outTradeNo, sale.lastInsertRowid, a.provider, a.amountFen, a.subject, a.codeHash, a.codeLast4, a.training ? 1 : 0, a.createdAt, a.createdAt, shanghaiDay(a.createdAt), a.method ?? 'barcode', a.undiscountableFen ?? 0, a.cashier ?? null);
      this.#event(a.createdAt, a.outTradeNo, null, 'created', {
        amountFen: a.amountFen, provider: a.provider, codeLast4: a.codeLast4, training: a.training, ...(a.method === 'qr' ? { method: 'qr' } : {}),
        ...(a.undiscountableFen ? { undiscountableFen: a.undiscountableFen } : {}), ...(a.cashier ? { cashier: a.cashier } : {}),
      });
      // The lease is taken with the row: no moment exists in which another process sees the attempt unowned.
      if (o.lease) this.#sql('UPDATE attempts SET lease_owner = ?, lease_expires_at = ? WHERE out_trade_no = ?').run(o.lease.owner, o.lease.expiresAt, a.outTradeNo);
      if (o.sending) {
        this.#sql(`UPDATE attempts SET state = 'SENT' WHERE out_trade_no = ?`).run(a.outTradeNo);
        this.#event(a.createdAt, a.outTradeNo, null, 'sent', { from: 'CREATED', to: 'SENT' });
      }
    });
    run.immediate();
    return this.getAttempt(a.outTradeNo)!;
  }

  recordTransition(outTradeNo: string, from: AttemptState, event: PaymentEvent, patch: AttemptPatch, at: number, data: Record<string, unknown> = {}): AttemptRecord {
    const to = transition(from, event);
    const run = this.#db.transaction(() => {
      const sets = ['state = ?', 'updated_at = ?'];
      const values: unknown[] = [to, at];
      if (FINAL_STATES.has(to)) {
        // Booked now: into the open business period, on the day it was paid (or ended).
        const training = (this.#sql('SELECT training FROM attempts WHERE out_trade_no = ?').get(outTradeNo) as { training: number } | undefined)?.training ?? 0;
        const period = (this.#sql(OPEN_PERIOD).get(training) as { n: number }).n;
        const paidAt = 'paidAt' in patch ? patch.paidAt : (this.#sql('SELECT paid_at FROM attempts WHERE out_trade_no = ?').get(outTradeNo) as { paid_at: string | null } | undefined)?.paid_at;
        sets.push('period = ?', 'booked_at = ?', 'day = ?');
        values.push(period, at, bookingDay(to === 'SUCCESS' ? paidAt : null, at));
      }
      for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof AttemptPatch, string]>) {
        if (key in patch) {
          sets.push(`${column} = ?`);
          values.push(patch[key] ?? null);
        }
      }
      const r = this.#sql(`UPDATE attempts SET ${sets.join(', ')} WHERE out_trade_no = ? AND state = ?`).run(...values, outTradeNo, from);
      if (r.changes !== 1) {
        const now = this.getAttempt(outTradeNo);
        throw new PosError('ATTEMPT_UNRESOLVED', `payment ${outTradeNo} changed under us (expected ${from}, found ${now?.state ?? 'nothing'})`);
      }
      this.#event(at, outTradeNo, null, event.type, { from, to, ...patch, ...data });
    });
    run.immediate();
    return this.getAttempt(outTradeNo)!;
  }

  getAttempt(outTradeNo: string): AttemptRecord | undefined {
    const r = this.#sql('SELECT * FROM attempts WHERE out_trade_no = ?').get(outTradeNo) as Row | undefined;
    return r ? toAttempt(r) : undefined;
  }

  takeLease(outTradeNo: string, next: Lease, seen: Lease | null, at: number): boolean {
    let taken = false;
    this.#db.transaction(() => {
      const r = this.#sql('UPDATE attempts SET lease_owner = ?, lease_expires_at = ? WHERE out_trade_no = ? AND lease_owner IS ? AND lease_expires_at IS ?')
        .run(next.owner, next.expiresAt, outTradeNo, seen?.owner ?? null, seen?.expiresAt ?? null);
      taken = r.changes === 1;
      if (taken && seen?.owner !== next.owner) this.#event(at, outTradeNo, null, 'lease-taken', { owner: next.owner, from: seen?.owner ?? null, lapsedAt: seen?.expiresAt ?? null });
    }).immediate();
    return taken;
  }

  renewLease(outTradeNo: string, lease: Lease): boolean {
    return this.#sql('UPDATE attempts SET lease_expires_at = ? WHERE out_trade_no = ? AND lease_owner = ?').run(lease.expiresAt, outTradeNo, lease.owner).changes === 1;
  }

  releaseLease(outTradeNo: string, owner: string): void {
    this.#sql('UPDATE attempts SET lease_owner = NULL, lease_expires_at = NULL WHERE out_trade_no = ? AND lease_owner = ?').run(outTradeNo, owner);
  }

  unresolvedAttempts(): AttemptRecord[] {
    return (this.#sql(`SELECT * FROM attempts WHERE state NOT IN (${FINAL_LIST}) ORDER BY created_at`).all() as Row[]).map(toAttempt);
  }

  listAttempts(q: { day?: string; training?: boolean; limit?: number }): AttemptRecord[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (q.day !== undefined) { where.push('day = ?'); values.push(q.day); }
    if (q.training !== undefined) { where.push('training = ?'); values.push(q.training ? 1 : 0); }
    const sql = `SELECT * FROM attempts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`;
    return (this.#sql(sql).all(...values, q.limit ?? 500) as Row[]).map(toAttempt);
  }

  createRefund(r: { outRequestNo: string | ((n: number) => string); outTradeNo: string; amountFen: number; createdAt: number; reason?: string | undefined; cashier?: string | undefined }): RefundRecord {
    let outRequestNo = '';
    const run = this.#db.transaction(() => {
      const attempt = this.getAttempt(r.outTradeNo);
      if (!attempt) throw new PosError('NOT_FOUND', `no payment ${r.outTradeNo} in the journal`);
      if (attempt.state !== 'SUCCESS') throw new PosError('REFUND_NOT_ALLOWED', `payment ${r.outTradeNo} is ${attempt.state}, only a paid payment can be refunded`);
      // PENDING and UNKNOWN refunds may have moved money: count them as spent until settled.
      const used = this.#sql(`SELECT COALESCE(SUM(amount_fen), 0) AS used FROM refunds WHERE out_trade_no = ? AND state IN ('PENDING', 'SUCCESS', 'UNKNOWN')`).get(r.outTradeNo) as { used: number };
      const left = attempt.amountFen - used.used;
      if (r.amountFen > left) {
        throw new PosError('REFUND_EXCEEDS_PAID', `refund of ${r.amountFen} fen asked, ${left} fen left of ${attempt.amountFen}`, { details: { leftFen: left, paidFen: attempt.amountFen } });
      }
      const count = this.#sql('SELECT COUNT(*) AS n FROM refunds WHERE out_trade_no = ?').get(r.outTradeNo) as { n: number };
      outRequestNo = typeof r.outRequestNo === 'function' ? r.outRequestNo(count.n + 1) : r.outRequestNo;
      this.#sql(`INSERT INTO refunds (out_request_no, out_trade_no, amount_fen, state, created_at, updated_at, day, cashier) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)`)
        .run(outRequestNo, r.outTradeNo, r.amountFen, r.createdAt, r.createdAt, shanghaiDay(r.createdAt), r.cashier ?? null);
      this.#event(r.createdAt, r.outTradeNo, outRequestNo, 'refund-created', { amountFen: r.amountFen, ...(r.reason ? { reason: r.reason } : {}), ...(r.cashier ? { cashier: r.cashier } : {}) });
    });
    run.immediate();
    return this.#refund(outRequestNo)!;
  }

  #refund(outRequestNo: string): RefundRecord | undefined {
    const row = this.#sql('SELECT * FROM refunds WHERE out_request_no = ?').get(outRequestNo) as Row | undefined;
    return row ? toRefund(row) : undefined;
  }

  updateRefund(outRequestNo: string, state: RefundState, patch: { errorCode?: string | null; errorMessage?: string | null }, at: number, data: Record<string, unknown> = {}): RefundRecord {
    const run = this.#db.transaction(() => {
      // SUCCESS and FAILED are final: booked into the open period of the payment's training flag, on today.
      const booked = state === 'SUCCESS' || state === 'FAILED';
      const r = this.#sql(`UPDATE refunds SET state = ?, error_code = ?, error_message = ?, updated_at = ?,
          period = CASE WHEN ? THEN (SELECT COALESCE(MAX(z_number), 0) + 1 FROM day_closures d JOIN attempts a ON d.training = a.training WHERE a.out_trade_no = refunds.out_trade_no)
                        ELSE period END,
          booked_at = CASE WHEN ? THEN ? ELSE booked_at END,
          day = CASE WHEN ? THEN ? ELSE day END
        WHERE out_request_no = ? AND state IN ('PENDING', 'UNKNOWN')`)
        .run(state, patch.errorCode ?? null, patch.errorMessage ?? null, at, booked ? 1 : 0, booked ? 1 : 0, at, booked ? 1 : 0, shanghaiDay(at), outRequestNo);
      const refund = this.#refund(outRequestNo);
      if (!refund) throw new PosError('NOT_FOUND', `no refund ${outRequestNo} in the journal`);
      // Already settled by someone else: their answer stands, ours is not written over it.
      if (r.changes === 1) this.#event(at, refund.outTradeNo, outRequestNo, `refund-${state.toLowerCase()}`, { ...patch, ...data });
    });
    run.immediate();
    return this.#refund(outRequestNo)!;
  }

  refundsFor(outTradeNo: string): RefundRecord[] {
    return (this.#sql('SELECT * FROM refunds WHERE out_trade_no = ? ORDER BY created_at, out_request_no').all(outTradeNo) as Row[]).map(toRefund);
  }

  unresolvedRefunds(): RefundRecord[] {
    return (this.#sql(`SELECT * FROM refunds WHERE state IN ('PENDING', 'UNKNOWN') ORDER BY created_at`).all() as Row[]).map(toRefund);
  }

  note(outTradeNo: string, type: 'delivered' | 'acknowledged', at: number, data: Record<string, unknown> = {}): void {
    this.#db.transaction(() => {
      this.#event(at, outTradeNo, null, type, data);
      this.#sql('UPDATE attempts SET seen_at = COALESCE(seen_at, ?) WHERE out_trade_no = ?').run(at, outTradeNo);
    }).immediate();
  }

  unseenPaid(sinceMs: number, training: boolean): AttemptRecord[] {
    // attempts_unseen_success (migration 8) holds only SUCCESS rows nobody was shown: none, mostly.
    return (this.#sql(`SELECT * FROM attempts INDEXED BY attempts_unseen_success WHERE training = ? AND state = 'SUCCESS' AND seen_at IS NULL AND updated_at >= ?
      ORDER BY updated_at`).all(training ? 1 : 0, sinceMs) as Row[]).map(toAttempt);
  }

  events(outTradeNo: string): JournalEvent[] {
    return (this.#sql('SELECT * FROM events WHERE out_trade_no = ? ORDER BY id').all(outTradeNo) as Row[]).map((r) => ({
      id: r.id as number,
      at: r.at as number,
      outTradeNo: r.out_trade_no as string | null,
      outRequestNo: r.out_request_no as string | null,
      type: r.type as string,
      data: JSON.parse(r.data as string) as Record<string, unknown>,
    }));
  }

  report(day: string, training: boolean): DayReport {
    const rows = (this.#sql(`SELECT provider, state, COUNT(*) AS count, SUM(amount_fen) AS amount_fen FROM attempts
      WHERE training = ? AND day = ? GROUP BY provider, state ORDER BY provider, state`).all(training ? 1 : 0, day) as Row[]).map(toReportRow);
    const refunds = this.#sql(`SELECT COUNT(*) AS count, COALESCE(SUM(r.amount_fen), 0) AS amount_fen FROM refunds r JOIN attempts a ON a.out_trade_no = r.out_trade_no
      WHERE r.day = ? AND r.state = 'SUCCESS' AND a.training = ?`).get(day, training ? 1 : 0) as Row;
    return totals(day, training, rows, refunds, rows.filter((r) => !FINAL_STATES.has(r.state)).reduce((s, r) => s + r.count, 0));
  }

  periodReport(training: boolean, period?: number): PeriodReport {
    const t = training ? 1 : 0;
    const open = (this.#sql(OPEN_PERIOD).get(t) as { n: number }).n;
    const n = period ?? open;
    const closure = this.#sql('SELECT day, z_number, closed_at FROM day_closures WHERE training = ? AND z_number = ?').get(t, n) as Row | undefined;
    const previous = this.#sql('SELECT closed_at FROM day_closures WHERE training = ? AND z_number = ?').get(t, n - 1) as Row | undefined;
    const rows = (this.#sql(`SELECT provider, state, COUNT(*) AS count, SUM(amount_fen) AS amount_fen FROM attempts
      WHERE training = ? AND period = ? GROUP BY provider, state ORDER BY provider, state`).all(t, n) as Row[]).map(toReportRow);
    const refunds = this.#sql(`SELECT COUNT(*) AS count, COALESCE(SUM(r.amount_fen), 0) AS amount_fen FROM refunds r JOIN attempts a ON a.out_trade_no = r.out_trade_no
      WHERE r.period = ? AND r.state = 'SUCCESS' AND a.training = ?`).get(n, t) as Row;
    // Only the open period can still receive anything: what is unresolved now will be booked into it.
    const unresolved = n === open ? this.#unresolvedCount(t) : 0;
    return {
      ...totals(closure ? (closure.day as string) : '', training, rows, refunds, unresolved),
      cashiers: this.#cashiersOfPeriod(t, n),
      period: n,
      closed: closure ? { zNumber: closure.z_number as number, closedAt: closure.closed_at as number } : null,
      since: previous ? (previous.closed_at as number) : null,
    };
  }

  /** The X/Z report's lines by cashier (issue 12): who took the paid payments, who made the refunds. */
  #cashiersOfPeriod(training: number, period: number): CashierTotals[] {
    const paid = this.#sql(`SELECT cashier, COUNT(*) AS count, SUM(amount_fen) AS amount_fen FROM attempts
      WHERE training = ? AND period = ? AND state = 'SUCCESS' GROUP BY cashier`).all(training, period) as Row[];
    const refunded = this.#sql(`SELECT r.cashier AS cashier, COUNT(*) AS count, SUM(r.amount_fen) AS amount_fen FROM refunds r JOIN attempts a ON a.out_trade_no = r.out_trade_no
      WHERE r.period = ? AND r.state = 'SUCCESS' AND a.training = ? GROUP BY r.cashier`).all(period, training) as Row[];
    const by = new Map<string | null, CashierTotals>();
    const of = (cashier: string | null): CashierTotals => {
      let c = by.get(cashier);
      if (!c) by.set(cashier, (c = { cashier, paid: { count: 0, amountFen: 0 }, refunds: { count: 0, amountFen: 0 } }));
      return c;
    };
    for (const r of paid) of((r.cashier as string | null) ?? null).paid = { count: r.count as number, amountFen: r.amount_fen as number };
    for (const r of refunded) of((r.cashier as string | null) ?? null).refunds = { count: r.count as number, amountFen: r.amount_fen as number };
    // Signed-in cashiers by id; the payments nobody was signed in for last.
    return [...by.values()].sort((x, y) => (x.cashier === null ? 1 : y.cashier === null ? -1 : x.cashier < y.cashier ? -1 : x.cashier > y.cashier ? 1 : 0));
  }

  #unresolvedCount(training: number): number {
    const a = this.#sql(`SELECT COUNT(*) AS n FROM attempts WHERE training = ? AND state NOT IN (${FINAL_LIST})`).get(training) as { n: number };
    const r = this.#sql(`SELECT COUNT(*) AS n FROM refunds r JOIN attempts a ON a.out_trade_no = r.out_trade_no WHERE a.training = ? AND r.state IN ('PENDING', 'UNKNOWN')`).get(training) as { n: number };
    return a.n + r.n;
  }

  closeDay(day: string, training: boolean, at: number): DayClosure {
    let firstClose = false;
    const t = training ? 1 : 0;
    const run = this.#db.transaction(() => {
      const existing = this.#sql('SELECT 1 FROM day_closures WHERE day = ? AND training = ?').get(day, t);
      if (existing) return;
      // A Z is the period's last word: nothing may still be on its way into it (issue 8 item 6).
      const unresolved = this.#unresolvedCount(t);
      if (unresolved > 0) {
        throw new PosError('ATTEMPT_UNRESOLVED', `${unresolved} payment(s) or refund(s) are not settled yet; settle them (pos recover) before the Z close`, {
          detailZh: `有 ${unresolved} 笔支付或退款尚未确认，请先处理（pos recover）再做日结`,
          details: { unresolved },
        });
      }
      const n = (this.#sql(OPEN_PERIOD).get(t) as { n: number }).n;
      const { period: _p, closed: _c, since: _s, ...report } = this.periodReport(training, n);
      const stored: DayReport = { ...report, day };
      this.#sql('INSERT INTO day_closures (day, training, z_number, closed_at, report) VALUES (?, ?, ?, ?, ?)').run(day, t, n, at, JSON.stringify(stored));
      this.#event(at, null, null, 'day-closed', { day, training, zNumber: n, netFen: stored.netFen });
      firstClose = true;
    });
    run.immediate();
    const row = this.#sql('SELECT * FROM day_closures WHERE day = ? AND training = ?').get(day, t) as Row;
    return { day, training, zNumber: row.z_number as number, closedAt: row.closed_at as number, report: JSON.parse(row.report as string) as DayReport, firstClose };
  }

  close(): void {
    this.#db.close();
  }
}
