// The background syncer: pushes the journal's unacknowledged events to head office in batches and
// acknowledges them locally once head office has committed them. It never sits on the payment
// path: it reads through its own read-only connection, defers a batch while a payment is in
// progress (its reads are synchronous), and whatever head office does — down for days, killed mid-
// batch — only delays it. On each (re)connection it asks head office where this till stands and
// resumes there, so a restarted till, or a head office restored from a backup, picks up exactly.
import type pg from 'pg';
import { PosError } from '../common/errors.ts';
import type { SyncStatusView } from '../common/ipc/views.ts';
import { backoffMs } from './backoff.ts';
import type { HqConfig } from './hqConfig.ts';
import { connectHq, isConnectionError } from './hqConnection.ts';
import { SYNC_RETRIES, unreachableWith } from './hqUnreachable.ts';
import { checkHqSchema, hqMark, pushBatch, type BatchHooks, type TillIdentity } from './hqIngest.ts';
import type { RefusedRow } from './outboxRow.ts';
import { TillOutbox, type OutboxBatch } from './TillOutbox.ts';

export type HqSyncerOptions = {
  hq: HqConfig;
  journalPath: string;
  /** The id this journal syncs under (a training journal syncs as `<till.id>:training`). */
  tillId?: string;
  /** The till's clock (its skew is measured by head office, never corrected here). */
  now?: () => number;
  connect?: () => Promise<pg.Client>;
  /** True while a payment is in progress: the next batch waits (in-app syncer only). */
  isBusy?: () => boolean;
  onStatus?: (s: SyncStatusView) => void;
  /** Refused rows found; the header shows them, the log says which. */
  onRefused?: (rows: RefusedRow[]) => void;
  hooks?: BatchHooks & { afterCommit?: () => Promise<void> };
  random?: () => number;
};

export type SyncRun = { pushed: number; inserted: number; refused: number; batches: number; ackedSeq: number; waiting: number };

/** After this long without anything to send, a sync still tells head office the till is alive. */
const HEARTBEAT_MS = 60_000;
/** A change on the till (a payment, a refund) is pushed this soon after, batched with its neighbours. */
const POKE_DELAY_MS = 250;
const BUSY_RETRY_MS = 200;

/** Postgres refused the data itself (bad value, constraint): quarantine, do not retry forever. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}

export class HqSyncer {
  readonly #o: HqSyncerOptions;
  readonly #outbox: TillOutbox;
  readonly #id: TillIdentity;
  readonly #now: () => number;
  #client: pg.Client | undefined;
  #sentSeq = 0;
  #failures = 0;
  #unreachableSince: number | null = null;
  #lastSyncedAt: number | null = null;
  #lastContactAt = 0;
  #refused: { message: string } | undefined;
  #lastError: string | undefined;
  #running: Promise<SyncRun> | undefined;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;

  constructor(o: HqSyncerOptions) {
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.#outbox = new TillOutbox(o.journalPath);
    this.#id = { tillId: o.tillId ?? o.hq.tillId, storeId: o.hq.storeId, journalId: this.#outbox.journalId() };
  }

  get tillId(): string {
    return this.#id.tillId;
  }

  status(): SyncStatusView {
    const waiting = this.#outbox.waiting();
    const refusedRows = this.#outbox.quarantinedCount();
    const base = { tillId: this.#id.tillId, waiting, refusedRows, lastSyncedAt: this.#lastSyncedAt, unreachableSince: this.#unreachableSince };
    if (this.#refused) return { ...base, state: 'refused', message: this.#refused.message };
    if (this.#unreachableSince !== null) return { ...base, state: 'unreachable', ...(this.#lastError ? { message: this.#lastError } : {}) };
    return { ...base, state: waiting > 0 || this.#lastSyncedAt === null ? 'waiting' : 'in-sync' };
  }

  #emit(): void {
    try {
      this.#o.onStatus?.(this.status());
    } catch {
      // a listener's fault is not the syncer's
    }
  }

  async #connection(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = await (this.#o.connect ?? (() => connectHq(this.#o.hq, { applicationName: `till ${this.#id.tillId}` })))();
    try {
      await checkHqSchema(client);
      const mark = await hqMark(client, this.#id);
      const max = this.#outbox.maxSeq();
      if (mark > max) {
        throw new PosError('HQ_REFUSED', `head office has events up to ${mark} from till ${this.#id.tillId}, this journal only up to ${max}: is till.id used by another till?`, {
          detailZh: `总部已收到收银台 ${this.#id.tillId} 的第 ${mark} 条记录，而本账本只有 ${max} 条：till.id 是否与其他收银台重复？`,
        });
      }
      // Head office is the truth about what it has: lower than our mark means it was restored.
      if (mark !== this.#outbox.ackedSeq()) this.#outbox.ack(mark, this.#now(), { resetTo: mark < this.#outbox.ackedSeq() });
      this.#sentSeq = mark;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    this.#client = client;
    return client;
  }

  async #drop(): Promise<void> {
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => undefined);
  }

  async #push(client: pg.Client, b: OutboxBatch): Promise<number> {
    const waitingAfter = Math.max(0, this.#outbox.maxSeq() - b.lastSeq);
    const batch = { ...b, waitingAfter, tillNowMs: this.#now() };
    try {
      return (await pushBatch(client, this.#id, batch, this.#o.hooks)).inserted;
    } catch (e) {
      if (!isDataError(e) || b.events.length === 0) throw e;
    }
    // Head office refused something in the batch as data: find which rows, one at a time, and
    // quarantine those; the rest goes on.
    let inserted = 0;
    const refused = [...b.refused];
    for (const ev of b.events) {
      try {
        inserted += (await pushBatch(client, this.#id, { events: [ev], refused: [], lastSeq: 0, waitingAfter, tillNowMs: this.#now() })).inserted;
      } catch (e) {
        if (!isDataError(e)) throw e;
        refused.push({ seq: ev.seq, reason: `head office refused it: ${(e as Error).message}`, raw: `${ev.type} ${JSON.stringify(ev.data)}`.slice(0, 500) });
      }
    }
    b.refused.splice(0, b.refused.length, ...refused);
    await pushBatch(client, this.#id, { events: [], refused, lastSeq: b.lastSeq, waitingAfter, tillNowMs: this.#now() }, this.#o.hooks);
    return inserted;
  }

  async #drain(): Promise<SyncRun> {
    const run: SyncRun = { pushed: 0, inserted: 0, refused: 0, batches: 0, ackedSeq: 0, waiting: 0 };
    const client = await this.#connection();
    for (;;) {
      if (this.#o.isBusy?.()) break;
      const b = this.#outbox.readBatch(this.#sentSeq, this.#o.hq.batchSize);
      if (b.lastSeq === 0) break;
      run.inserted += await this.#push(client, b);
      const at = this.#now();
      if (b.refused.length) {
        this.#outbox.quarantine(b.refused, at, at);
        this.#o.onRefused?.(b.refused);
      }
      await this.#o.hooks?.afterCommit?.();
      this.#outbox.ack(b.lastSeq, at);
      this.#sentSeq = b.lastSeq;
      this.#lastContactAt = Date.now();
      run.pushed += b.events.length;
      run.refused += b.refused.length;
      run.batches += 1;
      if (b.events.length + b.refused.length < this.#o.hq.batchSize) break;
    }
    if (run.batches === 0 && Date.now() - this.#lastContactAt >= HEARTBEAT_MS) {
      await pushBatch(client, this.#id, { events: [], refused: [], lastSeq: 0, waitingAfter: this.#outbox.waiting(), tillNowMs: this.#now() });
      this.#lastContactAt = Date.now();
    }
    run.ackedSeq = this.#sentSeq;
    run.waiting = this.#outbox.waiting();
    return run;
  }

  /** Pushes everything waiting now; throws HQ_UNREACHABLE / HQ_REFUSED (the status says so too). */
  async syncOnce(): Promise<SyncRun> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      try {
        const run = await this.#drain();
        this.#failures = 0;
        this.#unreachableSince = null;
        this.#refused = undefined;
        this.#lastError = undefined;
        this.#lastSyncedAt = this.#now();
        return run;
      } catch (e) {
        await this.#drop();
        this.#failures += 1;
        if (e instanceof PosError && e.code === 'HQ_REFUSED') {
          this.#refused = { message: e.message };
          throw e;
        }
        if (e instanceof PosError && e.code === 'INVALID_CONFIG') {
          // e.g. the password file is missing: a setting to fix, shown as such in the header.
          this.#refused = { message: e.message };
          throw e;
        }
        this.#unreachableSince ??= this.#now();
        this.#lastError = (e as Error).message;
        if (e instanceof PosError) throw unreachableWith(e, SYNC_RETRIES);
        throw unreachableWith(new PosError('HQ_UNREACHABLE', `${isConnectionError(e) ? 'the connection to head office broke' : 'head office failed'}: ${(e as Error).message}`, { cause: e }), SYNC_RETRIES);
      } finally {
        this.#running = undefined;
        this.#emit();
      }
    })();
    return this.#running;
  }

  /** Runs until stop(): a sync after each change (poke) and every pollIntervalMs, backing off while head office is away. */
  start(): void {
    if (this.#loop) return;
    this.#stopped = false;
    this.#loop = (async () => {
      while (!this.#stopped) {
        let waitMs = this.#o.hq.pollIntervalMs;
        if (this.#o.isBusy?.()) waitMs = BUSY_RETRY_MS;
        else {
          try {
            const run = await this.syncOnce();
            if (run.waiting > 0 && !this.#o.isBusy?.()) waitMs = 0;
          } catch {
            waitMs = backoffMs(this.#failures, { maxMs: this.#o.hq.maxBackoffMs }, this.#o.random);
          }
        }
        if (this.#stopped) break;
        if (waitMs > 0) await this.#sleep(waitMs);
      }
    })();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = () => {
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#wake = undefined;
        resolve();
      };
      this.#timer = setTimeout(() => this.#wake?.(), ms);
      this.#timer.unref?.();
    });
  }

  /** Something was journaled: sync soon (unless head office is away: backoff stands). */
  poke(): void {
    if (this.#unreachableSince !== null || this.#refused || !this.#wake) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#wake?.(), POKE_DELAY_MS);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    await this.#running?.catch(() => undefined);
    await this.#drop();
  }

  async close(): Promise<void> {
    await this.stop();
    this.#outbox.close();
  }
}
