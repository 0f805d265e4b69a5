// The outbox to head office against a real PostgreSQL (one throwaway cluster for this file, a
// database per test): the faults of issue 13, each followed by the same check — head office's
// totals equal the tills' own reports, event for event.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PosError } from '../../app/common/errors.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { connectHq } from '../../app/hq/hqConnection.ts';
import { pushBatch } from '../../app/hq/hqIngest.ts';
import { migrateHq } from '../../app/hq/hqMigrations.ts';
import { hqReport } from '../../app/hq/hqReport.ts';
import { HqSyncer, type HqSyncerOptions } from '../../app/hq/HqSyncer.ts';
import { TillOutbox } from '../../app/hq/TillOutbox.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { expectHqMatchesTills, type TillUnderTest } from './hqAssert.ts';
import { PG_PASSWORD, startPgCluster, type PgCluster } from './pgCluster.ts';
import { DAY_START, hqConfigFor, openJournal, takePayments } from './tillJournal.ts';

const DAY = shanghaiDay(DAY_START);
let cluster: PgCluster;
let dbCount = 0;
let dir: string;
let passwordFile: string;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh head-office database, migrated, and a client on it. */
async function headOffice(): Promise<{ url: string; client: pg.Client }> {
  dir = mkdtempSync(join(tmpdir(), 'till-hq-'));
  passwordFile = join(dir, 'hq-password');
  writeFileSync(passwordFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  if (!cluster.running()) await cluster.start();
  const url = await cluster.createDatabase(`hq_${++dbCount}`);
  const client = await cluster.client(`hq_${dbCount}`);
  await migrateHq(client);
  cleanups.push(() => client.end().catch(() => undefined));
  return { url, client };
}

function till(tillId: string, name = `${tillId}.db`): TillUnderTest & { journal: SqliteJournal } {
  const { journal, path } = openJournal(dir, name);
  cleanups.push(() => journal.close());
  return { tillId, path, journal };
}

function syncer(url: string, t: TillUnderTest, o: Partial<HqSyncerOptions> & { batchSize?: number } = {}): HqSyncer {
  const { batchSize, ...rest } = o;
  const s = new HqSyncer({ hq: hqConfigFor(url, t.tillId, { passwordFile, ...(batchSize ? { batchSize } : {}) }), journalPath: t.path, random: () => 0, ...rest });
  cleanups.push(() => s.close());
  return s;
}

async function until(what: string, cond: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function count(client: pg.Client, sql: string, args: unknown[] = []): Promise<number> {
  return Number((await client.query<{ n: string }>(sql, args)).rows[0]!.n);
}

describe('the outbox to head office', () => {
  it('pushes a till’s events in batches, once; a second sync sends nothing; the header reads in sync', async () => {
    const { url, client } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 120, { refundEvery: 7, declineEvery: 11 });
    t.journal.closeDay(DAY, false, DAY_START + 12 * 3600_000);
    const s = syncer(url, t, { batchSize: 100 });
    expect(s.status()).toMatchObject({ state: 'waiting', tillId: 'S01-T01' });
    const first = await s.syncOnce();
    expect(first.batches).toBeGreaterThan(2);
    expect(first.waiting).toBe(0);
    const again = await s.syncOnce();
    expect(again.pushed).toBe(0);
    expect(s.status()).toMatchObject({ state: 'in-sync', waiting: 0, refusedRows: 0 });
    await expectHqMatchesTills(client, [t], DAY);
    const close = await client.query('SELECT z_number, net_fen FROM closes WHERE till_id = $1', [t.tillId]);
    expect(close.rows).toEqual([{ z_number: 1, net_fen: String(t.journal.report(DAY, false).netFen) }]);
  });

  it('head office down while tills take payments: nothing is lost, all of it arrives later', async () => {
    const { url, client } = await headOffice();
    const tills = ['S01-T01', 'S01-T02', 'S02-T01'].map((id) => till(id));
    const syncers = tills.map((t) => syncer(url, t, { hq: hqConfigFor(url, t.tillId, { passwordFile, pollIntervalMs: 50, maxBackoffMs: 1000 }) }));
    for (const t of tills) takePayments(t.journal, t.tillId, 10);
    syncers.forEach((s) => s.start());
    await until('first payments synced', () => syncers.every((s) => s.status().state === 'in-sync'));
    await client.end();
    await cluster.stop('immediate');
    for (const t of tills) takePayments(t.journal, t.tillId, 40, { startAt: DAY_START + 3600_000, refundEvery: 5 });
    await until('every till sees head office unreachable', () => syncers.every((s) => s.status().state === 'unreachable'));
    for (const s of syncers) {
      const st = s.status();
      expect(st.waiting).toBeGreaterThan(0);
      expect(st.unreachableSince).not.toBeNull();
      expect(st.message).toBeDefined();
    }
    await cluster.start();
    await until('every till back in sync', () => syncers.every((s) => s.status().state === 'in-sync'), 60_000);
    const c2 = await cluster.client(`hq_${dbCount}`);
    cleanups.push(() => c2.end());
    await expectHqMatchesTills(c2, tills, DAY);
  });

  it('a backend killed in the middle of a batch (before COMMIT) loses the whole batch; the resend lands once', async () => {
    const { url } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 90, { refundEvery: 4 });
    let calls = 0;
    const s = syncer(url, t, {
      batchSize: 100,
      hooks: {
        beforeCommit: async (c) => {
          if (++calls !== 2) return;
          const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
          process.kill(pid, 'SIGKILL');
        },
      },
    });
    await expect(s.syncOnce()).rejects.toMatchObject({ code: 'HQ_UNREACHABLE' });
    // The first batch committed; nothing of the second.
    await until('crash recovery over', async () => cluster.client(`hq_${dbCount}`).then((c) => c.end().then(() => true), () => false));
    const c2 = await cluster.client(`hq_${dbCount}`);
    cleanups.push(() => c2.end());
    expect(await count(c2, 'SELECT count(*) AS n FROM events')).toBe(100);
    expect(await count(c2, 'SELECT acked_seq AS n FROM tills')).toBe(100);
    await until('resent', () => s.syncOnce().then(() => true, () => false));
    await expectHqMatchesTills(c2, [t], DAY);
  });

  it('PostgreSQL itself killed (SIGKILL of the postmaster) mid-batch, then restarted: every event once', async () => {
    const { url } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 60, { refundEvery: 3 });
    let killed = false;
    const s = syncer(url, t, {
      batchSize: 50,
      hooks: {
        beforeCommit: async () => {
          if (killed) return;
          killed = true;
          await cluster.stop('kill');
        },
      },
    });
    await expect(s.syncOnce()).rejects.toMatchObject({ code: 'HQ_UNREACHABLE' });
    expect(s.status().state).toBe('unreachable');
    await cluster.start();
    await s.syncOnce();
    const c2 = await cluster.client(`hq_${dbCount}`);
    cleanups.push(() => c2.end());
    await expectHqMatchesTills(c2, [t], DAY);
  });

  it('the same batch delivered twice lands once (and a commit whose acknowledgement was lost is not doubled)', async () => {
    const { url, client } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 30, { refundEvery: 2 });
    const outbox = new TillOutbox(t.path);
    cleanups.push(() => outbox.close());
    const hq = await connectHq({ postgres: url, passwordFile });
    cleanups.push(() => hq.end());
    const id = { tillId: t.tillId, storeId: 'S01', journalId: outbox.journalId() };
    const b = outbox.readBatch(0, 1000);
    const first = await pushBatch(hq, id, { ...b, waitingAfter: 0, tillNowMs: Date.now() });
    const second = await pushBatch(hq, id, { ...b, waitingAfter: 0, tillNowMs: Date.now() });
    expect(first.inserted).toBe(b.events.length);
    expect(second.inserted).toBe(0);
    // A syncer whose acknowledgement was lost after COMMIT: the next run must not double anything.
    let failOnce = true;
    takePayments(t.journal, t.tillId, 10, { startAt: DAY_START + 7200_000 });
    const s = syncer(url, t, { hooks: { afterCommit: async () => { if (failOnce) { failOnce = false; throw new Error('power cut before the mark was written'); } } } });
    await expect(s.syncOnce()).rejects.toThrow();
    await s.syncOnce();
    await expectHqMatchesTills(client, [t], DAY);
  });

  it('two syncers of one till at once: every event once', async () => {
    const { url, client } = await headOffice();
    const t = till('S03-T07');
    takePayments(t.journal, t.tillId, 150, { refundEvery: 6 });
    const a = syncer(url, t, { batchSize: 40 });
    const b = syncer(url, t, { batchSize: 40 });
    await Promise.all([a.syncOnce(), b.syncOnce()]);
    takePayments(t.journal, t.tillId, 20, { startAt: DAY_START + 5 * 3600_000 });
    await Promise.all([a.syncOnce(), b.syncOnce(), a.syncOnce()]);
    await Promise.all([a.syncOnce(), b.syncOnce()]);
    await expectHqMatchesTills(client, [t], DAY);
  });

  it('a till whose clock is hours wrong: its payments count on its own day, head office reports the skew and ages its open payments truly', async () => {
    const { url, client } = await headOffice();
    const ahead = till('S01-T01');
    const behind = till('S01-T02');
    const skewMs = 7 * 3600_000;
    const tillNow = Date.now() + skewMs;
    takePayments(ahead.journal, ahead.tillId, 20, { startAt: tillNow - 25 * 60_000, leaveLastUnknown: true });
    takePayments(behind.journal, behind.tillId, 20, { startAt: DAY_START, refundEvery: 3 });
    await syncer(url, ahead, { now: () => Date.now() + skewMs }).syncOnce();
    await syncer(url, behind, { now: () => Date.now() - 9 * 3600_000 }).syncOnce();
    await expectHqMatchesTills(client, [behind], DAY);
    await expectHqMatchesTills(client, [ahead], shanghaiDay(tillNow - 25 * 60_000));
    const r = await hqReport(client, { day: DAY });
    const skews = Object.fromEntries(r.tills.map((x) => [x.tillId, Math.round(x.clockSkewMs / 3600_000)]));
    expect(skews).toEqual({ 'S01-T01': 7, 'S01-T02': -9 });
    expect(r.tills.every((x) => x.clockOff)).toBe(true);
    expect(r.unknown).toHaveLength(1);
    // Created a few seconds ago by the till's clock, seven hours ahead: not "-7 hours old".
    expect(r.unknown[0]!.ageMs).toBeGreaterThanOrEqual(-60_000);
    expect(r.unknown[0]!.ageMs).toBeLessThan(60 * 60_000);
  });

  it('a corrupted or truncated outbox row is refused and reported; the rest goes on', async () => {
    const { url, client } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 30, { refundEvery: 4 });
    t.journal.close();
    // Damage the file as a disk or a careless tool would: the append-only triggers are bypassed.
    const raw = new Database(t.path);
    raw.exec('DROP TRIGGER events_append_only_update');
    const created = raw.prepare(`SELECT id FROM events WHERE type = 'created' ORDER BY id LIMIT 1 OFFSET 5`).get() as { id: number };
    raw.prepare('UPDATE events SET data = substr(data, 1, 9) WHERE id = ?').run(created.id);
    raw.prepare(`INSERT INTO events (at, out_trade_no, out_request_no, type, data) VALUES (?, 'NO_SUCH_PAYMENT', NULL, 'paid', '{}')`).run(DAY_START);
    const stray = (raw.prepare('SELECT max(id) AS id FROM events').get() as { id: number }).id;
    // A payment whose row was damaged so that only head office can tell (13th month).
    const victim = raw.prepare(`SELECT out_trade_no FROM attempts ORDER BY created_at LIMIT 1 OFFSET 21`).get() as { out_trade_no: string };
    raw.prepare(`UPDATE attempts SET day = '2026-13-40' WHERE out_trade_no = ?`).run(victim.out_trade_no);
    const victimEvents = (raw.prepare('SELECT id FROM events WHERE out_trade_no = ? ORDER BY id').all(victim.out_trade_no) as Array<{ id: number }>).map((r) => r.id);
    raw.close();
    const reopened = new SqliteJournal(t.path);
    cleanups.push(() => reopened.close());
    takePayments(reopened, t.tillId, 10, { startAt: DAY_START + 3600_000 });
    const refused: number[] = [];
    const s = syncer(url, t, { batchSize: 25, onRefused: (rows) => refused.push(...rows.map((r) => r.seq)) });
    const run = await s.syncOnce();
    // The damaged row travels with the payment's last event of the batch: that one is refused.
    expect(refused.sort((a, b) => a - b)).toEqual([created.id, victimEvents.at(-1)!, stray].sort((a, b) => a - b));
    expect(run.refused).toBe(refused.length);
    expect(s.status()).toMatchObject({ state: 'in-sync', refusedRows: refused.length });
    const r = await hqReport(client, { day: DAY });
    expect(r.refused.map((x) => x.seq)).toEqual(refused);
    expect(r.refused.find((x) => x.seq === created.id)!.reason).toMatch(/not valid JSON/);
    expect(r.refused.find((x) => x.seq === stray)!.reason).toMatch(/no payment NO_SUCH_PAYMENT/);
    expect(r.refused.find((x) => x.seq === victimEvents.at(-1))!.reason).toMatch(/head office refused it/);
    await expectHqMatchesTills(client, [t], DAY);
  });

  it('resumes where head office says it stands: a lost local mark resends nothing, a head office restored from a backup gets the rest again', async () => {
    const { url, client } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 40);
    await syncer(url, t).syncOnce();
    const total = await count(client, 'SELECT count(*) AS n FROM events');
    // The till's mark is lost (journal restored from a copy taken before the sync).
    const w = new Database(t.path);
    w.prepare('UPDATE hq_outbox SET acked_seq = 0').run();
    w.close();
    const again = syncer(url, t);
    expect(again.status().waiting).toBe(total);
    expect((await again.syncOnce()).pushed).toBe(0);
    expect(again.status().waiting).toBe(0);
    // Head office restored from a backup that has only the first 30 events.
    await client.query('BEGIN');
    await client.query('DELETE FROM attempts; DELETE FROM refunds; DELETE FROM events WHERE seq > 30');
    await client.query(`UPDATE tills SET acked_seq = 30`);
    await client.query(`${(await import('../../app/hq/hqDerive.ts')).deriveSql('events')}`);
    await client.query('COMMIT');
    const third = syncer(url, t);
    expect((await third.syncOnce()).pushed).toBe(total - 30);
    await expectHqMatchesTills(client, [t], DAY);
  });

  it('a second journal under the same till id is refused, with the reason in the status', async () => {
    const { url } = await headOffice();
    const first = till('S01-T01', 'a.db');
    const second = till('S01-T01', 'b.db');
    takePayments(first.journal, first.tillId, 3);
    takePayments(second.journal, second.tillId, 3);
    await syncer(url, first).syncOnce();
    const s = syncer(url, second);
    const e = (await s.syncOnce().catch((x: unknown) => x)) as PosError;
    expect(e.code).toBe('HQ_REFUSED');
    expect(e.toData().messageZh).toMatch(/till\.id/);
    expect(s.status()).toMatchObject({ state: 'refused' });
  });

  it('an unreachable head office and a wrong password are HQ_UNREACHABLE, and no message carries the password', async () => {
    const { url } = await headOffice();
    const t = till('S01-T01');
    takePayments(t.journal, t.tillId, 2);
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'not-the-password\n');
    const s = syncer(url, t, { hq: hqConfigFor(url, t.tillId, { passwordFile: wrong }) });
    const e = (await s.syncOnce().catch((x: unknown) => x)) as PosError;
    expect(e.code).toBe('HQ_UNREACHABLE');
    expect(JSON.stringify(e.toData())).not.toContain('not-the-password');
    const down = syncer(url.replace(`:${cluster.port}/`, ':1/'), t, { hq: hqConfigFor(url.replace(`:${cluster.port}/`, ':1/'), t.tillId, { passwordFile }) });
    const e2 = (await down.syncOnce().catch((x: unknown) => x)) as PosError;
    expect(e2.code).toBe('HQ_UNREACHABLE');
    expect(JSON.stringify(e2.toData())).not.toContain(PG_PASSWORD);
    expect(down.status()).toMatchObject({ state: 'unreachable' });
    expect(down.status().waiting).toBeGreaterThan(0);
  });
});
