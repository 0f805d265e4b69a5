// The allowlist both bridges are built from: a channel not listed here cannot be called.
import type { Channel, PushEvent } from './contract.ts';

export const CHANNELS = [
  'pos:till:info',
  'pos:payment:start',
  'pos:payment:cancel',
  'pos:payment:qr',
  'pos:payment:query',
  'pos:payment:active',
  'pos:payment:current',
  'pos:payment:resolve',
  'pos:payment:list',
  'pos:payment:detail',
  'pos:refund:start',
  'pos:report:day',
  'pos:settings:get',
  'pos:settings:set',
  'pos:receipt:print',
  'pos:sync:status',
  'pos:report:shift',
  'pos:report:close',
  'pos:report:print',
  'pos:receipt:preview',
  'pos:till:status',
  'pos:reconcile:day',
  'pos:cashier:current',
  'pos:cashier:signIn',
  'pos:cashier:signOut',
] as const satisfies readonly Channel[];

export const PUSH_EVENTS = ['pos:payment:changed', 'pos:scanner:scanned', 'pos:scanner:status', 'pos:customer:changed', 'pos:cashback:changed', 'pos:customer:cashback', 'pos:cashier:changed'] as const satisfies readonly PushEvent[];

/**
 * Who is on the other end of a bridge (docs/security.md item 2): the cashier's screen may call
 * everything; the customer display is turned towards the public and may call nothing.
 */
export type ScreenRole = 'cashier' | 'customer';

/** Which screens hear each push (items 2 and 11): scans and full payment views never reach the customer display. */
export const PUSH_AUDIENCE: { readonly [E in PushEvent]: readonly ScreenRole[] } = {
  'pos:payment:changed': ['cashier'],
  'pos:scanner:scanned': ['cashier'],
  'pos:scanner:status': ['cashier'],
  'pos:customer:changed': ['customer'],
  'pos:cashback:changed': ['cashier'],
  'pos:customer:cashback': ['customer'],
  'pos:cashier:changed': ['cashier'],
};

export function mayHear(role: ScreenRole, event: string): boolean {
  return (PUSH_AUDIENCE as Record<string, readonly ScreenRole[] | undefined>)[event]?.includes(role) ?? false;
}

// Compile-time check that CHANNELS lists every channel of the contract.
type Missing = Exclude<Channel, (typeof CHANNELS)[number]>;
export const CHANNELS_COMPLETE: Missing extends never ? true : Missing = true;

/** Splits 'pos:payment:start' into ['payment', 'start']. */
export function methodOf(channel: Channel): [domain: string, verb: string] {
  const [, domain, verb] = channel.split(':');
  return [domain!, verb!];
}

/** Builds a PosBridge-shaped object from any transport's `call(channel, req)`. */
export function buildBridgeMethods(call: (channel: Channel, req: unknown) => Promise<unknown>): Record<string, Record<string, (req?: unknown) => Promise<unknown>>> {
  const bridge: Record<string, Record<string, (req?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = methodOf(channel);
    (bridge[domain] ??= {})[verb] = (req?: unknown) => call(channel, req ?? {});
  }
  return bridge;
}
