// `pos hq migrate`, `pos sync`, `pos hq report` as real processes against a real PostgreSQL: two
// `pos sync` processes of one till at once, and head office's report equal to the till's own
// `pos report`. The password travels in a file and shows up in no output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { pos, startPos, type PosRun } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';
import { PG_PASSWORD, startPgCluster, type PgCluster } from './pgCluster.ts';
import { takePayments } from './tillJournal.ts';

let cluster: PgCluster;
let n = 0;
let dir: string;
let url: string;
let pwFile: string;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});
beforeEach(async () => {
  dir = tempDir('till-hqcli-');
  url = await cluster.createDatabase(`cli_${++n}`);
  pwFile = join(dir, 'hq.pw');
  writeFileSync(pwFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
});

function writeConfig(c: unknown, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

function noSecret(...runs: PosRun[]): void {
  for (const r of runs) expect(`${r.stdout}${r.stderr}`).not.toContain(PG_PASSWORD);
}

describe('pos hq and pos sync', () => {
  it('pos hq migrate creates the schema, and again says it is up to date', async () => {
    const first = await pos(['hq', 'migrate', '--postgres', url, '--password-file', pwFile, '--json']);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ status: 'MIGRATED', from: 0, to: 4, applied: [1, 2, 3, 4] });
    const again = await pos(['hq', 'migrate', '--postgres', url, '--password-file', pwFile]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already up to date/);
    noSecret(first, again);
  });

  it('refuses a URL with the password in it, without printing it', async () => {
    const withPassword = url.replace('postgres@', `postgres:${PG_PASSWORD}@`);
    const r = await pos(['hq', 'migrate', '--postgres', withPassword]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/passwordFile|PGPASSWORD/);
    const c = writeConfig({ dataDir: 'data', till: { id: 'S01-T01' }, hq: { postgres: withPassword } }, 'bad.json');
    const s = await pos(['sync', '--once', '--config', c, '--json']);
    expect(s.code).toBe(2);
    noSecret(r, s);
  });

  it('pos sync without an hq section refuses: a single shop does not sync', async () => {
    const r = await pos(['sync', '--once', '--config', writeConfig({ dataDir: 'data' }, 'shop.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ refused: true, error: { code: 'INVALID_CONFIG' } });
  });

  it('head office unreachable: pos sync --once exits 1 and nothing is lost', async () => {
    const c = writeConfig({ dataDir: 'data', till: { id: 'S09-T01' }, hq: { postgres: 'postgres://till@127.0.0.1:1/chain', passwordFile: pwFile } }, 'till.json');
    mkdirSync(join(dir, 'data'), { recursive: true });
    const j = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    takePayments(j, 'S09T01', 3, { training: true });
    j.close();
    const r = await pos(['sync', '--once', '--config', c, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'UNREACHABLE', tillId: 'S09-T01:training', error: { code: 'HQ_UNREACHABLE' } });
    expect(r.json!.waiting).toBeGreaterThan(0);
  });

  it('two pos sync processes of one till at once; head office’s report equals the till’s pos report', async () => {
    let sim: TrainingGateway | undefined;
    try {
      sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: 200 });
      expect((await pos(['hq', 'migrate', '--postgres', url, '--password-file', pwFile])).code).toBe(0);
      const c = writeConfig({ dataDir: 'data', alipay: { gateway: sim.url }, till: { id: 'S01-T01' }, hq: { postgres: url, passwordFile: 'hq.pw', batchSize: 50 } }, 'till.json');
      expect((await pos(['pay', '--config', c, '--json', '--amount', '12.34', '--code', code('00')])).code).toBe(0);
      const j = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
      takePayments(j, 'S01T01', 150, { training: true, startAt: Date.now() - 3 * 3600_000, refundEvery: 5, declineEvery: 9 });
      j.close();
      const a = startPos(['sync', '--once', '--config', c, '--json']);
      const b = startPos(['sync', '--once', '--config', c, '--json']);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([ra.code, rb.code]).toEqual([0, 0]);
      expect(ra.json).toMatchObject({ status: 'SYNCED', tillId: 'S01-T01:training', waiting: 0 });
      const day = shanghaiDay(Date.now());
      const mine = await pos(['report', '--config', c, '--json', '--date', day]);
      const hq = await pos(['hq', 'report', '--postgres', url, '--password-file', pwFile, '--training', '--date', day, '--json']);
      expect(hq.code).toBe(0);
      const m = mine.json as { paid: { count: number; amount: string }; refunds: { count: number; amount: string }; net: string };
      const h = hq.json as { totals: { paidCount: number; paidFen: number; refundCount: number; refundFen: number; netFen: number } };
      expect({ paid: h.totals.paidCount, paidFen: h.totals.paidFen, refunds: h.totals.refundCount, refundFen: h.totals.refundFen, net: h.totals.netFen })
        .toEqual({ paid: m.paid.count, paidFen: Math.round(Number(m.paid.amount) * 100), refunds: m.refunds.count, refundFen: Math.round(Number(m.refunds.amount) * 100), net: Math.round(Number(m.net) * 100) });
      // Event for event: the journal's ids are head office's seqs for this till, each once.
      const client = await cluster.client(`cli_${n}`);
      try {
        const got = await client.query<{ n: string; distinct: string; max: string }>(`SELECT count(*) AS n, count(DISTINCT seq) AS distinct, max(seq) AS max FROM events WHERE till_id = 'S01-T01:training'`);
        expect(Number(got.rows[0]!.n)).toBe(Number(got.rows[0]!.max));
        expect(Number(got.rows[0]!.distinct)).toBe(Number(got.rows[0]!.n));
      } finally {
        await client.end();
      }
      const text = await pos(['hq', 'report', '--postgres', url, '--password-file', pwFile, '--training', '--date', day]);
      expect(text.stdout).toMatch(/by store\n {2}S01/);
      expect(text.stdout).toMatch(/S01-T01:training/);
      noSecret(ra, rb, hq, text);
    } finally {
      await sim?.close();
    }
  }, 240_000);
});
