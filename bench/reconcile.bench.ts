// Issue 12: reconcile 100,000 bill lines against a 100,000-attempt journal (goal < 2 s, memory
// under 200 MB). The journal and the bill (Alipay's zip of GBK CSVs, written by the training
// bill writer) are made first; the reconciliation itself runs in a fresh process (reconcile-worker.ts)
// so its time and peak RSS are its own. Prints numbers; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { shanghaiDateTime } from '../app/common/time.ts';
import { SqliteJournal } from '../app/journal/SqliteJournal.ts';
import { alipayBillZip, type AlipayBillRow } from '../app/reconcile/training/alipayBillFile.ts';

const ATTEMPTS = 100_000;
const REFUNDS = 5_000;
const DAY = '2026-06-05';
const DAY_START_MS = Date.parse(`${DAY}T00:00:00+08:00`);

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'till-bench-reconcile-'));
  try {
    const journalPath = join(dir, 'journal.db');
    new SqliteJournal(journalPath).close();
    const db = new Database(journalPath);
    const rows: AlipayBillRow[] = [];
    const setUpStart = performance.now();
    db.transaction(() => {
      const sale = db.prepare("INSERT INTO sales (id, amount_fen, subject, training, created_at) VALUES (?, ?, '门店消费', 1, ?)");
      const attempt = db.prepare(`INSERT INTO attempts (out_trade_no, sale_id, provider, amount_fen, subject, code_hash, code_last4, state, training, trade_no, paid_at, created_at, updated_at, day)
        VALUES (?, ?, 'alipay', ?, '门店消费', 'h', '0000', 'SUCCESS', 1, ?, ?, ?, ?, ?)`);
      const refund = db.prepare(`INSERT INTO refunds (out_request_no, out_trade_no, amount_fen, state, created_at, updated_at, day) VALUES (?, ?, ?, 'SUCCESS', ?, ?, ?)`);
      for (let i = 1; i <= ATTEMPTS; i++) {
        const at = DAY_START_MS + Math.floor((i * 86_000_000) / ATTEMPTS);
        const no = `TR${String(i).padStart(20, '0')}`;
        const tradeNo = `2026060522001400${String(i).padStart(12, '0')}`;
        const fen = 100 + (i % 50_000);
        sale.run(i, fen, at);
        attempt.run(no, i, fen, tradeNo, shanghaiDateTime(at), at, at, DAY);
        // Three planted differences among the 100,000, so the matcher's slow paths run too.
        const billed = i === 7 ? fen + 1 : fen;
        if (i !== 11) rows.push({ tradeNo, outTradeNo: no, refund: false, subject: '门店消费', createdAt: shanghaiDateTime(at), finishedAt: shanghaiDateTime(at), account: '159****5620', amountFen: billed, receivedFen: billed, feeFen: -Math.floor((billed * 60 + 5000) / 10_000), terminalId: 'T1' });
        if (i <= REFUNDS) {
          refund.run(`${no}R1`, no, 50, at + 1000, at + 1000, DAY);
          rows.push({ tradeNo, outTradeNo: no, refund: true, subject: '门店消费', createdAt: shanghaiDateTime(at + 1000), finishedAt: shanghaiDateTime(at + 1000), account: '159****5620', amountFen: fen, receivedFen: -50, outRequestNo: `${no}R1`, feeFen: 0, terminalId: 'T1' });
        }
      }
    })();
    db.close();
    rows.push({ ...rows[0]!, outTradeNo: 'TRNOTINTHEJOURNAL0001' });
    const zip = alipayBillZip({ userId: '20880000000000000156', day: DAY, nextDay: '2026-06-06', exportedAt: '2026年06月06日 06:27:10', rows });
    const zipPath = join(dir, 'bill.csv.zip');
    writeFileSync(zipPath, zip);
    console.log(`set-up: ${ATTEMPTS} attempts + ${REFUNDS} refunds journaled, ${rows.length} bill lines (zip ${(statSync(zipPath).size / 1048576).toFixed(1)} MB) in ${((performance.now() - setUpStart) / 1000).toFixed(1)} s`);

    const runs = [1, 2, 3].map(() => JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, 'reconcile-worker.ts'), zipPath, journalPath, DAY], { encoding: 'utf8' })) as Record<string, number>);
    for (const [i, r] of runs.entries()) {
      console.log(`run ${i + 1}: ${r.lines} bill lines vs ${ATTEMPTS} attempts — unzip ${r.unzipMs!.toFixed(0)} ms + read/match ${r.readAndMatchMs!.toFixed(0)} ms = ${r.totalMs!.toFixed(0)} ms wall, ${r.cpuMs!.toFixed(0)} ms CPU; peak RSS ${r.maxRssMb!.toFixed(0)} MB (process at start ${r.baseRssMb!.toFixed(0)} MB); matched ${r.matched} payments, ${r.refundsMatched} refunds, ${r.differences} differences`);
    }
    const best = runs.map((r) => r.totalMs!).sort((a, b) => a - b);
    const cpu = runs.map((r) => r.cpuMs!).sort((a, b) => a - b);
    console.log(`reconcile: median ${best[1]!.toFixed(0)} ms wall, ${cpu[1]!.toFixed(0)} ms CPU (goal < 2000 ms; wall time counts other processes on a loaded machine, CPU time does not); peak RSS max ${Math.max(...runs.map((r) => r.maxRssMb!)).toFixed(0)} MB (goal < 200 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
