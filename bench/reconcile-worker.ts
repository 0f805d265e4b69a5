// The measured half of bench/reconcile.bench.ts, in a process of its own so its peak memory is the
// reconciliation's alone: read the bill zip (GBK CSV), open the journal read-only, match.
import { readFileSync } from 'node:fs';
import { alipayBillLines, alipayDetailBytes, gbkLines } from '../app/reconcile/alipayBillParse.ts';
import { JournalLedger } from '../app/reconcile/journalLedger.ts';
import { reconcile } from '../app/reconcile/match.ts';

const [zipPath, journalPath, day] = process.argv.slice(2) as [string, string, string];
const baseRssMb = process.memoryUsage().rss / 1048576;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// As reconcileDay does it: the zip is opened and checked, then lines are matched as they are read.
const detail = alipayDetailBytes(new Uint8Array(readFileSync(zipPath)));
const t1 = performance.now();
const ledger = new JournalLedger(journalPath, true);
let lines = 0;
const r = reconcile({ provider: 'alipay', day, lines: (function* () { for (const l of alipayBillLines(gbkLines(detail))) { lines += 1; yield l; } })() }, ledger);
ledger.close();
const t2 = performance.now();
process.stdout.write(JSON.stringify({
  cpuMs: (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000,
  lines, unzipMs: t1 - t0, readAndMatchMs: t2 - t1, totalMs: t2 - t0,
  baseRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024,
  matched: r.payments.matched.count, refundsMatched: r.refunds.matched.count, differences: r.differences.length,
}));
