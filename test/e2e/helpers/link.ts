// The page's link to the till, cut and restored from the test: an init script wraps the page's
// WebSocket so the test can close every open socket (as a dropped network does) and make new ones
// fail until the link is restored. The till itself keeps running, as it does when a cable is out.
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __tillLink?: { down: boolean; drop(): void; restore(): void };
  }
}

function install(): void {
  const Real = window.WebSocket;
  const live: WebSocket[] = [];
  window.__tillLink = {
    down: false,
    drop() {
      this.down = true;
      for (const s of live.splice(0)) s.close();
    },
    restore() {
      this.down = false;
    },
  };
  function Wrapped(url: string | URL, protocols?: string | string[]): unknown {
    if (window.__tillLink!.down) {
      // A socket that never opens: its close comes right after the page has set its handlers.
      const dead = { readyState: 3, send() {}, close() {}, onopen: null, onmessage: null, onerror: null, onclose: null as ((ev: unknown) => void) | null };
      setTimeout(() => dead.onclose?.({ code: 1006 }), 0);
      return dead;
    }
    const s = new Real(url, protocols);
    live.push(s);
    return s;
  }
  Object.assign(Wrapped, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3, prototype: Real.prototype });
  window.WebSocket = Wrapped as unknown as typeof WebSocket;
}

/** Call before the page loads the till. */
export async function controlLink(page: Page): Promise<{ drop(): Promise<void>; restore(): Promise<void> }> {
  await page.addInitScript(install);
  return {
    drop: () => page.evaluate(() => window.__tillLink!.drop()),
    restore: () => page.evaluate(() => window.__tillLink!.restore()),
  };
}
