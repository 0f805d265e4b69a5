// Loading what the screen needs to know about the till, and following its pushes.
import { bridge, onConnection } from '../bridge.ts';
import { setLanguage } from '../ui/uiStore.ts';
import { tillStore } from './tillStore.ts';

export async function refreshTillInfo(): Promise<void> {
  const r = await bridge().till.info({});
  if (r.ok) tillStore.setState({ info: r.data });
}

/** The saved language becomes the screen's at start; F4 changes it for this session only. */
export async function loadSavedLanguage(): Promise<void> {
  const r = await bridge().settings.get({});
  if (r.ok) setLanguage(r.data.language);
}

/** Tracks the bridge's connection; `onReconnect` runs each time it comes back after a loss. */
export function followConnection(onReconnect: () => void): () => void {
  let wasLost = false;
  return onConnection((c) => {
    tillStore.setState({ connection: c });
    if (c === 'lost') wasLost = true;
    if (c === 'open' && wasLost) {
      wasLost = false;
      onReconnect();
    }
  });
}

export function followScanner(): () => void {
  return bridge().on('pos:scanner:status', (status) => tillStore.setState({ scanner: status }));
}
