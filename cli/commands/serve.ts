// `pos serve`: browser mode. The till's core behind the same PosBridge as Electron, over a
// WebSocket on 127.0.0.1, with the built renderer. The printed cashier address opens one screen,
// once (docs/security.md item 1); when it has been used a fresh one is printed for the next time.
// Runs until SIGINT/SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BrowserServer } from '../../app/browser/BrowserServer.ts';
import { PosError } from '../../app/common/errors.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { customerGreeting } from '../../app/host/customerNow.ts';
import { createReceiptPrinter } from '../../app/printing/receiptPrinter.ts';
import { ScannerLink, reloadScannerOnSettings } from '../../app/scanner/ScannerLink.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { nativeScanSources } from '../../native/scanner/nativeScanSources.ts';
import { loadConfig, type ResolvedConfig } from '../../app/config/config.ts';
import { parse, refuse } from '../common.ts';
import type { CliIO } from '../io.ts';
import type * as Vite from 'vite';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
export const DEFAULT_SERVE_PORT = 8960;

function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SERVE_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new PosError('INVALID_ARGUMENT', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  return Number(text);
}

function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds dist/renderer with Vite when it is missing (a fresh checkout). */
async function ensureRenderer(io: CliIO): Promise<boolean> {
  if (existsSync(join(RENDERER_DIR, 'index.html')) && existsSync(join(RENDERER_DIR, 'customer.html'))) return true;
  io.err(`the screen is not built yet (${RENDERER_DIR}); building it with Vite…\n`);
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    io.err('Vite is not installed here (a production install?). Build the screen on a development machine with `npx vite build` and copy dist/renderer over.\n');
    return false;
  }
  try {
    await vite.build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    return true;
  } catch (e) {
    io.err(`building the screen failed: ${(e as Error).message}\nRun \`npx vite build\` in ${ROOT} to see why.\n`);
    return false;
  }
}

function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Longest the till waits, on stop, for a payment it is cancelling (Checkout: 4 cancels 2 s apart). */
const STOP_WAIT_MS = 15_000;

/** A stop while the customer is confirming is a cancel, not an abandoned payment (field-notes.md item 4). */
export async function settleActivePayment(host: Pick<TillHost, 'till'>, io: CliIO): Promise<void> {
  const active = host.till.checkout.activeOutTradeNo;
  if (!active) return;
  io.err(`payment ${active} is in progress: cancelling it at the gateway before stopping…\n`);
  // Journaled as the till's stop, not the cashier's Esc (try.md item 6: a QR was blamed on the cashier).
  host.till.checkout.requestCancel(active, 'stopped');
  const until = Date.now() + STOP_WAIT_MS;
  while (host.till.checkout.activeOutTradeNo && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (host.till.checkout.activeOutTradeNo) io.err(`payment ${active} is not settled yet; the next start settles it before taking a payment\n`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let port: number;
  let config: ResolvedConfig;
  try {
    const { values } = parse(argv, { port: { type: 'string' }, 'data-dir': { type: 'string' } });
    port = portOf(values.port);
    config = loadConfig(values.config);
    const dataDir = values['data-dir'];
    if (dataDir !== undefined) {
      if (dataDir.trim() === '') throw new PosError('INVALID_ARGUMENT', '--data-dir must not be empty');
      config = { ...config, dataDir: resolve(dataDir) };
    }
  } catch (e) {
    return refuse(io, false, e);
  }
  if (!(await ensureRenderer(io))) return 1;

  let server: BrowserServer;
  try {
    server = await BrowserServer.start({
      rootDir: RENDERER_DIR,
      port,
      // Printed on this terminal only, which is the operator's: whoever reads it may open the till.
      onLaunchUsed: () => io.out(`the cashier's address was used (it opens one screen, once); to open the till again:\n  ${server.url}\n`),
      onUnexpected: (e) => io.err(`unexpected: ${(e as Error)?.stack ?? String(e)}\n`),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `port ${port} is in use on 127.0.0.1; choose another with --port N (0 picks a free one)\n` : `cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    return 1;
  }
  const host: TillHost = new TillHost({
    config,
    box: filePermissionBox,
    push: server.push,
    version: version(),
    customerDisplayUrl: server.customerUrl,
    printReceipt: createReceiptPrinter({
      till: () => host.till,
      printer: () => host.settings.read().printer,
      // Loaded on the first print: the serial and USB bindings are not needed to take a payment.
      openTransport: async (url) => (await import('../../native/printer/openPrinter.ts')).openPrinter(url),
    }),
    onUnexpected: (e) => io.err(`unexpected: ${(e as Error)?.stack ?? String(e)}\n`),
  });
  const signalled = untilSignalled();
  try {
    await host.open();
  } catch (e) {
    await server.close();
    return refuse(io, false, e);
  }
  // HID and serial scanners are read here and pushed to the screen, as in the Electron shell.
  const scanner = new ScannerLink({ makers: nativeScanSources, push: server.push, isPaymentInProgress: () => host.till.checkout.activeOutTradeNo !== undefined });
  const useScanner = () => scanner.use(host.settings.read().scanner);
  await useScanner();
  // A customer display that connects later is told at once what it shows now (issue 9 item 15).
  server.attach(reloadScannerOnSettings(host.handlers, () => host.settings.read().scanner, useScanner), customerGreeting(() => host.customerView()));
  const training = host.till.training;
  io.out([
    `the till (browser mode) is at:`,
    `  ${server.url}`,
    `customer display (open on the second screen; it can only watch):`,
    `  ${server.customerUrl}`,
    `data folder ${config.dataDir}; keys kept with file permissions (no OS keychain without Electron)`,
    training ? 'TRAINING MODE 培训模式 — no real money moves (no Alipay credentials configured)' : 'LIVE: payments charge real money',
    'Ctrl+C stops it.',
    '',
  ].join('\n'));
  const signal = await signalled;
  await settleActivePayment(host, io);
  server.attach(undefined);
  await scanner.stop();
  await server.close();
  await host.close();
  io.out(`the till stopped (${signal})\n`);
  return 0;
}
