// Issue 13: the chain's bill reconciliation (`pos hq reconcile`): one 100,000-line Alipay bill
// against head office's PostgreSQL holding 100,000 attempts of 20 tills (and 5,000 refunds), with
// planted differences of each kind and a colliding number. Head office and the bill are made
// first; the run itself is a fresh process (bench/hq/chain-reconcile-worker.ts), so its time and
// peak RSS are its own. Prints numbers; asserts nothing (test/hq/chainReconcile.test.ts does).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainIds } from '../app/checkout/ids.ts';
import { shanghaiDateTime } from '../app/common/time.ts';
import { migrateHq } from '../app/hq/hqMigrations.ts';
import { alipayBillZip, type AlipayBillRow } from '../app/reconcile/training/alipayBillFile.ts';
import { PG_PASSWORD, startPgCluster } from '../test/hq/pgCluster.ts';

const ATTEMPTS = Number(process.env.CHAIN_BENCH_ATTEMPTS ?? 100_000);
const TILLS = 20;
const REFUNDS = 5_000;
const DAY = '2026-06-05';
const DAY_START_MS = Date.parse(`${DAY}T00:00:00+08:00`);

type WorkerResult = { totalMs: number; phasesMs: Record<string, number>; cpuMs: number; baseRssMb: number; maxRssMb: number; lines: number; tills: number; matched: number; refundsMatched: number; kinds: Record<string, number>; attributed: number; differences: number };

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'till-bench-chainrec-'));
  const cluster = await startPgCluster();
  try {
    const url = await cluster.createDatabase('chain');
    const admin = await cluster.client('chain');
    await migrateHq(admin);
    const t0 = performance.now();
    const tills = Array.from({ length: TILLS }, (_, i) => `S${String(Math.floor(i / 5) + 1).padStart(2, '0')}-T${String((i % 5) + 1).padStart(2, '0')}`);
    for (const t of tills) await admin.query(`INSERT INTO tills (till_id, store_id, journal_id, acked_seq) VALUES ($1, $2, 'j', 1)`, [t, t.slice(0, 3)]);
    const ids = tills.map((t) => chainIds(t));
    const rows: AlipayBillRow[] = [];
    const attempts: unknown[] = [];
    const refunds: unknown[] = [];
    for (let i = 1; i <= ATTEMPTS; i++) {
      const till = tills[i % TILLS]!;
      const at = DAY_START_MS + Math.floor((i * 86_000_000) / ATTEMPTS);
      // Old-style numbers for the first two (both tills 0 and 1 made them: a collision), the chain's for the rest.
      const no = i <= 2 ? `P20260605000000${String(i).padStart(6, '0')}` : ids[i % TILLS]!.outTradeNo(false, at).replace(/\d{6}$/, String(i).padStart(6, '0'));
      const tradeNo = `2026060522001400${String(i).padStart(12, '0')}`;
      const fen = 100 + (i % 50_000);
      const paidAt = shanghaiDateTime(at);
      const row = { till_id: till, out_trade_no: no, store_id: till.slice(0, 3), amount_fen: fen, day: DAY, created_at_ms: at, row: { trade_no: tradeNo, paid_at: paidAt } };
      attempts.push(row);
      if (i <= 2) attempts.push({ ...row, till_id: tills[(i + 1) % TILLS], store_id: tills[(i + 1) % TILLS]!.slice(0, 3) });
      // Planted: i = 7 billed 1 fen high; i = 11 not on the bill; each a different till.
      const billed = i === 7 ? fen + 1 : fen;
      if (i !== 11) rows.push({ tradeNo, outTradeNo: no, refund: false, subject: '门店消费', createdAt: paidAt, finishedAt: paidAt, account: '159****5620', amountFen: billed, receivedFen: billed, feeFen: -Math.floor((billed * 60 + 5000) / 10_000) });
      if (i > 2 && i <= REFUNDS + 2) {
        refunds.push({ till_id: till, out_request_no: `${no}R1`, out_trade_no: no, store_id: till.slice(0, 3), amount_fen: 50, day: DAY, created_at_ms: at + 1000 });
        rows.push({ tradeNo, outTradeNo: no, refund: true, subject: '门店消费', createdAt: shanghaiDateTime(at + 1000), finishedAt: shanghaiDateTime(at + 1000), account: '159****5620', amountFen: fen, receivedFen: -50, outRequestNo: `${no}R1`, feeFen: 0 });
      }
    }
    // Bill only: a number with a till's tag that head office does not hold.
    rows.push({ ...rows[5]!, outTradeNo: ids[3]!.outTradeNo(false, DAY_START_MS + 3_600_000), tradeNo: '2026060522001400999999999999' });
    for (let k = 0; k < attempts.length; k += 20_000) {
      await admin.query(
        `INSERT INTO attempts (till_id, out_trade_no, store_id, provider, amount_fen, state, training, day, created_at_ms, updated_at_ms, last_seq, row)
          SELECT till_id, out_trade_no, store_id, 'alipay', amount_fen, 'SUCCESS', false, day, created_at_ms, created_at_ms, 1, row
          FROM jsonb_to_recordset($1::jsonb) AS a(till_id text, out_trade_no text, store_id text, amount_fen bigint, day date, created_at_ms bigint, row jsonb)`,
        [JSON.stringify(attempts.slice(k, k + 20_000))],
      );
    }
    await admin.query(
      `INSERT INTO refunds (till_id, out_request_no, out_trade_no, store_id, amount_fen, state, day, created_at_ms, updated_at_ms, last_seq, row)
        SELECT till_id, out_request_no, out_trade_no, store_id, amount_fen, 'SUCCESS', day, created_at_ms, created_at_ms, 1, '{}'::jsonb
        FROM jsonb_to_recordset($1::jsonb) AS r(till_id text, out_request_no text, out_trade_no text, store_id text, amount_fen bigint, day date, created_at_ms bigint)`,
      [JSON.stringify(refunds)],
    );
    await admin.query('ANALYZE');
    await admin.end();
    const zipPath = join(dir, 'bill.csv.zip');
    writeFileSync(zipPath, alipayBillZip({ userId: '20880000000000000156', day: DAY, nextDay: '2026-06-06', exportedAt: '2026年06月06日 06:27:10', rows }));
    const passwordFile = join(dir, 'pw');
    writeFileSync(passwordFile, PG_PASSWORD);
    console.log(`set-up: ${attempts.length} attempts of ${TILLS} tills + ${refunds.length} refunds at head office, ${rows.length} bill lines (zip ${(statSync(zipPath).size / 1048576).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const runs = [1, 2, 3].map(() => JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, 'hq', 'chain-reconcile-worker.ts'), zipPath, url, passwordFile, DAY, dir], { encoding: 'utf8' })) as WorkerResult);
    for (const [i, r] of runs.entries()) {
      console.log(`run ${i + 1}: ${r.lines} bill lines vs ${attempts.length} attempts of ${r.tills} tills — ${r.totalMs.toFixed(0)} ms wall (${Object.entries(r.phasesMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ms), ${r.cpuMs.toFixed(0)} ms CPU of the till process; peak RSS ${r.maxRssMb.toFixed(0)} MB (at start ${r.baseRssMb.toFixed(0)} MB); matched ${r.matched} payments, ${r.refundsMatched} refunds; differences ${JSON.stringify(r.kinds)}, ${r.attributed}/${r.differences} with their till`);
    }
    const wall = runs.map((r) => r.totalMs).sort((a, b) => a - b);
    console.log(`chain reconcile: median ${wall[1]!.toFixed(0)} ms wall; peak RSS max ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} MB`);
  } finally {
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
