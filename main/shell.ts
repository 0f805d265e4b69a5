// The Electron composition root: everything main does, given the Electron pieces as parameters so
// test/main/shell.test.ts can run it with fakes. main/index.ts is the only caller with real ones.
// Order matters: the scheme is registered and the single-instance lock taken before the app is
// ready; the session is locked down before the first window exists.
import { join } from 'node:path';
import { PosError } from '../app/common/errors.ts';
import { loadConfig } from '../app/config/config.ts';
import { TillHost } from '../app/host/TillHost.ts';
import { nativeConfirm } from './confirmDialog.ts';
import { greetOnEveryLoad, openCustomerWindow } from './customerWindow.ts';
import { nativeScanSources, openPrinterTransport } from './hardware.ts';
import type { ScreenRole } from '../app/common/ipc/channels.ts';
import { createPush, registerIpc } from './ipc.ts';
import type { AppPort, BrowserWindowFactory, BrowserWindowPort, DialogPort, IpcMainPort, SafeStoragePort, SchemeRegistryPort, ScreenPort, SessionPort } from './ports.ts';
import { APP_SCHEME, createAppProtocolHandler, mainPageUrl, registerAppScheme } from './protocol.ts';
import { createReceiptPrinter } from '../app/printing/receiptPrinter.ts';
import { ScannerLink, reloadScannerOnSettings, type ScanSourceMakers } from '../app/scanner/ScannerLink.ts';
import { safeStorageBox } from './secretBox.ts';
import { createSilentPrint, type PrintWindowFactory } from './silentPrint.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { focusWindow, lockDownSession, lockDownWebContents, openTillWindow, type LoadHooks } from './window.ts';

export type ElectronPieces = {
  app: AppPort;
  BrowserWindow: BrowserWindowFactory & PrintWindowFactory;
  dialog: DialogPort;
  ipcMain: IpcMainPort;
  protocol: SchemeRegistryPort;
  safeStorage: SafeStoragePort;
  screen: ScreenPort;
  /** The session module: defaultSession exists only once the app is ready. */
  session: { readonly defaultSession: SessionPort };
};

export type ShellOptions = {
  /** dist/: preload.cjs and renderer/ as scripts/build-electron.ts and the renderer build leave them. */
  distDir: string;
  /** Where the configuration and the data folder are looked for. */
  workDir: string;
  configPath: string | undefined;
  scanSources?: ScanSourceMakers;
  log?: (message: string) => void;
};

export type Shell = {
  host: TillHost;
  scanner: ScannerLink;
  mainWindow: BrowserWindowPort;
  customerWindow: BrowserWindowPort | null;
  /** The webContents ids whose calls IPC accepts. */
  tillWebContents(): number[];
};

/** Starts the till, or returns null when another till already runs on this machine. */
export async function startShell(e: ElectronPieces, o: ShellOptions): Promise<Shell | null> {
  const log = o.log ?? ((m: string) => console.error(m));
  registerAppScheme(e.protocol);
  let mainWindow: BrowserWindowPort | null = null;
  if (!claimSingleInstance(e.app, () => focusWindow(mainWindow))) return null;
  e.app.on('web-contents-created', (_event, wc) => lockDownWebContents(wc));

  await e.app.whenReady();
  const session = e.session.defaultSession;
  lockDownSession(session);
  session.protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(o.distDir, 'renderer') }));

  // Each window the shell opens, with its role: the customer display's webContents may only watch.
  const windows = new Map<BrowserWindowPort, ScreenRole>();
  const push = createPush(() => [...windows].map(([w, role]) => ({ webContents: w.webContents, role })));
  const silentPrint = createSilentPrint(e.BrowserWindow);
  let host: TillHost | undefined;
  const till = () => {
    if (!host) throw new PosError('INTERNAL_ERROR', 'the till is not open');
    return host.till;
  };
  const printReceipt = createReceiptPrinter({
    till,
    printer: () => host!.settings.read().printer,
    openTransport: (url) => openPrinterTransport(url, silentPrint),
  });
  try {
    host = new TillHost({
      config: loadConfig(o.configPath, o.workDir),
      box: safeStorageBox(e.safeStorage),
      push,
      version: e.app.getVersion(),
      // The customer window is opened by main on a second monitor, not from a link.
      customerDisplayUrl: null,
      printReceipt,
      // Credentials change only after main's own dialog says yes (docs/security.md item 3).
      confirm: nativeConfirm(e.dialog),
      onUnexpected: (error) => log(`till: unexpected error: ${(error as Error)?.stack ?? String(error)}`),
    });
    await host.open();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    e.dialog.showErrorBox('收银台无法启动 The till cannot start', message);
    e.app.quit();
    throw error;
  }
  const opened = host;

  const isPaymentInProgress = () => {
    try {
      return Boolean(opened.till.checkout.activeOutTradeNo);
    } catch {
      // The till is being reopened after a settings change: no scan may start a payment now.
      return true;
    }
  };
  const scanner = new ScannerLink({ makers: o.scanSources ?? nativeScanSources, push, isPaymentInProgress });
  const useScanner = () => scanner.use(opened.settings.read().scanner);
  const handlers = reloadScannerOnSettings(opened.handlers, () => opened.settings.read().scanner, useScanner);
  const tillWebContents = () => [...windows.keys()].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id);
  const roleOf = (id: number): ScreenRole | undefined => {
    for (const [w, role] of windows) if (!w.isDestroyed() && w.webContents.id === id) return role;
    return undefined;
  };
  registerIpc({
    ipcMain: e.ipcMain,
    handlers,
    roleOf,
    onRefused: (channel, why) => log(`ipc: refused ${channel}: ${why}`),
    onUnexpected: (error) => log(`ipc: unexpected error: ${(error as Error)?.stack ?? String(error)}`),
  });

  const windowOptions = { preloadPath: join(o.distDir, 'preload.cjs'), devTools: !e.app.isPackaged };
  const hooks: LoadHooks = {
    onLoaded: () => scanner.announce(),
    onLoadFailed: (error) => log(`window: the page did not load (${(error as Error)?.message ?? String(error)}); is the renderer built into ${join(o.distDir, 'renderer')}? Run npm run build`),
  };
  const track = (w: BrowserWindowPort | null, role: ScreenRole) => {
    if (!w) return;
    windows.set(w, role);
    w.on('closed', () => windows.delete(w));
  };
  mainWindow = openTillWindow(e.BrowserWindow, { ...windowOptions, url: mainPageUrl, title: '收银台 The Till' }, hooks);
  track(mainWindow, 'cashier');
  const customerWindow = openCustomerWindow(e.BrowserWindow, e.screen, windowOptions, hooks);
  track(customerWindow, 'customer');
  if (customerWindow) {
    greetOnEveryLoad(customerWindow, () => {
      const view = opened.customerView();
      if (view) push('pos:customer:changed', view);
    });
  }
  // The customer display has no controls: it goes when the cashier's window goes.
  mainWindow.on('closed', () => {
    if (customerWindow && !customerWindow.isDestroyed()) customerWindow.destroy();
  });

  e.app.on('window-all-closed', () => e.app.quit());
  e.app.on('before-quit', () => {
    // close() shuts the journal synchronously before its first await, so it is done even if the
    // process exits before the rest settles.
    void opened.close();
    void scanner.stop();
  });
  await useScanner();
  return { host: opened, scanner, mainWindow, customerWindow, tillWebContents };
}
