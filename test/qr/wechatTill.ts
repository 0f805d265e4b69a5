// A till whose QR codes are WeChat Native orders at the WeChat training gateway over loopback HTTP:
// the real WeChat adapter, a real SQLite journal, the real Checkout (and its QrCheckout).
import { join } from 'node:path';
import { Checkout, type CheckoutOptions } from '../../app/checkout/Checkout.ts';
import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import type { WechatGatewayOptions } from '../../app/gateway/wechat/WechatGateway.ts';
import type { WechatTrainingGateway, WechatTrainingGatewayOptions } from '../../app/gateway/wechat/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { adapter, startSim, tempDir } from '../gateway/wechat/fixture.ts';

export const NOTIFY_URL = 'https://hq.example.com/wechat/notify';

export type WechatQrTill = { sim: WechatTrainingGateway; journal: SqliteJournal; checkout: Checkout; changes: PaymentResult[]; close(): void };

export async function wechatQrTill(o: { sim?: Partial<WechatTrainingGatewayOptions>; gateway?: Partial<WechatGatewayOptions>; checkout?: Partial<CheckoutOptions> } = {}): Promise<WechatQrTill> {
  const sim = await startSim(o.sim);
  const gateway = adapter(sim.url, { notifyUrl: NOTIFY_URL, ...o.gateway });
  const journal = new SqliteJournal(join(tempDir(), 'journal.db'));
  const changes: PaymentResult[] = [];
  const checkout = new Checkout({ journal, gateways: [gateway], pollIntervalMs: 100, cancelRetryDelayMs: 50, qrTimeoutSeconds: 5, onChange: (r) => changes.push(r), ...o.checkout });
  return { sim, journal, checkout, changes, close: () => journal.close() };
}

/** Resolves with the first push that carries the QR code. */
export async function qrShown(changes: PaymentResult[]): Promise<PaymentResult> {
  for (;;) {
    const r = changes.find((c) => c.qr);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
}

export async function scan(qrCode: string): Promise<Record<string, unknown>> {
  const res = await fetch(qrCode, { method: 'POST' });
  if (res.status !== 200) throw new Error(`scan ${qrCode}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

export function routes(sim: WechatTrainingGateway, outTradeNo: string): string[] {
  return sim.requests().filter((r) => r.outTradeNo === outTradeNo).map((r) => r.route);
}
