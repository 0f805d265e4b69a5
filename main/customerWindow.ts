// The customer display: the amount and the payment's progress, full screen on a second monitor
// turned towards the customer. With one monitor there is none; the cashier's screen says it all.
import { customerPageUrl } from './protocol.ts';
import type { BrowserWindowFactory, BrowserWindowPort, DisplayPort, ScreenPort } from './ports.ts';
import { openTillWindow, type LoadHooks, type WindowOptions } from './window.ts';

/** The first display that is not the primary one (where the cashier's window opens). */
export function customerDisplay(screen: ScreenPort): DisplayPort | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
}

export function openCustomerWindow(BrowserWindow: BrowserWindowFactory, screen: ScreenPort, o: WindowOptions, hooks: LoadHooks): BrowserWindowPort | null {
  const display = customerDisplay(screen);
  if (!display) return null;
  return openTillWindow(BrowserWindow, { ...o, url: customerPageUrl, title: '顾客显示 Customer display', bounds: display.bounds, kiosk: true }, hooks);
}

/**
 * Each time the display's page has loaded (the first time, and after a reload), it is told what to
 * show now: the training strip, the shop's name and logo, the payment at the counter (issue 9
 * item 15), instead of waiting for the next sale's first push.
 */
export function greetOnEveryLoad(win: BrowserWindowPort, greet: () => void): void {
  win.webContents.on('did-finish-load', () => {
    if (!win.isDestroyed()) greet();
  });
}
