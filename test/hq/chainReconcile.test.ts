// `pos hq reconcile` end to end (issue 13): two training tills of two stores, each with its own data
// folder and journal, both pointed at ONE training gateway (as a chain's tills share one merchant
// account, so one bill covers both — each till's in-process gateway would keep its own trades and
// no bill would hold both). Real `pos` processes, real HTTP to the gateway, a real PostgreSQL.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { migrateHq } from '../../app/hq/hqMigrations.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { pos, type PosRun } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { APP_ID, code } from '../helpers/trainingTill.ts';
import { PG_PASSWORD, startPgCluster, type PgCluster } from './pgCluster.ts';

let cluster: PgCluster;
let n = 0;
let dir: string;
let url: string;
let sim: TrainingGateway;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});
beforeEach(async () => {
  dir = tempDir('till-chainrec-');
  url = await cluster.createDatabase(`chain_${++n}`);
  const c = await cluster.client(`chain_${n}`);
  try {
    await migrateHq(c);
  } finally {
    await c.end();
  }
  sim = await startTrainingGateway({ storePath: join(dir, 'shared-gateway.db') });
});
afterEach(async () => {
  await sim?.close();
});

type Till = { id: string; config: string; journalPath: string };

function till(id: string, gateway = sim): Till {
  const home = join(dir, id);
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'hq.pw'), `${PG_PASSWORD}\n`, { mode: 0o600 });
  const config = join(home, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', alipay: { gateway: gateway.url }, till: { id }, hq: { postgres: url, passwordFile: 'hq.pw' }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 } }));
  return { id, config, journalPath: join(home, 'data', 'journal-training.db') };
}

async function paid(t: Till, amount: string, suffix = '00'): Promise<string> {
  const r = await pos(['pay', '--config', t.config, '--json', '--amount', amount, '--code', code(suffix)]);
  expect(r.json).toMatchObject({ status: 'SUCCESS' });
  return r.json!.outTradeNo as string;
}

async function synced(t: Till): Promise<void> {
  const r = await pos(['sync', '--once', '--config', t.config, '--json']);
  expect(r.json).toMatchObject({ status: 'SYNCED', waiting: 0 });
}

const today = () => shanghaiDay(Date.now());

async function chainReconcile(t: Till, extra: string[] = []): Promise<PosRun> {
  const r = await pos(['hq', 'reconcile', '--config', t.config, '--json', '--date', today(), ...extra]);
  expect(`${r.stdout}${r.stderr}`).not.toContain(PG_PASSWORD);
  return r;
}

type Diff = { kind: string; what: string; outTradeNo: string; outRefundNo: string | null; storeId: string | null; tillId: string | null; attributedBy: string | null; billAmount: string | null; tillAmount: string | null; tillState: string | null; tillUnsynced: boolean; candidates: Array<{ tillId: string; state: string; amount: string }> };
const diffsOf = (r: PosRun) => r.json!.differences as Diff[];

describe('pos hq reconcile: one bill, every store\'s tills', () => {
  it('matches two tills\' day against one bill, then attributes a planted difference to its till, then reports a till not synced', { timeout: 300_000 }, async () => {
    const t1 = till('S01-T01');
    const t2 = till('S02-T01');
    const a = await paid(t1, '12.34');
    const b = await paid(t1, '20.00');
    expect((await pos(['refund', '--config', t1.config, '--json', '--out-trade-no', b, '--amount', '5.00'])).json).toMatchObject({ status: 'SUCCESS' });
    const c = await paid(t2, '8.00');
    // Chain-unique numbers: each till's tag is in its out_trade_no.
    expect([a, b, c].map((no) => no.slice(0, 10))).toEqual(['TRS01_T01_', 'TRS01_T01_', 'TRS02_T01_']);
    await synced(t1);
    await synced(t2);

    // 1. Everything matches; the bill was fetched once and kept raw, as pos reconcile keeps it.
    const billAsks = () => sim.requests().filter((x) => x.method === 'alipay.data.dataservice.bill.downloadurl.query').length;
    const asked = billAsks();
    const csv = join(dir, 'chain.csv');
    const ok = await chainReconcile(t2, ['--csv', csv]);
    expect(ok.code).toBe(0);
    expect(billAsks() - asked).toBe(1);
    expect(ok.json).toMatchObject({
      status: 'MATCHED', scope: 'chain', provider: 'alipay', training: true,
      payments: { matched: { count: 3, amount: '40.34' }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 0, ambiguous: { count: 0 } },
      refunds: { matched: { count: 1, amount: '5.00' }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 0 },
      bill: { paymentCount: 3, refundCount: 1 },
      unsynced: [],
      differences: [],
    });
    const tills = ok.json!.tills as Array<{ tillId: string; storeId: string; synced: boolean; bill: { payments: { count: number; amount: string }; refunds: { count: number }; fee: string }; differences: number }>;
    expect(tills.map((t) => [t.tillId, t.storeId, t.synced, t.bill.payments.count, t.bill.payments.amount, t.bill.refunds.count, t.differences])).toEqual([
      ['S01-T01:training', 'S01', true, 2, '32.34', 1, 0],
      ['S02-T01:training', 'S02', true, 1, '8.00', 0, 0],
    ]);
    // 0.6% a line: 0.07 + 0.12 − 0.03 (returned with the refund) for S01, 0.05 for S02; the day's fee is their sum.
    expect(tills.map((t) => t.bill.fee)).toEqual(['0.16', '0.05']);
    expect(ok.json!.fees).toMatchObject({ fee: '0.21' });
    const raw = ok.json!.rawFile as string;
    expect(raw.startsWith(join(dir, 'S02-T01', 'data', 'bills', 'alipay'))).toBe(true);
    expect(readFileSync(raw).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFF"差异 kind".*"门店 store","收银台 till"/);

    // The till's own pos reconcile on the same shared bill: the other till's line is told apart by its tag.
    const own = await pos(['reconcile', '--config', t1.config, '--json', '--date', today()]);
    expect(own.code).toBe(0);
    expect(own.json).toMatchObject({ status: 'MATCHED', payments: { matched: { count: 2 }, inBillNotInTill: { count: 0 } }, otherTills: { count: 1, amount: '8.00' } });

    // 2. A planted difference on S02's till (the training bill lists a …12 code one yuan high).
    const planted = await paid(t2, '6.00', '12');
    // Both sync (a running till's syncer heartbeats every minute; a slow machine must not make S01 look behind).
    await synced(t2);
    await synced(t1);
    const d = await chainReconcile(t1);
    expect(d.code).toBe(1);
    expect(d.json).toMatchObject({ status: 'DIFFERENCES', payments: { matched: { count: 3 }, amountDiffers: 1 }, unsynced: [] });
    expect(diffsOf(d).map((x) => [x.kind, x.outTradeNo, x.storeId, x.tillId, x.attributedBy, x.billAmount, x.tillAmount, x.tillUnsynced])).toEqual([
      ['amount-differs', planted, 'S02', 'S02-T01:training', 'record', '7.00', '6.00', false],
    ]);
    const text = await pos(['hq', 'reconcile', '--config', t1.config, '--date', today()]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`金额不符 amount-differs +payment +${planted} +bill 7.00 / till 6.00 +till: SUCCESS +S02/S02-T01:training`));
    // TRY item 14: the by-till table gives the bill's figure and the till's own, each labelled (the till took 1.00 less).
    const s02 = (d.json!.tills as Array<{ tillId: string; bill: { payments: { count: number; amountFen: number } }; till: { payments: { count: number; amountFen: number } } }>).find((x) => x.tillId === 'S02-T01:training')!;
    expect(s02.till.payments).toMatchObject({ count: s02.bill.payments.count, amountFen: s02.bill.payments.amountFen - 100 });
    const rows = text.stdout.split('\n');
    const billRow = rows.findIndex((l) => /^ +S02-T01:training +S02 +账单 bill +paid/.test(l));
    expect(billRow).toBeGreaterThan(0);
    expect(rows[billRow]).toContain(`¥${(s02.bill.payments.amountFen / 100).toFixed(2).padStart(12)}`);
    expect(rows[billRow + 1]).toMatch(/^ +收银台 till +paid/);
    expect(rows[billRow + 1]).toContain(`¥${(s02.till.payments.amountFen / 100).toFixed(2).padStart(12)}`);

    // 3. S01's till takes a payment and has not synced since: the bill has it, head office not —
    //    reported bill-only for S01-T01 (found by the tag in its number), and S01-T01 as not synced.
    const late = await paid(t1, '3.00');
    await synced(t2);
    const u = await chainReconcile(t2);
    expect(u.code).toBe(1);
    const lateDiff = diffsOf(u).find((x) => x.outTradeNo === late);
    expect(lateDiff).toMatchObject({ kind: 'in-bill-not-in-till', storeId: 'S01', tillId: 'S01-T01:training', attributedBy: 'number', billAmount: '3.00', tillState: null, tillUnsynced: true });
    const unsynced = u.json!.unsynced as Array<{ tillId: string; why: string; whyZh: string }>;
    expect(unsynced.map((x) => x.tillId)).toEqual(['S01-T01:training']);
    expect(unsynced[0]!.why).toMatch(/the bill has 1 line\(s\) of it paid after its last contact/);
    // Once it syncs, the same bill line matches and only the planted difference is left.
    await synced(t1);
    await synced(t2);
    const after = await chainReconcile(t2);
    expect(after.json).toMatchObject({ status: 'DIFFERENCES', payments: { matched: { count: 4 }, inBillNotInTill: { count: 0 }, amountDiffers: 1 }, unsynced: [] });
    expect(diffsOf(after)).toHaveLength(1);
  });

  it('a till head office has not heard from with events waiting is listed; an empty head office (schema too old) is refused', { timeout: 120_000 }, async () => {
    const t1 = till('S01-T01');
    await paid(t1, '1.00');
    await synced(t1);
    // The till's last contact said events were still waiting.
    const c = await cluster.client(`chain_${n}`);
    try {
      await c.query(`UPDATE tills SET waiting = 7 WHERE till_id = 'S01-T01:training'`);
    } finally {
      await c.end();
    }
    const r = await chainReconcile(t1);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'INCOMPLETE', payments: { matched: { count: 1 } }, differences: [] });
    expect((r.json!.unsynced as Array<{ tillId: string; why: string }>)[0]).toMatchObject({ tillId: 'S01-T01:training', why: expect.stringMatching(/7 event\(s\) were still waiting/) });

    const old = await cluster.createDatabase(`chain_old_${n}`);
    const oc = await cluster.client(`chain_old_${n}`);
    try {
      await migrateHq(oc, 2);
    } finally {
      await oc.end();
    }
    const refused = await pos(['hq', 'reconcile', '--config', t1.config, '--postgres', old, '--password-file', join(dir, 'S01-T01', 'hq.pw'), '--json', '--date', today()]);
    expect(refused.code).toBe(2);
    expect(refused.json).toMatchObject({ refused: true, error: { code: 'INVALID_CONFIG', message: expect.stringMatching(/needs 3: run pos hq migrate/) } });
  });

  it('a bad bill is refused and kept as .refused, with no result; head office unreachable is refused before any bill is fetched', { timeout: 120_000 }, async () => {
    const bad = await startTrainingGateway({ storePath: join(dir, 'bad-gateway.db'), billFault: 'summary-mismatch' });
    try {
      const t1 = till('S01-T01', bad);
      await paid(t1, '2.00');
      await synced(t1);
      const r = await chainReconcile(t1);
      expect(r.code).toBe(2);
      expect(r.json).toMatchObject({ refused: true, error: { code: 'BILL_INVALID', message: expect.stringMatching(/do not add up/) } });
      const kept = (r.json!.error as { details: { rawPath: string } }).details.rawPath;
      expect(kept.endsWith('.refused') && existsSync(kept)).toBe(true);
      const asked = bad.requests().filter((x) => x.method === 'alipay.data.dataservice.bill.downloadurl.query').length;
      const down = await pos(['hq', 'reconcile', '--config', t1.config, '--postgres', 'postgres://till@127.0.0.1:1/chain', '--json', '--date', today()]);
      expect(down.code).toBe(2);
      expect(down.json).toMatchObject({ refused: true, error: { code: 'HQ_UNREACHABLE' } });
      expect(bad.requests().filter((x) => x.method === 'alipay.data.dataservice.bill.downloadurl.query')).toHaveLength(asked);
    } finally {
      await bad.close();
    }
  });
});

/** A payment written into a journal the way an older release made it (a number without a till tag). */
function oldJournalPayment(journalPath: string, outTradeNo: string, amountFen: number, at = Date.now()): void {
  const j = new SqliteJournal(journalPath);
  try {
    j.createAttempt({ outTradeNo, provider: 'alipay', amountFen, subject: '门店消费', codeHash: j.hashCode(outTradeNo), codeLast4: '0000', training: true, createdAt: at }, { sending: true });
    j.recordTransition(outTradeNo, 'SENT', { type: 'paid' }, { tradeNo: `9${outTradeNo.slice(2)}`, paidAt: null }, at);
  } finally {
    j.close();
  }
}

describe('pos hq reconcile: numbers two tills both made', () => {
  it('a bill line whose out_trade_no two tills hold is ambiguous, listed with both, matched to neither; the rest still matches', { timeout: 300_000 }, async () => {
    const t1 = till('S01-T01');
    const t2 = till('S01-T02');
    const fine1 = await paid(t1, '10.00');
    const fine2 = await paid(t2, '11.00');
    // Old journal data: both tills made TR2026…0001 (the random part collided), one reached Alipay.
    oldJournalPayment(t1.journalPath, 'TR20261202101112000001', 450);
    oldJournalPayment(t2.journalPath, 'TR20261202101112000001', 450);
    const keys = loadTrainingKeys();
    const sdk = new AlipaySdk({ appId: APP_ID, privateKey: keys.tillPrivateKey, keyType: 'PKCS8', alipayPublicKey: keys.gatewayPublicKey, gateway: sim.url });
    const a = (await sdk.exec('alipay.trade.pay', { bizContent: { out_trade_no: 'TR20261202101112000001', scene: 'bar_code', auth_code: code('00'), subject: '门店消费', total_amount: '4.50', product_code: 'FACE_TO_FACE_PAYMENT' } }, { validateSign: true })) as { code: string };
    expect(a.code).toBe('10000');
    // A payment S01-T02 made three days ago that Alipay completed today: outside the window head
    // office is read for, fetched when the bill names it, and matched.
    oldJournalPayment(t2.journalPath, 'TR20261129101112000003', 330, Date.now() - 3 * 86_400_000);
    const late = (await sdk.exec('alipay.trade.pay', { bizContent: { out_trade_no: 'TR20261129101112000003', scene: 'bar_code', auth_code: code('00'), subject: '门店消费', total_amount: '3.30', product_code: 'FACE_TO_FACE_PAYMENT' } }, { validateSign: true })) as { code: string };
    expect(late.code).toBe('10000');
    // A till of the chain's tag scheme that head office has never heard from took a payment.
    const stranger = (await sdk.exec('alipay.trade.pay', { bizContent: { out_trade_no: 'TRS09_T09_261202101112000001', scene: 'bar_code', auth_code: code('00'), subject: '门店消费', total_amount: '2.00', product_code: 'FACE_TO_FACE_PAYMENT' } }, { validateSign: true })) as { code: string };
    expect(stranger.code).toBe('10000');
    // And a second shared number Alipay never saw: each till's record of it is that till's own chain-only payment.
    oldJournalPayment(t1.journalPath, 'TR20261202101112000002', 120);
    oldJournalPayment(t2.journalPath, 'TR20261202101112000002', 130);
    await synced(t1);
    await synced(t2);

    const csv = join(dir, 'chain.csv');
    const r = await chainReconcile(t1, ['--csv', csv]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({
      status: 'DIFFERENCES',
      payments: { matched: { count: 3, amount: '24.30' }, inBillNotInTill: { count: 1, amount: '2.00' }, inTillNotInBill: { count: 2, amount: '2.50' }, ambiguous: { count: 1, amount: '4.50' } },
      unsynced: [],
      unknownTags: [{ tag: 'S09_T09', payments: { count: 1, amount: '2.00' } }],
      // Fees by till (0.06, 0.07 + 0.02), of the ambiguous line (0.03) and of the stranger's (0.01) add up to the day's.
      ambiguousLines: { payments: { count: 1, amount: '4.50' }, fee: '0.03' },
      fees: { fee: '0.19' },
    });
    expect((r.json!.tills as Array<{ bill: { fee: string } }>).map((t) => t.bill.fee)).toEqual(['0.06', '0.09']);
    expect(diffsOf(r).find((x) => x.outTradeNo === 'TRS09_T09_261202101112000001')).toMatchObject({ kind: 'in-bill-not-in-till', tillId: null, attributedBy: null, tillUnsynced: false });
    const diffs = diffsOf(r);
    expect(diffs.find((x) => x.kind === 'ambiguous')).toMatchObject({
      what: 'payment', outTradeNo: 'TR20261202101112000001', tillId: null, storeId: null, billAmount: '4.50', tillState: null,
    });
    const candidates = diffs.find((x) => x.kind === 'ambiguous')!.candidates.map((x) => [x.tillId, x.state, x.amount]).sort();
    expect(candidates).toEqual([['S01-T01:training', 'SUCCESS', '4.50'], ['S01-T02:training', 'SUCCESS', '4.50']]);
    expect(diffs.filter((x) => x.kind === 'in-till-not-in-bill').map((x) => [x.outTradeNo, x.tillId, x.tillAmount]).sort()).toEqual([
      ['TR20261202101112000002', 'S01-T01:training', '1.20'],
      ['TR20261202101112000002', 'S01-T02:training', '1.30'],
    ]);
    expect(diffs).toHaveLength(4);
    expect([fine1, fine2].every((no) => !diffs.some((x) => x.outTradeNo === no))).toBe(true);
    expect(readFileSync(csv, 'utf8')).toMatch(/多台收银台同号，无法归属 ambiguous/);
    const text = await pos(['hq', 'reconcile', '--config', t1.config, '--date', today()]);
    expect(text.stdout).toMatch(/多台同号 ambiguous lines +1/);
    expect(text.stdout).toMatch(/ambiguous +payment +TR20261202101112000001 .*tills S01-T0[12]:training SUCCESS 4.50, S01-T0[12]:training SUCCESS 4.50/);
    expect(existsSync(r.json!.rawFile as string)).toBe(true);
  });
});
