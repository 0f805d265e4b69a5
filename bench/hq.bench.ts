// Issue 13 figures: 200 simulated tills × 1,000 payments syncing into one PostgreSQL on this
// machine (fsync on): events per second as they all come online at once, the lag from a payment
// to head office while they run, the memory of one till's syncer, and one till catching up
// 100,000 events after an offline week (goal: under a minute). HQ_BENCH_TILLS / HQ_BENCH_PAYMENTS
// make it smaller. Benchmarks print numbers; the tests in test/hq assert correctness.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { HQ_DEFAULTS, type HqConfig } from '../app/hq/hqConfig.ts';
import { connectHq } from '../app/hq/hqConnection.ts';
import { migrateHq } from '../app/hq/hqMigrations.ts';
import { HqSyncer } from '../app/hq/HqSyncer.ts';
import { SqliteJournal } from '../app/journal/SqliteJournal.ts';
import { PG_PASSWORD, startPgCluster } from '../test/hq/pgCluster.ts';
import { copyJournal, fillJournal } from './hq/journals.ts';
import { payPathWithSyncer } from './hq/payPath.ts';

const TILLS = Number(process.env.HQ_BENCH_TILLS ?? 200);
const PAYMENTS = Number(process.env.HQ_BENCH_PAYMENTS ?? 1000);
const CATCH_UP_EVENTS = Number(process.env.HQ_BENCH_CATCH_UP ?? 100_000);
const LIVE_PAYMENTS = Number(process.env.HQ_BENCH_LIVE ?? 600);

const f = (n: number, d = 1) => n.toFixed(d);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export default async function hqBench(): Promise<void> {
  const shm = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'till-hqbench-'));
  const cluster = await startPgCluster({ fsync: true, maxConnections: TILLS + 50 });
  try {
    const url = await cluster.createDatabase('chain');
    const admin = await cluster.client('chain');
    await migrateHq(admin);
    const passwordFile = join(shm, 'pw');
    writeFileSync(passwordFile, PG_PASSWORD);
    const hqFor = (tillId: string, o: Partial<HqConfig> = {}): HqConfig => ({ postgres: url, passwordFile, tillId, storeId: tillId.split('-')[0]!, ...HQ_DEFAULTS, ...o });

    // 0. The payment path with a syncer beside it (on a real disk: the journal's fsyncs count here).
    const payDir = mkdtempSync(join(tmpdir(), 'till-hqbench-pay-'));
    const pp = await payPathWithSyncer(payDir, hqFor('S000-T01'), 400);
    rmSync(payDir, { recursive: true, force: true });
    pp.without.sort((a, b) => a - b);
    pp.with.sort((a, b) => a - b);
    const synced = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE till_id = 'S000-T01'`)).rows[0]!.n);
    console.log(`scan→request (code received → trade.pay at a loopback gateway), ${pp.without.length} payments each, alternating blocks:`);
    console.log(`  no syncer            p50 ${f(pct(pp.without, 50), 2)} ms   p99 ${f(pct(pp.without, 99), 2)} ms`);
    console.log(`  syncer running       p50 ${f(pct(pp.with, 50), 2)} ms   p99 ${f(pct(pp.with, 99), 2)} ms   (${synced} events synced to head office between payments)`);

    let t = performance.now();
    const template = join(shm, 'template.db');
    const perTill = fillJournal(template, PAYMENTS, Date.now() - 86_400_000);
    const paths = Array.from({ length: TILLS }, (_, i) => copyJournal(template, shm, `till-${i}.db`));
    console.log(`journals: ${TILLS} tills × ${PAYMENTS} payments = ${TILLS * perTill} events (${perTill} per till), written in ${f((performance.now() - t) / 1000)} s`);

    // 1. Every till comes online at once with its day to send: one syncer and one connection each.
    const ids = paths.map((_, i) => `S${String(Math.floor(i / 10) + 1).padStart(3, '0')}-T${String((i % 10) + 1).padStart(2, '0')}`);
    // Logins first (a few at a time), so the figure below is ingest, not 200 SCRAM handshakes at
    // once on a small machine (that storm is what the syncers' jittered backoff is for).
    t = performance.now();
    const clients: pg.Client[] = [];
    for (let i = 0; i < TILLS; i += 10) clients.push(...(await Promise.all(ids.slice(i, i + 10).map(() => connectHq({ postgres: url, passwordFile }, { connectTimeoutMs: 30_000 })))));
    console.log(`${TILLS} till logins (SCRAM, 10 at a time): ${f((performance.now() - t) / 1000)} s`);
    // After a failure the syncer ends its client; a reconnection is a fresh login.
    const reused = new Set<number>();
    const syncers = paths.map((p, i) => new HqSyncer({ hq: hqFor(ids[i]!), journalPath: p, connect: async () => (reused.has(i) ? connectHq({ postgres: url, passwordFile }, { connectTimeoutMs: 30_000 }) : (reused.add(i), clients[i]!)) }));
    t = performance.now();
    syncers.forEach((s) => s.start());
    while (!syncers.every((s) => s.status().state === 'in-sync')) await new Promise((r) => setTimeout(r, 100));
    const drainS = (performance.now() - t) / 1000;
    const landed = Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    console.log(`all ${TILLS} tills sending their day at once into one PostgreSQL (batches of ${HQ_DEFAULTS.batchSize}, fsync on, ${TILLS} connections):`);
    console.log(`  ${landed} events in ${f(drainS)} s = ${f(landed / drainS, 0)} events/s (derived attempts/refunds in the same transactions)`);

    // 2. Lag while they run: payments taken across the tills, each nudging its till's syncer.
    const journals = new Map<number, SqliteJournal>();
    const liveFrom = Date.now();
    t = performance.now();
    for (let k = 0; k < LIVE_PAYMENTS; k++) {
      const i = Math.floor(Math.random() * TILLS);
      let j = journals.get(i);
      if (!j) journals.set(i, (j = new SqliteJournal(paths[i]!)));
      const no = `L${String(k).padStart(7, '0')}`;
      const at = Date.now();
      j.createAttempt({ outTradeNo: no, provider: 'alipay', amountFen: 1234, subject: 'live', codeHash: 'x', codeLast4: '0000', training: false, createdAt: at }, { sending: true });
      j.recordTransition(no, 'SENT', { type: 'paid' }, { tradeNo: `LT${k}` }, Date.now());
      syncers[i]!.poke();
      await new Promise((r) => setTimeout(r, 20));
    }
    const liveS = (performance.now() - t) / 1000;
    const until = Date.now() + 120_000;
    while (syncers.some((s) => s.status().waiting > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const lags = (await admin.query<{ lag: string }>(`SELECT (extract(epoch FROM received_at) * 1000)::bigint - at_ms AS lag FROM events WHERE at_ms >= $1`, [liveFrom])).rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
    console.log(`lag from a payment's journal write to head office (${lags.length} events of ${LIVE_PAYMENTS} payments over ${f(liveS)} s, ${TILLS} syncers running, poll ${hqFor('x').pollIntervalMs} ms, nudged 250 ms after a change):`);
    if (lags.length) console.log(`  p50 ${f(pct(lags, 50), 0)} ms   p99 ${f(pct(lags, 99), 0)} ms   max ${f(lags.at(-1)!, 0)} ms`);
    await Promise.all(syncers.map((s) => s.close()));
    for (const j of journals.values()) j.close();

    // 3. One till back after an offline week: 100,000 events, its syncer alone in a process.
    t = performance.now();
    const week = join(shm, 'week.db');
    let events = 0;
    // ~3.2 events a payment on average with this mix.
    events = fillJournal(week, Math.ceil(CATCH_UP_EVENTS / 3.2), Date.now() - 7 * 86_400_000, 'W');
    console.log(`a week offline: ${events} events written in ${f((performance.now() - t) / 1000)} s`);
    const child = spawn(process.execPath, [join(import.meta.dirname, 'hq', 'catchUp.ts'), week, url, passwordFile, 'S999-T01'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.on('close', r));
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; events: number; batches: number; rssBeforeMb: number; peakRssMb: number; heapBeforeMb: number; peakHeapMb: number };
    console.log(`catching up ${r.events} events (${r.batches} batches): ${f(r.ms / 1000)} s = ${f(r.events / (r.ms / 1000), 0)} events/s (goal: under 60 s)`);
    console.log(`one till's syncer memory while catching up: RSS ${f(r.rssBeforeMb)} → peak ${f(r.peakRssMb)} MB, JS heap ${f(r.heapBeforeMb)} → peak ${f(r.peakHeapMb)} MB (the process: Node, better-sqlite3, pg)`);
    await admin.end();
  } finally {
    await cluster.destroy();
    rmSync(shm, { recursive: true, force: true });
  }
}
