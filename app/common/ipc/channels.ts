// The allowlist both bridges are built from: a channel not listed here cannot be called.
import type { Channel, PushEvent } from './contract.ts';

export const CHANNELS = [
  'pos:till:info',
  'pos:payment:start',
  'pos:payment:cancel',
  'pos:payment:query',
  'pos:payment:active',
  'pos:payment:resolve',
  'pos:payment:list',
  'pos:payment:detail',
  'pos:refund:start',
  'pos:report:day',
  'pos:settings:get',
  'pos:settings:set',
  'pos:receipt:print',
] as const satisfies readonly Channel[];

export const PUSH_EVENTS = ['pos:payment:changed', 'pos:scanner:scanned', 'pos:scanner:status'] as const satisfies readonly PushEvent[];

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
