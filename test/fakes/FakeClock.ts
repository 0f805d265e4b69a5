import type { Clock } from '../../app/Clock.ts';

/** Virtual time: sleeping advances the clock at once, so schedules can be checked exactly. */
export class FakeClock implements Clock {
  #now: number;
  constructor(startMs = Date.parse('2026-11-22T10:00:00+08:00')) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.#now += Math.max(0, ms);
    await Promise.resolve();
  }
}
