// Head office's schema (versioned migrations from empty and from the previous version) and the
// in-app syncer a long-running till starts, against a real PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { parseConfig } from '../../app/config/config.ts';
import { startTrainingGateway } from '../../app/gateway/training/index.ts';
import { HQ_SCHEMA_VERSION, hqSchemaVersion, migrateHq } from '../../app/hq/hqMigrations.ts';
import { checkHqSchema, pushBatch } from '../../app/hq/hqIngest.ts';
import { TillOutbox } from '../../app/hq/TillOutbox.ts';
import { createHandlers, type HostDeps } from '../../app/ipc/handlers.ts';
import { openTill } from '../../app/till.ts';
import { code } from '../helpers/trainingTill.ts';
import { expectHqMatchesTills } from './hqAssert.ts';
import { PG_PASSWORD, startPgCluster, type PgCluster } from './pgCluster.ts';
import { DAY_START, openJournal, takePayments } from './tillJournal.ts';

let cluster: PgCluster;
let n = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function database() {
  const name = `ho_${++n}`;
  const url = await cluster.createDatabase(name);
  const client = await cluster.client(name);
  return { url, client };
}

describe('pos hq migrate', () => {
  it('from empty: every table, the version recorded; running again changes nothing', async () => {
    const { client } = await database();
    try {
      expect(await hqSchemaVersion(client)).toBe(0);
      expect(await migrateHq(client)).toEqual({ from: 0, to: HQ_SCHEMA_VERSION, applied: [1, 2, 3, 4] });
      const tables = await client.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(tables.rows.map((r) => r.t)).toEqual(['attempts', 'closes', 'events', 'hq_schema', 'refunds', 'refused_events', 'tills']);
      expect(await migrateHq(client)).toEqual({ from: 4, to: 4, applied: [] });
    } finally {
      await client.end();
    }
  });

  it('from the previous version: events that arrived under schema 1 are derived by the upgrade', async () => {
    const { client } = await database();
    const dir = mkdtempSync(join(tmpdir(), 'till-hqmig-'));
    try {
      await migrateHq(client, 1);
      const { journal, path } = openJournal(dir);
      takePayments(journal, 'S01T01', 40, { refundEvery: 3, declineEvery: 7 });
      journal.closeDay(shanghaiDay(DAY_START), false, DAY_START + 13 * 3600_000);
      journal.close();
      // What a schema-1 head office held: tills and the event log, nothing derived.
      const outbox = new TillOutbox(path);
      const b = outbox.readBatch(0, 10_000);
      await client.query(`INSERT INTO tills (till_id, store_id, journal_id, acked_seq) VALUES ('S01-T01', 'S01', $1, $2)`, [outbox.journalId(), b.lastSeq]);
      await client.query(
        `INSERT INTO events (till_id, seq, store_id, at_ms, type, out_trade_no, out_request_no, data, attempt, refund, closure)
          SELECT 'S01-T01', seq, 'S01', at_ms, type, out_trade_no, out_request_no, data, attempt, refund, closure
          FROM jsonb_to_recordset($1::jsonb) AS e(seq bigint, at_ms bigint, type text, out_trade_no text, out_request_no text, data jsonb, attempt jsonb, refund jsonb, closure jsonb)`,
        [JSON.stringify(b.events)],
      );
      outbox.close();
      expect(await migrateHq(client)).toEqual({ from: 1, to: 4, applied: [2, 3, 4] });
      await expectHqMatchesTills(client, [{ tillId: 'S01-T01', path }], shanghaiDay(DAY_START));
      expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM closes')).rows[0]!.n)).toBe(1);
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('from version 2 with payments in it: step 3 gives every attempt its trade number and payment time, and the lookups by out_trade_no', async () => {
    const { client } = await database();
    const dir = mkdtempSync(join(tmpdir(), 'till-hqmig3-'));
    try {
      await migrateHq(client, 2);
      const { journal, path } = openJournal(dir);
      takePayments(journal, 'S01T01', 12, { refundEvery: 4, declineEvery: 5 });
      journal.close();
      const outbox = new TillOutbox(path);
      // A till of this release syncs into a schema-2 head office (the ingest needs no step 3).
      await checkHqSchema(client);
      await pushBatch(client, { tillId: 'S01-T01', storeId: 'S01', journalId: outbox.journalId() }, { ...outbox.readBatch(0, 10_000), waitingAfter: 0, tillNowMs: Date.now() });
      outbox.close();
      expect(await migrateHq(client)).toEqual({ from: 2, to: 4, applied: [3, 4] });
      const rows = await client.query<{ trade_no: string | null; paid_at: string | null; snap_trade: string | null; snap_paid: string | null; state: string }>(
        `SELECT trade_no, paid_at, row->>'trade_no' AS snap_trade, row->>'paid_at' AS snap_paid, state FROM attempts ORDER BY out_trade_no`);
      expect(rows.rows).toHaveLength(12);
      for (const r of rows.rows) expect([r.trade_no, r.paid_at]).toEqual([r.snap_trade, r.snap_paid]);
      expect(rows.rows.filter((r) => r.state === 'SUCCESS').every((r) => /^2026/.test(r.trade_no ?? '') && /^2026-11-22 /.test(r.paid_at ?? ''))).toBe(true);
      const idx = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE indexname IN ('attempts_by_trade', 'refunds_by_trade') ORDER BY 1`);
      expect(idx.rows.map((r) => r.indexname)).toEqual(['attempts_by_trade', 'refunds_by_trade']);
      // Rows arriving after the upgrade get the columns too (the ingest did not change).
      const { journal: j2, path: p2 } = openJournal(dir, 'second.db');
      takePayments(j2, 'S01T02', 3);
      j2.close();
      const o2 = new TillOutbox(p2);
      await pushBatch(client, { tillId: 'S01-T02', storeId: 'S01', journalId: o2.journalId() }, { ...o2.readBatch(0, 10_000), waitingAfter: 0, tillNowMs: Date.now() });
      o2.close();
      const late = await client.query<{ n: string }>(`SELECT count(*) AS n FROM attempts WHERE till_id = 'S01-T02' AND trade_no IS NOT NULL AND paid_at IS NOT NULL`);
      expect(Number(late.rows[0]!.n)).toBe(3);
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two processes migrating at once: one applies, the other waits and finds it done', async () => {
    const { client } = await database();
    const other = await cluster.client(`ho_${n}`);
    try {
      const [a, b] = await Promise.all([migrateHq(client), migrateHq(other)]);
      expect([...a.applied, ...b.applied].sort()).toEqual([1, 2, 3, 4]);
      expect(await hqSchemaVersion(client)).toBe(4);
    } finally {
      await client.end();
      await other.end();
    }
  });
});

describe('the in-app syncer', () => {
  it('a long-running till with an hq section pushes its payments by itself; pos:sync:status says so', async () => {
    const { url, client } = await database();
    await migrateHq(client);
    const dir = mkdtempSync(join(tmpdir(), 'till-inapp-'));
    const sim = await startTrainingGateway({ storePath: join(dir, 'gw.db'), paysAfterMs: 100 });
    writeFileSync(join(dir, 'pw'), PG_PASSWORD);
    const config = parseConfig({ dataDir: 'data', alipay: { gateway: sim.url }, till: { id: 'S02-T03' }, hq: { postgres: url, passwordFile: 'pw', pollIntervalMs: 100 } }, dir);
    const till = await openTill(config, { sync: true });
    try {
      const handlers = createHandlers({ till: () => till, customerDisplayUrl: null, version: 't' } as unknown as HostDeps);
      const status = async () => ((await handlers['pos:sync:status']({} as never)) as { state: string; waiting: number; tillId: string });
      for (const amount of ['1.00', '2.50']) expect((await till.checkout.pay({ amount, code: code('00') })).status).toBe('SUCCESS');
      const until = Date.now() + 30_000;
      while ((await status()).state !== 'in-sync' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(await status()).toMatchObject({ state: 'in-sync', waiting: 0, tillId: 'S02-T03:training' });
      await expectHqMatchesTills(client, [{ tillId: 'S02-T03:training', path: join(dir, 'data', 'journal-training.db') }], shanghaiDay(Date.now()), { training: true });
    } finally {
      await till.close();
      await sim.close();
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without an hq section nothing syncs and the header reads off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'till-inapp-'));
    const sim = await startTrainingGateway({ storePath: join(dir, 'gw.db') });
    const till = await openTill(parseConfig({ dataDir: 'data', alipay: { gateway: sim.url } }, dir), { sync: true });
    try {
      expect(till.sync).toBeUndefined();
      const handlers = createHandlers({ till: () => till, customerDisplayUrl: null, version: 't' } as unknown as HostDeps);
      expect(await handlers['pos:sync:status']({} as never)).toMatchObject({ state: 'off' });
    } finally {
      await till.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
