// The one module that touches `window.pos` (model-codebases.md practice 13): Electron's preload
// provides it; in browser mode nothing does, so the WebSocket bridge is installed in its place.
// Components and stores get the bridge from here and never from the window.
import type { PosBridge } from '../app/common/ipc/contract.ts';
import { createBrowserBridge, pageCredential, socketUrlFor, webServerAnswers, type BrowserBridge, type Connection } from './browserBridge.ts';

declare global {
  interface Window {
    pos?: PosBridge;
  }
}

let browser: BrowserBridge | undefined;
let presented: () => 'launch' | 'session' | 'none' = () => 'none';

/** What this page offered the till last (browser mode): says why a refused page was refused. */
export function presentedCredential(): 'launch' | 'session' | 'none' {
  return presented();
}

export function bridge(): PosBridge {
  if (window.pos) return window.pos;
  // Both pages (the cashier's and the customer display) come through here, each with the launch
  // token its address carried; the till tells them apart by it.
  const credential = pageCredential({ location: window.location, history: window.history, storage: sessionStorageOrNull() });
  presented = credential.kind;
  browser = createBrowserBridge({ url: socketUrlFor(window.location), protocols: credential.protocols, onSession: credential.onSession, tillAnswers: webServerAnswers(window.location) });
  window.pos = browser;
  return browser;
}

/** Reading window.sessionStorage throws where storage is disabled. */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The bridge where one can exist: a customer display opened from app:// without a preload has
 * none, and shows what the cashier's page tells it instead.
 */
export function optionalBridge(): PosBridge | null {
  if (window.pos) return window.pos;
  return window.location.protocol === 'http:' || window.location.protocol === 'https:' ? bridge() : null;
}

/** Follows the bridge's link to the core; Electron's IPC is always up. */
export function onConnection(listener: (c: Connection) => void): () => void {
  bridge();
  if (!browser) {
    listener('open');
    return () => {};
  }
  listener(browser.connection);
  return browser.onConnection(listener);
}
