// Shared set-up for the WeChat tests: the WeChat training gateway on an ephemeral port with its
// store in a fresh temp dir, and the real WeChat adapter pointed at it over loopback HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { WechatGateway, type WechatGatewayOptions } from '../../../app/gateway/wechat/WechatGateway.ts';
import {
  TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, WECHAT_CODE_TABLE, loadWechatTrainingKeys, startWechatTrainingGateway,
  type WechatTrainingGateway, type WechatTrainingGatewayOptions,
} from '../../../app/gateway/wechat/training/index.ts';

export const keys = loadWechatTrainingKeys();

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-gw-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startSim(o: Partial<WechatTrainingGatewayOptions> = {}): Promise<WechatTrainingGateway> {
  const sim = await startWechatTrainingGateway({ storePath: join(tempDir(), 'wechat-gateway.db'), paysAfterMs: 400, slowAnswerMs: 1500, ...o });
  cleanups.push(() => sim.close());
  return sim;
}

export function adapter(url: string, o: Partial<WechatGatewayOptions> = {}): WechatGateway {
  return new WechatGateway({
    mchId: TRAINING_MCH_ID,
    appId: TRAINING_APP_ID,
    baseUrl: url,
    privateKey: keys.merchantPrivateKey,
    certSerialNo: TRAINING_CERT_SERIAL,
    wechatPayPublicKey: keys.wechatPayPublicKey,
    wechatPayPublicKeyId: TRAINING_PUB_KEY_ID,
    storeId: 'S01',
    deviceId: 'T01',
    requestTimeoutMs: 5000,
    training: true,
    ...o,
  });
}

export function manualClock(startMs = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function wxCode(suffix: string): string {
  const row = WECHAT_CODE_TABLE.find((r) => r.suffix === suffix);
  if (!row) throw new Error(`no WeChat code table row ${suffix}`);
  return row.example;
}

let serial = 0;
export function outTradeNo(): string {
  serial += 1;
  return `TW${process.pid}${Date.now()}${serial}`.slice(0, 32);
}
