// One scan, one payment (field-notes.md item 1). A scanner in continuous mode, or a cashier pressing
// the trigger twice, reads the same code again within a second or two: that is one scan. A code
// scanned while a payment is in progress is never a second payment; the caller shows it and drops it.

export type GuardVerdict = { accepted: true } | { accepted: false; reason: 'duplicate' | 'payment-in-progress' };

export type DuplicateGuardOptions = {
  /** How long after the last sighting of a code a new sighting is still the same scan. */
  windowMs: number;
  isPaymentInProgress: () => boolean;
};

export class DuplicateGuard {
  readonly #windowMs: number;
  readonly #isPaymentInProgress: () => boolean;
  /** The last accepted code and when it was last seen. */
  #lastCode: string | null = null;
  #lastAtMs = Number.NEGATIVE_INFINITY;

  constructor(options: DuplicateGuardOptions) {
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) throw new RangeError(`windowMs must be zero or more, got ${options.windowMs}`);
    this.#windowMs = options.windowMs;
    this.#isPaymentInProgress = options.isPaymentInProgress;
  }

  /** `atMs` comes from one monotonic clock; a time before the last sighting is not a repeat. */
  accept(code: string, atMs: number): GuardVerdict {
    const sinceMs = atMs - this.#lastAtMs;
    if (code === this.#lastCode && sinceMs >= 0 && sinceMs < this.#windowMs) {
      // The window slides with every sighting: a phone held under a continuous-mode scanner stays
      // one scan for as long as it is held there, not just for the first windowMs.
      this.#lastAtMs = atMs;
      return { accepted: false, reason: 'duplicate' };
    }
    // Not remembered: once the payment is over, scanning this code again is a deliberate new scan.
    if (this.#isPaymentInProgress()) return { accepted: false, reason: 'payment-in-progress' };
    this.#lastCode = code;
    this.#lastAtMs = atMs;
    return { accepted: true };
  }
}
