// A data folder and config for real `pos` processes against a training gateway that runs in the
// test process, with its timing hooks under the test's control (docs/training-gateway.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTrainingGateway, type GatewayCall, type TimingHooks, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';

export type PosTill = {
  dir: string;
  sim: TrainingGateway;
  config: string;
  /** Replace to steer the gateway; each call goes through whatever is set at that moment. */
  hooks: TimingHooks;
  journal(): SqliteJournal;
  /** Resolves when a call matching `p` is first handled (beforeHandle). */
  seen(p: (c: GatewayCall) => boolean): Promise<GatewayCall>;
  close(): Promise<void>;
};

export async function posTill(dir: string, payment: Record<string, number>, sim: { paysAfterMs?: number; slowAnswerMs?: number } = {}): Promise<PosTill> {
  const waiters: Array<{ p: (c: GatewayCall) => boolean; resolve: (c: GatewayCall) => void }> = [];
  const t: PosTill = {
    dir,
    sim: undefined as unknown as TrainingGateway,
    config: join(dir, 'till.json'),
    hooks: {},
    journal: () => new SqliteJournal(join(dir, 'data', 'journal-training.db')),
    seen: (p) => new Promise((resolve) => waiters.push({ p, resolve })),
    close: async () => t.sim.close(),
  };
  t.sim = await startTrainingGateway({
    storePath: join(dir, 'gateway.db'),
    paysAfterMs: sim.paysAfterMs ?? 1500,
    slowAnswerMs: sim.slowAnswerMs ?? 5000,
    hooks: {
      beforeHandle: async (c) => {
        for (const w of waiters.splice(0)) {
          if (w.p(c)) w.resolve(c);
          else waiters.push(w);
        }
        await t.hooks.beforeHandle?.(c);
      },
      beforeAnswer: (c) => t.hooks.beforeAnswer?.(c),
    },
  });
  writeFileSync(t.config, JSON.stringify({ dataDir: 'data', alipay: { gateway: t.sim.url }, payment }));
  return t;
}

/** A promise with its resolver outside: a gate a hook can wait on. */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
