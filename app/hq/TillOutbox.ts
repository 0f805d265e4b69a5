// The till's side of the outbox: the journal's own `events` table read by id (a per-till sequence
// that never changes), plus the acknowledged-up-to mark and the quarantine (journal migration 4).
// Reads go through a read-only connection of their own: in WAL mode a reader never blocks the
// payment path's writer. The mark is written through a second connection with synchronous=NORMAL:
// a mark lost in a power cut only means resending what head office already has, which lands as a
// no-op, so it does not pay for an fsync while a payment might be waiting on the write lock.
import Database from 'better-sqlite3';
import { PosError } from '../common/errors.ts';
import { toOutboxEvent, type OutboxEvent, type RefusedRow } from './outboxRow.ts';

type Row = Record<string, unknown>;

export type OutboxBatch = { events: OutboxEvent[]; refused: RefusedRow[]; /** The highest seq read (0: none). */ lastSeq: number };

export class TillOutbox {
  readonly #read: Database.Database;
  readonly #path: string;
  #write: Database.Database | undefined;
  readonly #st = new Map<string, Database.Statement>();

  constructor(journalPath: string) {
    this.#path = journalPath;
    try {
      this.#read = new Database(journalPath, { readonly: true, fileMustExist: true });
      this.#read.pragma('busy_timeout = 5000');
    } catch (e) {
      throw new PosError('INVALID_CONFIG', `cannot open the journal ${journalPath} for the head-office outbox: ${(e as Error).message}`, { cause: e });
    }
    const has = this.#read.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hq_outbox'`).get();
    if (!has) {
      this.#read.close();
      throw new PosError('INVALID_CONFIG', `the journal ${journalPath} has no outbox yet (schema older than 4): open it once with this version of the till`);
    }
  }

  #q(db: Database.Database, sql: string): Database.Statement {
    const key = `${db === this.#read ? 'r' : 'w'}:${sql}`;
    let s = this.#st.get(key);
    if (!s) this.#st.set(key, (s = db.prepare(sql)));
    return s;
  }

  #writer(): Database.Database {
    if (!this.#write) {
      this.#write = new Database(this.#path, { fileMustExist: true });
      this.#write.pragma('busy_timeout = 5000');
      this.#write.pragma('synchronous = NORMAL');
    }
    return this.#write;
  }

  /** Tells this journal file apart from any other journal configured with the same till id. */
  journalId(): string {
    return (this.#q(this.#read, 'SELECT journal_id FROM hq_outbox WHERE id = 1').get() as { journal_id: string }).journal_id;
  }

  maxSeq(): number {
    return (this.#q(this.#read, `SELECT COALESCE(MAX(id), 0) AS n FROM events`).get() as { n: number }).n;
  }

  ackedSeq(): number {
    return (this.#q(this.#read, 'SELECT acked_seq FROM hq_outbox WHERE id = 1').get() as { acked_seq: number }).acked_seq;
  }

  /** Events written and not acknowledged yet (refused rows count as handled). */
  waiting(): number {
    const r = this.#read.transaction(() => Math.max(0, this.maxSeq() - this.ackedSeq()))();
    return r;
  }

  quarantinedCount(): number {
    return (this.#q(this.#read, 'SELECT COUNT(*) AS n FROM hq_quarantine').get() as { n: number }).n;
  }

  quarantined(): Array<{ seq: number; reason: string; foundAt: number; reportedAt: number | null }> {
    return (this.#q(this.#read, 'SELECT * FROM hq_quarantine ORDER BY seq').all() as Row[]).map((r) => ({ seq: r.seq as number, reason: r.reason as string, foundAt: r.found_at as number, reportedAt: (r.reported_at as number | null) ?? null }));
  }

  /** Up to `limit` events after `afterSeq`, each with the rows it refers to, in one read transaction. */
  readBatch(afterSeq: number, limit: number): OutboxBatch {
    return this.#read.transaction(() => {
      const rows = this.#q(this.#read, 'SELECT id, at, out_trade_no, out_request_no, type, data FROM events WHERE id > ? ORDER BY id LIMIT ?').all(afterSeq, limit) as Row[];
      // One read transaction: a payment's row is the same for all its events here, so read it once.
      const attempts = new Map<string, Row | undefined>();
      const refunds = new Map<string, Row | undefined>();
      const look = {
        attempt: (k: string) => {
          if (!attempts.has(k)) attempts.set(k, this.#q(this.#read, 'SELECT * FROM attempts WHERE out_trade_no = ?').get(k) as Row | undefined);
          return attempts.get(k);
        },
        refund: (k: string) => {
          if (!refunds.has(k)) refunds.set(k, this.#q(this.#read, 'SELECT * FROM refunds WHERE out_request_no = ?').get(k) as Row | undefined);
          return refunds.get(k);
        },
        closure: (day: string, training: number) => this.#q(this.#read, 'SELECT * FROM day_closures WHERE day = ? AND training = ?').get(day, training) as Row | undefined,
      };
      const events: OutboxEvent[] = [];
      const refused: RefusedRow[] = [];
      for (const r of rows) {
        const x = toOutboxEvent(r, look);
        if (x.ok) events.push(x.event);
        else refused.push(x.refused);
      }
      // Every event of one payment in this batch would carry the identical row: only the last
      // carries it (head office derives from the highest seq that has one), a third of the bytes.
      const seen = new Set<string>();
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i]!;
        if (e.attempt) {
          const k = `a:${e.out_trade_no}`;
          if (seen.has(k)) e.attempt = null;
          else seen.add(k);
        }
        if (e.refund) {
          const k = `r:${e.out_request_no}`;
          if (seen.has(k)) e.refund = null;
          else seen.add(k);
        }
      }
      return { events, refused, lastSeq: rows.length ? (rows.at(-1)!.id as number) : 0 };
    })();
  }

  /** Head office has everything up to `seq`. Only moves forward, unless head office says it stands lower (restored from a backup). */
  ack(seq: number, at: number, o: { resetTo?: boolean } = {}): void {
    const w = this.#writer();
    if (o.resetTo) this.#q(w, 'UPDATE hq_outbox SET acked_seq = ?, acked_at = ? WHERE id = 1').run(seq, at);
    else this.#q(w, 'UPDATE hq_outbox SET acked_seq = MAX(acked_seq, ?), acked_at = ? WHERE id = 1').run(seq, at);
  }

  /** Records refused rows; `reportedAt` once head office has them too. */
  quarantine(refused: RefusedRow[], at: number, reportedAt: number | null): void {
    if (refused.length === 0) return;
    const w = this.#writer();
    w.transaction(() => {
      for (const r of refused) {
        this.#q(w, 'INSERT INTO hq_quarantine (seq, reason, found_at, reported_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO UPDATE SET reported_at = COALESCE(excluded.reported_at, reported_at)').run(r.seq, r.reason, at, reportedAt);
      }
    })();
  }

  close(): void {
    this.#read.close();
    this.#write?.close();
    this.#write = undefined;
  }
}
