// Runs the detector over a recorded keystroke timeline as an event loop would: every tick is
// delivered exactly at its deadline before the next key. Used by `pos scan-replay`, the tests and
// the benchmark, so the three see the same detector behaviour.
import type { WedgeConfig } from './config.ts';
import { WedgeDetector, type KeyDecision, type WedgeOutput, type WedgeScan } from './detector.ts';
import type { KeyInput } from './keys.ts';

/**
 * What became of one key: typed into the page at once (`passed`, `ignored`), held and given back
 * later (`released`, at `releasedAt`), or kept out of the page as part of a scan (`scanned`).
 */
export type KeyFate = { input: KeyInput; decision: KeyDecision; fate: 'passed' | 'ignored' | 'released' | 'scanned'; releasedAt?: number };

export type ReplayResult = { scans: WedgeScan[]; keys: KeyFate[] };

export function replayTimeline(events: readonly KeyInput[], config: Partial<WedgeConfig> = {}): ReplayResult {
  const detector = new WedgeDetector<KeyInput>(config);
  const scans: WedgeScan[] = [];
  const fates = new Map<KeyInput, KeyFate>();
  const collect = (out: WedgeOutput<KeyInput>, at: number): void => {
    for (const k of out.released) {
      const f = fates.get(k);
      if (f) Object.assign(f, { fate: 'released', releasedAt: at });
    }
    scans.push(...out.scans);
  };
  const tickUntil = (t: number): void => {
    for (let d = detector.nextDeadline(); d !== null && d <= t; d = detector.nextDeadline()) collect(detector.tick(d), d);
  };
  let lastT = Number.NEGATIVE_INFINITY;
  for (const [i, e] of events.entries()) {
    if (!Number.isFinite(e.t)) throw new RangeError(`event ${i + 1}: t must be a finite number of ms`);
    if (e.t < lastT) throw new RangeError(`event ${i + 1}: t = ${e.t} comes before the previous event (${lastT}); events must be in time order`);
    lastT = e.t;
    tickUntil(e.t);
    const step = detector.key(e);
    collect(step, e.t);
    // Held keys stay 'scanned' unless released later.
    fates.set(e, { input: e, decision: step.decision, fate: step.decision === 'pass' ? 'passed' : step.decision === 'ignore' ? 'ignored' : 'scanned' });
  }
  tickUntil(Number.POSITIVE_INFINITY);
  return { scans, keys: events.map((e) => fates.get(e) as KeyFate) };
}
