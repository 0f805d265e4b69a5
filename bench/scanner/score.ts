// Scores a detector's output on a timeline against its ground truth. An emission is matched to the
// scan whose keys were arriving when it came out (from its first key to matchWindowMs after its
// last), so a code glued to a stray key counts as altered, and an emission outside every scan
// counts as a false scan. What reached the page is scored too: scan keys leaking into the focused
// field, and whether the person's own typing arrived whole and in order.
import type { Timeline, TimelineEvent } from './timelines.ts';

export type Emission = { code: string; at: number };
/** Where each key ended up: in the page at `at`, or kept out of it (null). */
export type PageFate = { event: TimelineEvent; at: number | null };

export type Score = {
  codes: number;
  found: number;
  missed: number;
  falseScans: number;
  altered: number;
  latenciesMs: number[];
  scanKeysLeaked: number;
  humanTimelines: number;
  humanTextIntact: number;
  humanHoldMs: number[];
};

export const MATCH_WINDOW_MS = 1000;

export function emptyScore(): Score {
  return { codes: 0, found: 0, missed: 0, falseScans: 0, altered: 0, latenciesMs: [], scanKeysLeaked: 0, humanTimelines: 0, humanTextIntact: 0, humanHoldMs: [] };
}

const DIGIT_KEYS = /^(?:Digit|Numpad)([0-9])$|^(Period|NumpadDecimal)$/;

/** The character a human key puts in the field ('' for Enter). */
function typedChar(e: TimelineEvent): string {
  const m = DIGIT_KEYS.exec(e.code);
  if (!m) return '';
  return m[1] ?? '.';
}

export function scoreTimeline(score: Score, tl: Timeline, emissions: readonly Emission[], page: readonly PageFate[]): void {
  score.codes += tl.scans.length;
  const found = new Set<number>();
  for (const em of emissions) {
    // The latest scan that had started by the time of the emission and ended not long before it.
    let match = -1;
    tl.scans.forEach((s, i) => {
      if (s.start <= em.at && em.at <= s.end + MATCH_WINDOW_MS) match = i;
    });
    const truth = tl.scans[match];
    if (!truth) score.falseScans++;
    else if (truth.code === em.code && !found.has(match)) {
      found.add(match);
      score.found++;
      // Rounded to 1 µs: both clocks add offsets, and -0.0 in a table reads as a bug.
      score.latenciesMs.push(Math.round((em.at - truth.end) * 1000) / 1000 + 0);
    } else score.altered++;
  }
  score.missed += tl.scans.length - found.size;

  for (const p of page) if (p.event.role === 'scan' && p.at !== null) score.scanKeysLeaked++;
  const human = page.filter((p) => p.event.role === 'human');
  if (human.length > 0) {
    score.humanTimelines++;
    // Stable sort: keys that reached the page at the same moment keep their typing order.
    const arrived = human.filter((p) => p.at !== null).sort((a, b) => (a.at as number) - (b.at as number));
    const text = arrived.map((p) => typedChar(p.event)).join('');
    const lost = human.some((p) => p.at === null);
    if (text === tl.humanText && !lost) score.humanTextIntact++;
    for (const p of human) if (p.at !== null && p.at > p.event.t) score.humanHoldMs.push(p.at - p.event.t);
  }
}
