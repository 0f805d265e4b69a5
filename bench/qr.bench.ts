// Issue 11 figure: the delay from the customer paying a QR code to the till knowing, the till's poll
// schedule beside a 3 s poll, same customers, same run (virtual time for the waits, real HTTP to the
// Alipay and the WeChat training gateway for every precreate / native and query).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkout } from '../app/checkout/Checkout.ts';
import type { Clock } from '../app/Clock.ts';
import { AlipayGateway } from '../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway } from '../app/gateway/training/index.ts';
import type { Gateway } from '../app/gateway/Gateway.ts';
import { WechatGateway } from '../app/gateway/wechat/WechatGateway.ts';
import {
  TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys, startWechatTrainingGateway,
} from '../app/gateway/wechat/training/index.ts';
import { SqliteJournal } from '../app/journal/SqliteJournal.ts';

/** One provider's training gateway and adapter, on the bench's clock. */
type Rig = { gateway: Gateway; scan: (outTradeNo: string) => void; queries: (outTradeNo: string) => number; close: () => Promise<void> };

async function rig(provider: 'alipay' | 'wechat', storePath: string, clock: Clock): Promise<Rig> {
  if (provider === 'alipay') {
    const keys = loadTrainingKeys();
    const sim: TrainingGateway = await startTrainingGateway({ storePath, now: clock.now });
    return {
      gateway: new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, training: true }),
      scan: (n) => sim.simulateQrScan(n),
      queries: (n) => sim.requests().filter((x) => x.outTradeNo === n && x.method === 'alipay.trade.query').length,
      close: () => sim.close(),
    };
  }
  const keys = loadWechatTrainingKeys();
  const sim = await startWechatTrainingGateway({ storePath, now: clock.now });
  return {
    gateway: new WechatGateway({
      mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, baseUrl: sim.url, privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
      wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, notifyUrl: 'https://notify.invalid/bench', training: true, now: clock.now,
    }),
    scan: (n) => void sim.simulateQrScan(n),
    queries: (n) => sim.requests().filter((x) => x.outTradeNo === n && x.route === 'query').length,
    close: () => sim.close(),
  };
}

const f = (n: number, d = 2) => n.toFixed(d);

/** Sleeps take no real time; after each one, the customer whose moment has come pays. */
function virtualClock(onAdvance: (nowMs: number) => void): Clock {
  const realStart = performance.now();
  let offset = 1_800_000_000_000;
  const now = () => offset + (performance.now() - realStart);
  return {
    now,
    sleep: async (ms) => {
      offset += ms;
      onAdvance(now());
      await new Promise((r) => setImmediate(r));
    },
  };
}

export default async function (): Promise<void> {
  const customers = Number(process.env.BENCH_BUYERS ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'till-bench-qr-'));
  // Customers pay 3–60 s after the code appears: the same moments for both schedules.
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const payAfterMs = Array.from({ length: customers }, () => 3000 + Math.floor(rand() * 57_000));
  const schedules = [
    { name: 'till (every 0.9 s)', pollIntervalMs: 900 },
    { name: 'a 3 s poll', pollIntervalMs: 3000 },
  ];
  console.log(`QR payment noticed: ${customers} customers paying 3–60 s after the code appears (virtual time, real HTTP):`);
  try {
    for (const provider of ['alipay', 'wechat'] as const) for (const s of schedules) {
      const at: { rig?: Rig } = {};
      let due: { outTradeNo: string; atMs: number } | undefined;
      const clock = virtualClock((nowMs) => {
        if (due && nowMs >= due.atMs) {
          at.rig!.scan(due.outTradeNo);
          due = undefined;
        }
      });
      const r0 = (at.rig = await rig(provider, join(dir, `qr-${provider}-${s.pollIntervalMs}.db`), clock));
      const gateway = r0.gateway;
      const journal = new SqliteJournal(join(dir, `qr-${provider}-${s.pollIntervalMs}-journal.db`));
      let next = 0;
      let paidAt = 0;
      const checkout = new Checkout({
        journal, gateway, clock, pollIntervalMs: s.pollIntervalMs, qrTimeoutSeconds: 120,
        onChange: (r) => {
          if (r.qr && !due && r.state === 'WAITING') {
            paidAt = clock.now() + payAfterMs[next]!;
            due = { outTradeNo: r.outTradeNo, atMs: paidAt };
          }
        },
      });
      const delays: number[] = [];
      let queries = 0;
      let waitedMs = 0;
      for (next = 0; next < customers; next++) {
        const start = clock.now();
        const r = await checkout.qr.start({ amount: '9.99' });
        const end = clock.now();
        if (r.status !== 'SUCCESS') throw new Error(`customer ${next} ended ${r.status}`);
        delays.push(end - paidAt);
        queries += r0.queries(r.outTradeNo);
        waitedMs += end - start;
      }
      delays.sort((a, b) => a - b);
      const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
      console.log(`  ${provider.padEnd(7)} ${s.name.padEnd(22)} mean ${f(mean / 1000)} s   max ${f(delays.at(-1)! / 1000)} s   queries/payment ${f(queries / customers, 1)}   queries/s ${f(queries / (waitedMs / 1000))}`);
      journal.close();
      await r0.close();
    }
    console.log('  (goal: mean < 0.6 s at no more than ~1 query/s)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
