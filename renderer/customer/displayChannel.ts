// The cashier's screen tells the customer display what to show before the core knows of a payment
// (the amount being typed, "show your code"). Both pages come from the same origin (browser mode,
// or Electron's app://), so a BroadcastChannel carries it; once a payment exists, the display also
// follows the core's own pushes, which reach a display on another machine too.
import { isDisplay, type Display } from './display.ts';

export const DISPLAY_CHANNEL = 'till-customer-display';

export function openDisplayChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(DISPLAY_CHANNEL) : null;
}

export function onDisplay(channel: BroadcastChannel | null, listener: (d: Display) => void): () => void {
  if (!channel) return () => {};
  const onMessage = (e: MessageEvent) => {
    if (isDisplay(e.data)) listener(e.data);
  };
  channel.addEventListener('message', onMessage);
  return () => channel.removeEventListener('message', onMessage);
}

/** What a display that has just opened sends: the cashier's page answers with what to show now. */
export const HELLO = { type: 'till-customer-display-hello' } as const;

export function isHello(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === HELLO.type;
}
