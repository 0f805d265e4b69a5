// Child process of the head-office bench: one till's syncer catching up a journal offline for a
// week, alone in its process so its memory is its own. Prints one JSON line.
import { HqSyncer } from '../../app/hq/HqSyncer.ts';
import { HQ_DEFAULTS, type HqConfig } from '../../app/hq/hqConfig.ts';

const [journalPath, url, passwordFile, tillId] = process.argv.slice(2) as [string, string, string, string];
const hq: HqConfig = { postgres: url, passwordFile, tillId, storeId: tillId.split('-')[0]!, ...HQ_DEFAULTS };
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sample = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
const syncer = new HqSyncer({ hq, journalPath });
const t0 = performance.now();
const run = await syncer.syncOnce();
const ms = performance.now() - t0;
clearInterval(sample);
const m = process.memoryUsage();
await syncer.close();
console.log(JSON.stringify({ ms, events: run.pushed, batches: run.batches, rssBeforeMb: before.rss / 2 ** 20, peakRssMb: Math.max(peakRss, m.rss) / 2 ** 20, heapBeforeMb: before.heapUsed / 2 ** 20, peakHeapMb: Math.max(peakHeap, m.heapUsed) / 2 ** 20 }));
