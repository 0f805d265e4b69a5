// The keyboard-wedge detector: tells a scanner's burst of keys from a person typing, so a payment
// code reaches Checkout whole and never lands in the focused amount field (field-notes.md items
// 6–9). It is a pure state machine: the caller feeds keydowns and clock ticks, each with its own
// timestamp, and asks when the next tick is due. No timer lives inside, so a recording replays to
// the same result every time (`pos scan-replay`, the tests, the benchmark).
//
// Every key that could start or continue a scan is held back ('hold': the caller keeps it out of
// the page) until the burst is judged. A burst is judged on its suffix key (Enter/Tab: at once), on
// silence (the idle gap), or as soon as it can no longer be a scan. Keys of a burst judged to be
// typing come back in `released`, in their original order, for the caller to re-insert.
import { wedgeConfig, type SuffixKey, type WedgeConfig } from './config.ts';
import { keyMeaning, type KeyInput } from './keys.ts';
import { gapsOf, median, percentile } from './stats.ts';

export type WedgeScan = {
  code: string;
  /** Time of the first key of the code. */
  start: number;
  /** Time of the last key of the scan: the suffix key, or the last character without one. */
  end: number;
  /** Detector time at which the scan was emitted; equals `end` when a suffix ended it. */
  emittedAt: number;
  suffix: SuffixKey | null;
};

/**
 * hold: may belong to a scan, keep it out of the page for now. swallow: the suffix of a scan, keep
 * it out for good. pass: typing, let it through. ignore: Shift and lock keys, let them through.
 */
export type KeyDecision = 'hold' | 'swallow' | 'pass' | 'ignore';

export type WedgeOutput<K> = {
  /** Held keys now known to be typing, oldest first; they come before the current key. */
  released: K[];
  scans: WedgeScan[];
};

export type WedgeStep<K> = WedgeOutput<K> & { decision: KeyDecision };

type Held<K> = { input: K; t: number; char: string };

export class WedgeDetector<K extends KeyInput = KeyInput> {
  readonly config: WedgeConfig;
  #held: Held<K>[] = [];
  #lastT = Number.NEGATIVE_INFINITY;
  /** When the last character that cannot be in a code (a letter, with digitsOnly) went to the page. */
  #lastPassedCharT = Number.NEGATIVE_INFINITY;

  constructor(config: Partial<WedgeConfig> = {}) {
    this.config = wedgeConfig(config);
  }

  /** Number of keys held back right now. */
  get pending(): number {
    return this.#held.length;
  }

  /** When `tick` must next be called (detector time), or null when nothing is held. */
  nextDeadline(): number | null {
    const last = this.#held.at(-1);
    return last === undefined ? null : last.t + this.#allowedSilenceMs();
  }

  /** Feeds one keydown. Deadlines that passed before `input.t` are settled first. */
  key(input: K): WedgeStep<K> {
    // A keydown stamped just before a timer that fired first is taken as arriving with the timer:
    // time never runs backwards inside the detector.
    const t = Math.max(input.t, this.#lastT);
    this.#lastT = t;
    const out: WedgeOutput<K> = { released: [], scans: [] };
    this.#settle(t, out);
    const meaning = input.repeat || input.shortcut ? ({ kind: 'other' } as const) : keyMeaning(input);
    switch (meaning.kind) {
      case 'modifier':
        return { ...out, decision: 'ignore' };
      case 'other':
        // Backspace, arrows, shortcuts, auto-repeat of a held-down key: only people do that.
        this.#releaseAll(out);
        return { ...out, decision: 'pass' };
      case 'suffix': {
        if (this.#held.length === 0) return { ...out, decision: 'pass' };
        if (!this.config.suffixKeys.includes(meaning.suffix)) {
          // A suffix the till was not told about still closes the burst; it goes to the page.
          this.#judge(out, { t, suffix: null });
          return { ...out, decision: 'pass' };
        }
        const scan = this.#judge(out, { t, suffix: meaning.suffix });
        return { ...out, decision: scan ? 'swallow' : 'pass' };
      }
      case 'char': {
        if (this.config.digitsOnly && !/^[0-9]$/.test(meaning.char)) {
          this.#releaseAll(out);
          this.#lastPassedCharT = t;
          return { ...out, decision: 'pass' };
        }
        this.#held.push({ input, t, char: meaning.char });
        this.#prune(out);
        return { ...out, decision: 'hold' };
      }
    }
  }

  /** Advances the detector's clock: ends a burst whose silence has lasted long enough. */
  tick(t: number): WedgeOutput<K> {
    const out: WedgeOutput<K> = { released: [], scans: [] };
    if (t > this.#lastT) this.#lastT = t;
    this.#settle(t, out);
    return out;
  }

  /** Gives back every held key unjudged (the page lost focus, the listener is going away). */
  reset(): K[] {
    const out: WedgeOutput<K> = { released: [], scans: [] };
    this.#releaseAll(out);
    return out.released;
  }

  #settle(t: number, out: WedgeOutput<K>): void {
    const deadline = this.nextDeadline();
    if (deadline !== null && t >= deadline) this.#judge(out, { t, suffix: null });
  }

  /**
   * How long the burst may stay silent before it is over. A lone key or a short burst gets one key
   * gap; a longer one gets a multiple of its own median gap (of its longest gap when it is as fast
   * as a wired scanner), so a fast scanner without a suffix is emitted after idleMs while a slow
   * Bluetooth scanner may pause mid-code without being split.
   * Only a burst that already has a scanner's pace may pause: a person's run of quick keys is
   * given back after one key gap instead of being held through their next hesitation.
   */
  #allowedSilenceMs(): number {
    const c = this.config;
    const held = this.#held;
    if (held.length < 2) return c.maxKeyGapMs;
    const gaps = gapsOf(held.map((h) => h.t));
    const m = median(gaps);
    // A wired scanner's pace is steady and it does not stall: three of its longest gaps of silence
    // end the code (issue 9 "Also": ~30 ms instead of ~60 ms without a suffix). A slower burst may
    // be a Bluetooth scanner mid-pause, which only a multiple of its median gap waits out.
    const adaptive = m <= c.fastMedianGapMs ? Math.max(c.idleMs, c.fastGapFactor * Math.max(...gaps)) : Math.max(c.idleMs, c.idleGapFactor * m);
    const pausesUsed = gaps.filter((g) => g > c.maxKeyGapMs).length;
    const mayPause = held.length >= c.pauseAfterKeys && pausesUsed < c.maxPauses && m <= c.maxMedianGapMs;
    if (!mayPause) return Math.min(adaptive, c.maxKeyGapMs);
    // Too short to be emitted yet: ending it now could only release half a code as typing and then
    // emit the other half as a scan of its own.
    if (held.length < c.minLength) return c.maxPauseMs;
    return Math.min(adaptive, c.maxPauseMs);
  }

  /** True when the gap before the burst's first key is out of line with the rest of the burst. */
  #leadIsOutlier(times: readonly number[]): boolean {
    const c = this.config;
    const gaps = gapsOf(times);
    const lead = gaps[0];
    const rest = gaps.slice(1);
    if (lead === undefined || rest.length < c.shapeMinGaps) return false;
    const m = median(rest);
    return lead > Math.max(c.leadOutlierFactor * m, m + c.leadOutlierMarginMs);
  }

  /** While a burst is arriving, lets go of keys that can no longer be part of a scan. */
  #prune(out: WedgeOutput<K>): void {
    const c = this.config;
    for (;;) {
      const held = this.#held;
      const times = held.map((h) => h.t);
      const gaps = gapsOf(times);
      const tooLong = held.length > c.maxLength;
      const tooSlow = gaps.length >= c.shapeMinGaps + 2 && median(gaps) > c.maxMedianGapMs;
      if (!(tooLong || tooSlow || this.#leadIsOutlier(times))) return;
      const first = held.shift();
      if (first) out.released.push(first.input);
    }
  }

  /** Judges the held burst as complete; emits it as a scan or releases it as typing. */
  #judge(out: WedgeOutput<K>, end: { t: number; suffix: SuffixKey | null }): WedgeScan | null {
    const held = this.#held;
    this.#held = [];
    let from = 0;
    const endTimes = end.suffix ? [end.t] : [];
    // A key typed just before the burst (a cashier's digit, then the scan 50 ms later) is cut off
    // instead of being glued onto the code, as onScan.js does (hardware-notes.md section 5).
    while (held.length - from >= 2 && this.#leadIsOutlier([...held.slice(from).map((h) => h.t), ...endTimes])) from++;
    const keys = held.slice(from);
    const last = keys.at(-1);
    const first = keys[0];
    // Digits that follow a letter in the burst's own rhythm are the tail of a code with letters
    // (a product barcode): emitting them would be an altered code, so they are typing too.
    const tailOfLetters = first !== undefined && Number.isFinite(this.#lastPassedCharT) && !this.#leadIsOutlier([this.#lastPassedCharT, ...keys.map((k) => k.t), ...endTimes]);
    if (first && last && !tailOfLetters && this.#isScan(keys.map((k) => k.t), end.suffix ? end.t : null)) {
      for (const h of held.slice(0, from)) out.released.push(h.input);
      const scan: WedgeScan = { code: keys.map((k) => k.char).join(''), start: first.t, end: end.suffix ? end.t : last.t, emittedAt: end.t, suffix: end.suffix };
      out.scans.push(scan);
      return scan;
    }
    for (const h of held) out.released.push(h.input);
    return null;
  }

  /** The shape test: length, a pause-free start, few pauses, a fast median, a narrow spread. */
  #isScan(times: readonly number[], suffixT: number | null): boolean {
    const c = this.config;
    if (times.length < c.minLength || times.length > c.maxLength) return false;
    const gaps = gapsOf(suffixT === null ? times : [...times, suffixT]);
    if (gaps.length === 0) return false;
    let pauses = 0;
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i] as number;
      if (g <= c.maxKeyGapMs) continue;
      // Gap i follows key i + 1: a scanner does not stall before it has sent a few keys.
      if (g > c.maxPauseMs || i + 1 < c.pauseAfterKeys) return false;
      pauses++;
    }
    if (pauses > c.maxPauses) return false;
    if (median(gaps) > c.maxMedianGapMs) return false;
    // Regularity is judged on the gaps that are not pauses; the pauses were counted above.
    const steady = gaps.filter((g) => g <= c.maxKeyGapMs);
    return percentile(steady, 0.9) - percentile(steady, 0.1) <= c.maxGapSpreadMs;
  }

  #releaseAll(out: WedgeOutput<K>): void {
    for (const h of this.#held) out.released.push(h.input);
    this.#held = [];
  }
}
