// The clock and timers a scan source runs on, injected so tests can drive reconnect polling and
// idle gaps by hand instead of waiting on real time.

export type TimerHandle = { readonly id: number };

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export const realTimers: Timers = (() => {
  const native = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, delayMs) {
      const id = next++;
      native.set(id, setTimeout(() => {
        native.delete(id);
        fn();
      }, delayMs));
      return { id };
    },
    clearTimeout(handle) {
      if (!handle) return;
      clearTimeout(native.get(handle.id));
      native.delete(handle.id);
    },
  };
})();

/** Timers that only move when told to: `advance(ms)` runs what falls due, in order. */
export class ManualTimers implements Timers {
  #now: number;
  #next = 1;
  #pending: { id: number; at: number; fn: () => void }[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.#next++;
    this.#pending.push({ id, at: this.#now + Math.max(0, delayMs), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.#pending = this.#pending.filter((p) => p.id !== handle.id);
  }

  /** Timers not yet run. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = this.#pending.filter((p) => p.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#pending = this.#pending.filter((p) => p !== due);
      this.#now = due.at;
      due.fn();
    }
    this.#now = until;
  }
}
