// Browser mode in-process: a TillHost on a throwaway data folder, its training gateway, and the
// browser-mode server in front, the way `pos serve` puts them together.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserServer } from '../../../app/browser/BrowserServer.ts';
import { parseConfig } from '../../../app/config/config.ts';
import { startTrainingGateway, type TrainingGateway } from '../../../app/gateway/training/index.ts';
import { TillHost } from '../../../app/host/TillHost.ts';
import { customerGreeting } from '../../../app/host/customerNow.ts';
import { filePermissionBox } from '../../../app/settings/SecretBox.ts';
import { createReceiptPrinter } from '../../../app/printing/receiptPrinter.ts';
import { openPrinter } from '../../../native/printer/openPrinter.ts';
import { shopLogoPng } from '../../helpers/logoPng.ts';

/** A gateway address where nothing listens: every request fails before it is answered. */
export const REFUSING_GATEWAY = 'http://127.0.0.1:9/gateway.do';

export type TillServer = {
  dir: string;
  server: BrowserServer;
  sim: TrainingGateway;
  host: TillHost;
  /** Closes the host and opens a new one on the same data folder (a restart of the core). */
  restartHost(o?: { gateway?: string; holdPushesUntilOpen?: boolean; shopLogo?: boolean }): Promise<void>;
  close(): Promise<void>;
};

export async function startTillServer(o: { rendererDir: string; gateway?: 'sim' | 'refusing'; /** The test shop's logo on the customer display (default on; off: the name's first character). */ shopLogo?: boolean; paysAfterMs?: number; waitSeconds?: number; qrTimeoutSeconds?: number; screen?: { resultGuardMs?: number; confirmAboveYuan?: string | null }; /** Cashier sign-in (issue 12): off unless given. */ cashiers?: { ask?: boolean; list?: Array<{ id: string; name?: string }> } }): Promise<TillServer> {
  const dir = mkdtempSync(join(tmpdir(), 'till-e2e-'));
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: o.paysAfterMs ?? 800 });
  const server = await BrowserServer.start({ rootDir: o.rendererDir, onUnexpected: (e) => console.error(e) });
  writeFileSync(join(dir, 'shop-logo.png'), shopLogoPng());
  let withLogo = o.shopLogo ?? true;
  const configFor = (gateway: string) => parseConfig({ dataDir: dir, shop: { name: '测试便利店', ...(withLogo ? { logoPath: 'shop-logo.png' } : {}) }, alipay: { gateway }, payment: { waitSeconds: o.waitSeconds ?? 5, pollIntervalMs: 200, requestTimeoutMs: 2000, ...(o.qrTimeoutSeconds ? { qrTimeoutSeconds: o.qrTimeoutSeconds } : {}) }, ...(o.screen ? { screen: o.screen } : {}), ...(o.cashiers ? { cashiers: o.cashiers } : {}) }, dir);
  let live = true;
  const open = async (gateway: string) => {
    // Prints on whatever printer the settings name (a test sets one up through settings.json).
    const printReceipt = createReceiptPrinter({ till: () => host.till, printer: () => host.settings.read().printer, openTransport: async (url) => openPrinter(url) });
    const host: TillHost = new TillHost({ printReceipt, config: configFor(gateway), box: filePermissionBox, push: (e, p) => live && server.push(e, p), version: 'e2e', customerDisplayUrl: server.customerUrl, onUnexpected: (e) => console.error(e) });
    await host.open();
    server.attach(host.handlers, customerGreeting(() => host.customerView()));
    return host;
  };
  const t: TillServer = {
    dir,
    server,
    sim,
    host: await open(o.gateway === 'refusing' ? REFUSING_GATEWAY : sim.url),
    async restartHost(r = {}) {
      server.attach(undefined);
      await t.host.close();
      // Held back while the new host runs its start-up recovery, so the screen's resolve action,
      // not that pass, is what the test sees settling the payment.
      live = !r.holdPushesUntilOpen;
      if (r.shopLogo !== undefined) withLogo = r.shopLogo;
      t.host = await open(r.gateway ?? sim.url);
      live = true;
    },
    async close() {
      await server.close();
      await t.host.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}
