// The poll schedule on virtual time: a confirming buyer is noticed within a second, at about one
// query a second, never two requests in flight, and the wait limit ends in a cancel.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checkout } from '../../app/checkout/Checkout.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { FakeClock } from '../fakes/FakeClock.ts';
import { FakeGateway } from '../fakes/FakeGateway.ts';
import { tempDir } from '../helpers/tempDir.ts';

function setup(paysAfterMs: number, latencyMs = 120) {
  const clock = new FakeClock();
  const gateway = new FakeGateway(clock, { paysAfterMs, latencyMs });
  const journal = new SqliteJournal(join(tempDir(), 'j.db'));
  const checkout = new Checkout({ journal, gateway, clock, waitSeconds: 60 });
  return { clock, gateway, checkout };
}

describe('poll schedule', () => {
  it.each([1500, 4321, 17_000, 59_000])('notices a buyer who confirms after %i ms within a second, ~1 query/s, one request at a time', async (paysAfterMs) => {
    const { clock, gateway, checkout } = setup(paysAfterMs);
    const start = clock.now();
    const r = await checkout.pay({ amount: '9.99', code: '287634438256643901' });
    expect(r.status).toBe('SUCCESS');
    const delayMs = clock.now() - (start + paysAfterMs);
    expect(delayMs).toBeGreaterThanOrEqual(0);
    expect(delayMs).toBeLessThanOrEqual(1000);
    const queries = gateway.calls.filter((c) => c.method === 'query');
    const perSecond = queries.length / ((clock.now() - start) / 1000);
    expect(perSecond).toBeLessThanOrEqual(1.2);
    for (let i = 1; i < queries.length; i++) expect(queries[i]!.at - queries[i - 1]!.at).toBeGreaterThanOrEqual(900);
    expect(gateway.maxInFlight).toBe(1);
  });

  it('cancels at the wait limit and not before', async () => {
    const { clock, gateway, checkout } = setup(Number.POSITIVE_INFINITY);
    const start = clock.now();
    const r = await checkout.pay({ amount: '9.99', code: '287634438256643902' });
    expect(r.status).toBe('CANCELLED');
    const cancel = gateway.calls.find((c) => c.method === 'cancel')!;
    expect(cancel.at - start).toBeGreaterThanOrEqual(60_000);
    expect(cancel.at - start).toBeLessThan(61_500);
  });
});
