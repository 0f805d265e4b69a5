// Tuning of the keyboard-wedge detector. Every figure is a duration in ms or a count; the defaults
// cover USB scanners (2–10 ms per key) and slow Bluetooth ones (20–60 ms per key, jitter, a pause
// mid-code: field-notes.md item 7) while staying out of reach of human typing (60–300 ms per key).
// `pos scan-replay` takes the same names as options, so a shop's recording can be tuned offline.

export type SuffixKey = 'Enter' | 'Tab';

export type WedgeConfig = {
  /** Keys a scanner sends after the code; a burst ends on them at once (0 ms latency). */
  suffixKeys: readonly SuffixKey[];
  /** Silence that ends a fast burst without a suffix. */
  idleMs: number;
  /** A slow burst ends after this many median key gaps of silence (Bluetooth pauses mid-code). */
  idleGapFactor: number;
  /**
   * A burst whose median gap is at most this is a wired (USB) scanner: it never pauses mid-code,
   * so it ends after fastGapFactor × its longest gap (at least idleMs) instead of idleGapFactor ×
   * its median, which kept a scan without a suffix waiting ~60 ms.
   */
  fastMedianGapMs: number;
  fastGapFactor: number;
  /** Longest gap between two keys of a scan that is not a pause; also how long a lone key is held. */
  maxKeyGapMs: number;
  /** Longest pause a slow scanner may take mid-code (the adaptive idle gap never exceeds it). */
  maxPauseMs: number;
  /** How many gaps longer than maxKeyGapMs one scan may contain. */
  maxPauses: number;
  /** Pauses are only believed after this many keys: a scanner does not stall on its first keys. */
  pauseAfterKeys: number;
  /** The typical (median) gap of a scan is at most this; human typing is far slower. */
  maxMedianGapMs: number;
  /** A scanner is regular: the spread of its gaps (90th minus 10th percentile) stays under this. */
  maxGapSpreadMs: number;
  /**
   * A key typed just before a burst is cut off when its gap to the burst exceeds both
   * leadOutlierFactor × the burst's median gap and that median + leadOutlierMarginMs.
   */
  leadOutlierFactor: number;
  leadOutlierMarginMs: number;
  /** Gaps needed before the burst's shape is judged while it is still arriving. */
  shapeMinGaps: number;
  minLength: number;
  maxLength: number;
  /** Payment codes are digits; with this on, any other character marks the burst as typing. */
  digitsOnly: boolean;
};

export const DEFAULT_WEDGE_CONFIG: Readonly<WedgeConfig> = Object.freeze({
  suffixKeys: ['Enter', 'Tab'],
  // 25 ms is 2.5× the slowest USB key gap (10 ms); a wired scanner's silence ends a code sooner.
  idleMs: 25,
  idleGapFactor: 10,
  fastMedianGapMs: 12,
  fastGapFactor: 3,
  maxKeyGapMs: 90,
  maxPauseMs: 300,
  maxPauses: 2,
  pauseAfterKeys: 6,
  maxMedianGapMs: 70,
  maxGapSpreadMs: 60,
  leadOutlierFactor: 4,
  leadOutlierMarginMs: 30,
  shapeMinGaps: 4,
  // EAN-8 is the shortest barcode worth emitting; what is not a payment code is refused later by
  // classifyCode, with a message, instead of being typed into the amount field.
  minLength: 8,
  maxLength: 64,
  digitsOnly: true,
} satisfies WedgeConfig);

/** Merges overrides onto the defaults and refuses values the detector cannot work with. */
export function wedgeConfig(overrides: Partial<WedgeConfig> = {}): WedgeConfig {
  const c: WedgeConfig = { ...DEFAULT_WEDGE_CONFIG, ...overrides };
  const positive: (keyof WedgeConfig)[] = ['idleMs', 'idleGapFactor', 'fastMedianGapMs', 'fastGapFactor', 'maxKeyGapMs', 'maxPauseMs', 'maxMedianGapMs', 'maxGapSpreadMs', 'leadOutlierFactor', 'minLength', 'maxLength'];
  for (const k of positive) {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RangeError(`wedge config ${k} must be a positive number, got ${String(v)}`);
  }
  for (const k of ['maxPauses', 'pauseAfterKeys', 'shapeMinGaps', 'leadOutlierMarginMs'] as const) {
    if (!Number.isFinite(c[k]) || c[k] < 0) throw new RangeError(`wedge config ${k} must be zero or more, got ${c[k]}`);
  }
  if (c.minLength > c.maxLength) throw new RangeError(`wedge config minLength (${c.minLength}) exceeds maxLength (${c.maxLength})`);
  if (c.maxPauseMs < c.maxKeyGapMs) throw new RangeError(`wedge config maxPauseMs (${c.maxPauseMs}) is shorter than maxKeyGapMs (${c.maxKeyGapMs})`);
  return c;
}
