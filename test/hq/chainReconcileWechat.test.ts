// `pos hq reconcile --provider wechat` (issue 13): two tills of two stores share ONE WeChat training
// gateway (a chain's tills share one merchant, so one WeChat bill covers both), started as
// `pos gateway-sim --provider wechat` starts it, bills included. Real `pos` processes, real HTTP, a
// real PostgreSQL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { startWechatTrainingGateway } from '../../app/gateway/wechat/training/index.ts';
import { migrateHq } from '../../app/hq/hqMigrations.ts';
import { wechatTrainingBills } from '../../app/reconcile/training/wechatBillRoute.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { PG_PASSWORD, startPgCluster, type PgCluster } from './pgCluster.ts';

let cluster: PgCluster;
let dir: string;
let url: string;
let sim: Awaited<ReturnType<typeof startWechatTrainingGateway>>;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});
beforeEach(async () => {
  dir = tempDir('till-chainrec-wx-');
  url = await cluster.createDatabase('chain_wx');
  const c = await cluster.client('chain_wx');
  try {
    await migrateHq(c);
  } finally {
    await c.end();
  }
  const storePath = join(dir, 'shared-wechat-gateway.db');
  const bills = wechatTrainingBills(storePath);
  sim = await startWechatTrainingGateway({ storePath, extraRoute: bills.route });
  bills.origin(sim.url);
});
afterEach(async () => {
  await sim?.close();
});

function till(id: string): string {
  const home = join(dir, id);
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'hq.pw'), `${PG_PASSWORD}\n`, { mode: 0o600 });
  const config = join(home, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', wechat: { baseUrl: sim.url }, till: { id }, hq: { postgres: url, passwordFile: 'hq.pw' }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 } }));
  return config;
}

/** A WeChat training code; the last two digits choose the outcome (…00 pays, …12 is billed 1.00 high). */
const wechatCode = (lastTwo: string, n: number) => `13456789${String(1000_0000 + n).slice(-8)}${lastTwo}`;

async function paid(config: string, amount: string, code: string): Promise<string> {
  const r = await pos(['pay', '--config', config, '--json', '--amount', amount, '--code', code]);
  expect(r.json).toMatchObject({ status: 'SUCCESS', provider: 'wechat' });
  return r.json!.outTradeNo as string;
}

async function synced(config: string): Promise<void> {
  expect((await pos(['sync', '--once', '--config', config, '--json'])).json).toMatchObject({ status: 'SYNCED', waiting: 0 });
}

describe('pos hq reconcile --provider wechat: one WeChat bill, every store\'s tills', () => {
  it('matches both tills\' WeChat payments and attributes the planted difference to its till', { timeout: 300_000 }, async () => {
    const t1 = till('S01-T01');
    const t2 = till('S02-T01');
    await paid(t1, '12.34', wechatCode('00', 1));
    await paid(t2, '8.00', wechatCode('00', 2));
    const planted = await paid(t2, '6.00', wechatCode('12', 3));
    await synced(t1);
    await synced(t2);
    const r = await pos(['hq', 'reconcile', '--config', t1, '--json', '--provider', 'wechat', '--date', shanghaiDay(Date.now())]);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).not.toContain(PG_PASSWORD);
    expect(r.json).toMatchObject({
      status: 'DIFFERENCES', scope: 'chain', provider: 'wechat', training: true,
      payments: { matched: { count: 2 }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 1, ambiguous: { count: 0 } },
      unsynced: [],
    });
    const diffs = r.json!.differences as Array<{ kind: string; outTradeNo: string; storeId: string | null; tillId: string | null; billAmount: string | null; tillAmount: string | null }>;
    expect(diffs.map((d) => [d.kind, d.outTradeNo, d.storeId, d.tillId, d.billAmount, d.tillAmount])).toEqual([
      ['amount-differs', planted, 'S02', 'S02-T01:training', '7.00', '6.00'],
    ]);
    const tills = r.json!.tills as Array<{ tillId: string; bill: { payments: { count: number } } }>;
    expect(tills.map((t) => [t.tillId, t.bill.payments.count])).toEqual([['S01-T01:training', 1], ['S02-T01:training', 2]]);
  });
});
