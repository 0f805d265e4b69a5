// The randomized cross-process test (issue 8 "Done when"): a fixed seed and a small count here;
// `npm run soak` runs it longer (SOAK_TRIALS, SOAK_SEED). Its summary line counts lost, phantom,
// double and stuck attempts; all must be 0.
import { describe, expect, it } from 'vitest';
import { runChaos, summaryLine } from '../helpers/chaos.ts';

const SEED = Number(process.env.SOAK_SEED ?? 7);
const TRIALS = Number(process.env.SOAK_TRIALS ?? 2);

describe('randomized: two to five pos processes, random kills, random gateway delays', () => {
  it(`seed ${SEED}, ${TRIALS} trial(s): nothing lost, phantom, doubled or stuck`, async () => {
    const t = await runChaos({ seed: SEED, trials: TRIALS });
    console.log(summaryLine(SEED, t));
    for (const n of t.notes) console.log(`  ${n}`);
    expect({ lost: t.lost, phantom: t.phantom, double: t.double, stuck: t.stuck }).toEqual({ lost: 0, phantom: 0, double: 0, stuck: 0 });
    expect(t.trials).toBe(TRIALS);
  }, Math.max(300_000, TRIALS * 120_000));
});
