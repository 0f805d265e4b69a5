// The measured half of bench/chainReconcile.bench.ts, in a process of its own so its time and peak
// memory are the chain reconciliation's alone: one bill zip against head office's PostgreSQL.
import { readFileSync } from 'node:fs';
import { connectHq } from '../../app/hq/hqConnection.ts';
import { reconcileChain } from '../../app/hq/hqReconcile.ts';
import { alipayBillLines, alipayDetailBytes, gbkLines } from '../../app/reconcile/alipayBillParse.ts';
import type { BillSource } from '../../app/reconcile/billSource.ts';

const [zipPath, url, passwordFile, day, dataDir] = process.argv.slice(2) as [string, string, string, string, string];
const bytes = new Uint8Array(readFileSync(zipPath));
// The provider's download is not what is measured: the source hands over the file as fetched.
const source: BillSource = {
  provider: 'alipay',
  fetch: async () => ({ bytes, ext: 'csv.zip', parse: () => ({ provider: 'alipay', day, lines: alipayBillLines(gbkLines(alipayDetailBytes(bytes))) }) }),
};
const baseRssMb = process.memoryUsage().rss / 1048576;
const client = await connectHq({ postgres: url, passwordFile }, { queryTimeoutMs: 300_000 });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await reconcileChain({ client, source, day, training: false, dataDir });
const totalMs = performance.now() - t0;
await client.end();
process.stdout.write(JSON.stringify({
  totalMs, phasesMs: r.phasesMs, cpuMs: (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000, baseRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024,
  lines: r.bill.paymentCount + r.bill.refundCount, tills: r.tills.length, matched: r.payments.matched.count, refundsMatched: r.refunds.matched.count,
  kinds: r.differences.reduce<Record<string, number>>((m, d) => ({ ...m, [d.kind]: (m[d.kind] ?? 0) + 1 }), {}),
  attributed: r.differences.filter((d) => d.tillId !== null || d.candidates.length > 0).length, differences: r.differences.length,
}));
