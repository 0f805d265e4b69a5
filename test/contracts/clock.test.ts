// The Clock port's contract, run on the system clock and the fake one.
import { describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../app/Clock.ts';
import { FakeClock } from '../fakes/FakeClock.ts';

function describeClockContract(name: string, make: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('moves forward by at least the time slept', async () => {
      const c = make();
      const t0 = c.now();
      await c.sleep(20);
      expect(c.now() - t0).toBeGreaterThanOrEqual(19);
    });
    it('returns at once, without throwing, when the signal is already aborted', async () => {
      const c = make();
      const a = new AbortController();
      a.abort();
      const t0 = c.now();
      await c.sleep(60_000, a.signal);
      expect(c.now() - t0).toBeLessThan(1000);
    });
  });
}

describeClockContract('systemClock', () => systemClock);
describeClockContract('FakeClock', () => new FakeClock());

describe('systemClock', () => {
  it('wakes early when the signal aborts during the sleep', async () => {
    const a = new AbortController();
    setTimeout(() => a.abort(), 10);
    const t0 = Date.now();
    await systemClock.sleep(60_000, a.signal);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
