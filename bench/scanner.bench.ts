// Keyboard-wedge detection: the till's detector against onScan.js 1.5.2 on the same generated
// timelines, in the same run (issue 3 "Benchmark"). Latency is from the last key of a scan (its
// suffix, or its last character) to emission, in each detector's own clock; the till's real
// processing time per key is measured on the wall clock as well.
import { existsSync } from 'node:fs';
import type { WedgeConfig } from '../app/common/wedge/config.ts';
import { WedgeDetector } from '../app/common/wedge/detector.ts';
import { replayTimeline } from '../app/common/wedge/replay.ts';
import { percentile } from '../app/common/wedge/stats.ts';
import { OnScanHarness } from './scanner/onscan-harness.ts';
import { emptyScore, scoreTimeline, type PageFate, type Score } from './scanner/score.ts';
import { PROFILES, type Timeline } from './scanner/timelines.ts';
import { SerialScanSource } from '../native/scanner/serial-scan-source.ts';
import { PtyPair } from '../test/scanner/helpers/socat.ts';

const TIMELINES_PER_PROFILE = 200;
const SERIAL_CODES = 300;

/**
 * The tuning before issue 9 ("Also": ~59 ms without a suffix): a 50 ms floor and ten median gaps of
 * silence for every burst, wired or not. Run next to today's so before and after come from one run.
 */
const PREVIOUS_TUNING: Partial<WedgeConfig> = { idleMs: 50, fastMedianGapMs: Number.MIN_VALUE };

function tillRun(tl: Timeline, config: Partial<WedgeConfig> = {}): { emissions: { code: string; at: number }[]; page: PageFate[] } {
  const r = replayTimeline(tl.events, config);
  const page = r.keys.map((k, i): PageFate => {
    const event = tl.events[i] as Timeline['events'][number];
    return { event, at: k.fate === 'scanned' ? null : k.fate === 'released' ? (k.releasedAt as number) : event.t };
  });
  return { emissions: r.scans.map((s) => ({ code: s.code, at: s.emittedAt })), page };
}

/** Wall-clock cost of each detector call (key or tick), in ns. */
function processingNs(timelines: readonly Timeline[]): number[] {
  const samples: number[] = [];
  for (const tl of timelines) {
    const d = new WedgeDetector();
    for (const e of tl.events) {
      for (let dl = d.nextDeadline(); dl !== null && dl <= e.t; dl = d.nextDeadline()) d.tick(dl);
      const t0 = process.hrtime.bigint();
      d.key(e);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
  }
  return samples;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const lat = (s: Score): string => (s.latenciesMs.length ? `${fmt(percentile(s.latenciesMs, 0.5))}/${fmt(Math.max(...s.latenciesMs))}` : '–');
const human = (s: Score): string => (s.humanTimelines ? `${s.humanTextIntact}/${s.humanTimelines}` : '–');

export default async function (): Promise<void> {
  const onscan = new OnScanHarness();
  const rows: string[][] = [];
  const costs: string[][] = [];
  const tuning: string[][] = [];
  try {
    for (const p of PROFILES) {
      const timelines = Array.from({ length: TIMELINES_PER_PROFILE }, (_, i) => p.make(1000 + i));
      const till = emptyScore();
      const lib = emptyScore();
      const before = emptyScore();
      for (const tl of timelines) {
        const a = tillRun(tl);
        scoreTimeline(till, tl, a.emissions, a.page);
        const p0 = tillRun(tl, PREVIOUS_TUNING);
        scoreTimeline(before, tl, p0.emissions, p0.page);
        const b = onscan.run(tl.events);
        scoreTimeline(lib, tl, b.emissions, b.page);
      }
      for (const [who, s] of [['till', till], ['onScan.js', lib]] as const) {
        rows.push([p.name, who, String(s.codes), String(s.found), String(s.missed), String(s.falseScans), String(s.altered), lat(s), String(s.scanKeysLeaked), human(s)]);
      }
      for (const [who, s] of [['before (idle 50 ms, 10× median)', before], ['now (fast: 3× longest gap, ≥25 ms)', till]] as const) {
        tuning.push([p.name, who, `${s.found}/${s.codes}`, String(s.missed + s.falseScans + s.altered + s.scanKeysLeaked), lat(s), human(s)]);
      }
      // The first pass warms the JIT up; the second is the one reported.
      processingNs(timelines);
      const ns = processingNs(timelines);
      const hold = till.humanHoldMs;
      costs.push([p.name, String(ns.length), fmt(percentile(ns, 0.5) / 1000, 2), fmt(percentile(ns, 0.99) / 1000, 2), fmt(percentile(ns, 0.999) / 1000, 1), fmt(Math.max(...ns) / 1000, 0), hold.length ? `${fmt(percentile(hold, 0.5), 0)}/${fmt(Math.max(...hold), 0)}` : '–']);
    }
  } finally {
    onscan.close();
  }

  console.log(`${TIMELINES_PER_PROFILE} timelines per profile (seeds 1000–${999 + TIMELINES_PER_PROFILE}); profiles:`);
  for (const p of PROFILES) console.log(`  ${p.name.padEnd(17)} ${p.title}`);
  console.log('\nlatency = last key of the scan → emission, ms (p50/max), detector clock; leaked = scan keys that reached the focused field;');
  console.log('typing intact = timelines where the person\'s keys all reached the field, in order.\n');
  table(['profile', 'detector', 'codes', 'found', 'missed', 'false', 'altered', 'latency ms', 'leaked', 'typing intact'], rows);
  console.log('\nThe till\'s tuning before and after issue 9, same timelines, same run (errors = missed + false + altered + leaked):\n');
  table(['profile', 'tuning', 'found', 'errors', 'latency ms', 'typing intact'], tuning);
  console.log('\nThe till\'s detector on the wall clock: µs per key() call (after a warm-up pass; the max includes garbage-collection and');
  console.log('scheduling pauses of the whole process), and how long a person\'s held-back key waited before it was typed (ms, p50/max):\n');
  table(['profile', 'keys', 'p50 µs', 'p99 µs', 'p99.9 µs', 'max µs', 'typing held ms'], costs);

  const serial = await serialLatencyMs();
  if (serial === null) console.log('\nserial source over a socat pty: skipped (socat is not installed)');
  else console.log(`\nserial source over a socat pty, ${serial.length} codes written with CRLF → onScan (wall clock, ms): p50 ${fmt(percentile(serial, 0.5), 3)}, p90 ${fmt(percentile(serial, 0.9), 3)}, p99 ${fmt(percentile(serial, 0.99), 3)}, max ${fmt(Math.max(...serial), 3)}`);
}

/** The serial source end to end: a CRLF-terminated code written into a socat pty → onScan, wall clock. */
async function serialLatencyMs(): Promise<number[] | null> {
  if (!existsSync('/usr/bin/socat')) return null;
  const pty = new PtyPair();
  await pty.plug();
  const source = new SerialScanSource({ path: pty.tillPath });
  const latencies: number[] = [];
  try {
    await source.start();
    let pending: { code: string; t0: bigint; done: () => void } | null = null;
    source.onScan((s) => {
      if (pending && s.code === pending.code) {
        latencies.push(Number(process.hrtime.bigint() - pending.t0) / 1e6);
        pending.done();
      }
    });
    for (let i = 0; i < SERIAL_CODES; i++) {
      const code = `28${String(i).padStart(16, '0')}`;
      await new Promise<void>((done) => {
        pending = { code, t0: process.hrtime.bigint(), done };
        pty.write(`${code}\r\n`);
      });
    }
  } finally {
    await source.stop();
    await pty.dispose();
  }
  return latencies;
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
