// A till wired to a real training gateway over loopback HTTP, a real SQLite journal file and the
// real alipay-sdk client: the integration tests' subject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkout, type CheckoutOptions } from '../../app/checkout/Checkout.ts';
import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway, type TrainingGatewayOptions } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';

export const APP_ID = '2021000000000000';

/** An 18-digit Alipay code whose last two digits choose the training buyer's behaviour. */
export function code(lastTwo: string, body = '2876344382566439'): string {
  return `${body}${lastTwo}`;
}

export type TrainingTill = {
  dir: string;
  sim: TrainingGateway;
  gateway: AlipayGateway;
  journal: SqliteJournal;
  checkout: Checkout;
  changes: PaymentResult[];
  close(): Promise<void>;
};

export async function trainingTill(o: {
  sim?: Partial<TrainingGatewayOptions>;
  checkout?: Partial<CheckoutOptions>;
  requestTimeoutMs?: number;
  privateKey?: string;
} = {}): Promise<TrainingTill> {
  const dir = mkdtempSync(join(tmpdir(), 'till-it-'));
  const keys = loadTrainingKeys();
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: 400, slowAnswerMs: 1500, ...o.sim });
  const gateway = new AlipayGateway({
    appId: APP_ID,
    privateKey: o.privateKey ?? keys.tillPrivateKey,
    alipayPublicKey: keys.gatewayPublicKey,
    gatewayUrl: sim.url,
    requestTimeoutMs: o.requestTimeoutMs ?? 3000,
    training: true,
  });
  const journal = new SqliteJournal(join(dir, 'journal.db'));
  const changes: PaymentResult[] = [];
  const checkout = new Checkout({
    journal,
    gateway,
    waitSeconds: 3,
    pollIntervalMs: 100,
    cancelRetryDelayMs: 50,
    onChange: (r) => changes.push(r),
    ...o.checkout,
  });
  return {
    dir, sim, gateway, journal, checkout, changes,
    async close() {
      journal.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function methods(sim: TrainingGateway, outTradeNo?: string): string[] {
  return sim.requests().filter((r) => outTradeNo === undefined || r.outTradeNo === outTradeNo).map((r) => r.method);
}
