// The scan→request figure with and without a head-office syncer running beside the checkout in
// the same process (issue 13: it must not move). Same measurement as bench/payment.bench.ts:
// code received → first byte of trade.pay at a loopback front of the training gateway.
import { join } from 'node:path';
import { Checkout } from '../../app/checkout/Checkout.ts';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway } from '../../app/gateway/training/index.ts';
import type { HqConfig } from '../../app/hq/hqConfig.ts';
import { HqSyncer } from '../../app/hq/HqSyncer.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { startTimingFront } from '../timingFront.ts';

export async function payPathWithSyncer(dir: string, hq: HqConfig, n: number): Promise<{ without: number[]; with: number[] }> {
  const keys = loadTrainingKeys();
  const sim = await startTrainingGateway({ storePath: join(dir, 'paypath-gw.db') });
  const front = await startTimingFront(new URL(sim.url).origin);
  const journalPath = join(dir, 'paypath.db');
  const journal = new SqliteJournal(journalPath);
  let syncer: HqSyncer | undefined;
  const checkout = new Checkout({
    journal,
    gateway: new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: `${front.url}/gateway.do`, training: true }),
    onChange: () => syncer?.poke(),
  });
  const samples = { without: [] as number[], with: [] as number[] };
  // A cashier's pause between customers (shortened): the syncer works there, as at a real counter,
  // and may still be mid-batch when the next code arrives.
  const pause = () => new Promise((r) => setTimeout(r, 40));
  let i = 0;
  const pay = async (into: number[] | undefined) => {
    const t0 = performance.now();
    const r = await checkout.pay({ amount: '12.34', code: `28763443825${String(i++).padStart(5, '0')}00` });
    if (r.status !== 'SUCCESS') throw new Error(`bench payment ended ${r.status}`);
    into?.push(front.arrivedAt() - t0);
  };
  for (let k = 0; k < 20; k++) await pay(undefined); // warm-up
  // Alternating blocks, so load from elsewhere on the machine falls on both alike.
  for (let block = 0; block < 4; block++) {
    for (let k = 0; k < n / 8; k++) {
      await pay(samples.without);
      await pause();
    }
    syncer = new HqSyncer({ hq: { ...hq, pollIntervalMs: 200 }, journalPath, isBusy: () => checkout.activeOutTradeNo !== undefined });
    syncer.start();
    for (let k = 0; k < n / 8; k++) {
      await pay(samples.with);
      await pause();
    }
    await syncer.close();
    syncer = undefined;
  }
  journal.close();
  front.close();
  await sim.close();
  return samples;
}
