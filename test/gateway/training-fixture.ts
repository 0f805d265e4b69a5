// Shared set-up for the training-gateway tests: a gateway on an ephemeral port with its store in a
// fresh temp dir, and the REAL alipay-sdk client pointed at it, as the till uses it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterEach } from 'vitest';
import { CODE_TABLE, loadTrainingKeys, startTrainingGateway, type TrainingGateway, type TrainingGatewayOptions } from '../../app/gateway/training/index.ts';

export const keys = loadTrainingKeys();
export const APP_ID = '2021000000000000';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'training-gateway-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a gateway; it is closed after the test unless the test closed it already. */
export async function startGateway(o: Partial<TrainingGatewayOptions> = {}): Promise<TrainingGateway> {
  const gw = await startTrainingGateway({ storePath: join(tempDir(), 'gateway.db'), ...o });
  let closed = false;
  const close = gw.close;
  gw.close = async () => {
    closed = true;
    await close();
  };
  cleanups.push(async () => {
    if (!closed) await close();
  });
  return gw;
}

/** A settable clock, so time-dependent behaviour is tested without waiting. */
export function manualClock(startMs = Date.UTC(2026, 10, 22, 2, 0, 0)): { now: () => number; advance: (ms: number) => void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

export function till(url: string, o: { privateKey?: string; timeoutMs?: number } = {}): AlipaySdk {
  return new AlipaySdk({
    appId: APP_ID,
    privateKey: o.privateKey ?? keys.tillPrivateKey,
    keyType: 'PKCS8',
    alipayPublicKey: keys.gatewayPublicKey,
    gateway: url,
    timeout: o.timeoutMs ?? 5000,
  });
}

/** The documented example code for a suffix of the code table. */
export function codeFor(suffix: string): string {
  const row = CODE_TABLE.find((r) => r.suffix === suffix);
  if (!row) throw new Error(`no code table row ${suffix}`);
  return row.example;
}

let serial = 0;
export function newOutTradeNo(): string {
  serial += 1;
  return `T${process.pid}_${Date.now()}_${serial}`;
}

export type Answer = Record<string, unknown> & { code: string };

/** Calls a method with validateSign: every answer the tests read has passed the till's signature check. */
export async function call(sdk: AlipaySdk, method: string, bizContent: Record<string, unknown>): Promise<Answer> {
  return (await sdk.exec(method, { bizContent }, { validateSign: true })) as Answer;
}

export function pay(sdk: AlipaySdk, o: { outTradeNo: string; authCode: string; totalAmount?: string }): Promise<Answer> {
  return call(sdk, 'alipay.trade.pay', {
    out_trade_no: o.outTradeNo, scene: 'bar_code', auth_code: o.authCode, product_code: 'FACE_TO_FACE_PAYMENT',
    subject: '培训商品', total_amount: o.totalAmount ?? '12.34', timeout_express: '5m',
  });
}

export const query = (sdk: AlipaySdk, outTradeNo: string) => call(sdk, 'alipay.trade.query', { out_trade_no: outTradeNo });
export const cancel = (sdk: AlipaySdk, outTradeNo: string) => call(sdk, 'alipay.trade.cancel', { out_trade_no: outTradeNo });
