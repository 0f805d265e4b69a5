// The OS printer's print function (main/printer/OsPrinterTransport.ts takes it as a parameter): the
// receipt's HTML is loaded into a hidden window with JavaScript off and printed silently at the
// paper's exact page size, then the window is destroyed.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { SilentPrint } from './printer/OsPrinterTransport.ts';
import type { PrintWindowPort } from './ports.ts';

export type PrintWindowFactory = new (options: BrowserWindowConstructorOptions) => PrintWindowPort;

/** Some drivers never call back when the spooler is stuck; a receipt that has not printed by then has failed. */
export const PRINT_TIMEOUT_MS = 30_000;

export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
};

export function createSilentPrint(BrowserWindow: PrintWindowFactory, printTimeoutMs: number = PRINT_TIMEOUT_MS): SilentPrint {
  return async ({ html, options }) => {
    const win = new BrowserWindow(PRINT_WINDOW_OPTIONS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await new Promise<{ success: boolean; failureReason?: string }>((resolve) => {
        timer = setTimeout(() => resolve({ success: false, failureReason: `the OS printer did not answer within ${printTimeoutMs} ms` }), printTimeoutMs);
        win.webContents.print(options, (success, failureReason) => resolve(success ? { success } : { success, failureReason }));
      });
    } finally {
      clearTimeout(timer);
      win.destroy();
    }
  };
}
