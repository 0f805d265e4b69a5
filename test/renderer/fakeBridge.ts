// A PosBridge for renderer tests: answers from a table of handlers, records every call, and
// lets the test push events as the core would.
import { buildBridgeMethods } from '../../app/common/ipc/channels.ts';
import type { Channel, PosBridge, PushEvent, PushEvents, Req, Res, Result } from '../../app/common/ipc/contract.ts';

export type FakeHandlers = { [K in Channel]?: (req: Req<K>) => Promise<Result<Res<K>>> | Result<Res<K>> };

export type FakeBridge = PosBridge & {
  calls: Array<{ channel: Channel; req: unknown }>;
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
};

export function fakeBridge(handlers: FakeHandlers): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const methods = buildBridgeMethods(async (channel, req) => {
    calls.push({ channel, req });
    if (channel === 'pos:payment:current' && !handlers[channel] && handlers['pos:payment:active']) return currentFrom(await handlers['pos:payment:active']({}));
    const h = handlers[channel] as ((r: unknown) => unknown) | undefined;
    if (!h) return { ok: false, error: { code: 'INTERNAL_ERROR', message: `no fake for ${channel}`, messageZh: channel } };
    return h(req);
  });
  return {
    ...methods,
    calls,
    on(event: string, l: (p: never) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(l as (p: unknown) => void);
      return () => set.delete(l as (p: unknown) => void);
    },
    push(event: string, payload: unknown) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  } as unknown as FakeBridge;
}

const RUNNING = new Set(['CREATED', 'SENT', 'WAITING', 'QUERYING', 'CANCELLING']);

/** Tests written against payment:active: the same answer as payment:current gives it, owned by nobody. */
function currentFrom(r: Result<Res<'pos:payment:active'>>): Result<Res<'pos:payment:current'>> {
  if (!r.ok) return r;
  return { ok: true, data: { active: r.data, running: r.data !== null && RUNNING.has(r.data.state), owner: 'none', last: null } };
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
