// One entry point for both transports (Electron IPC and browser mode's WebSocket): allowlisted
// channel, validated argument, and a Result envelope whatever happens inside.
import { PosError, type ErrorData } from '../common/errors.ts';
import { CHANNELS } from '../common/ipc/channels.ts';
import type { Channel, Req, Res, Result } from '../common/ipc/contract.ts';
import { REQUEST_SCHEMAS } from './schemas.ts';

export type Handlers = { [K in Channel]: (req: Req<K>) => Promise<Res<K>> };

const KNOWN = new Set<string>(CHANNELS);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && KNOWN.has(name);
}

export async function dispatch(handlers: Handlers, channel: unknown, raw: unknown, onUnexpected: (e: unknown) => void = () => {}): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: new PosError('INVALID_ARGUMENT', `unknown channel ${JSON.stringify(channel)?.slice(0, 80)}`).toData() };
  const parsed = REQUEST_SCHEMAS[channel].safeParse(raw ?? {});
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; ');
    return { ok: false, error: new PosError('INVALID_ARGUMENT', `${channel}: ${why}`).toData() };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data) };
  } catch (e) {
    if (e instanceof PosError) return { ok: false, error: e.toData() };
    onUnexpected(e);
    const error: ErrorData = { code: 'INTERNAL_ERROR', message: `Internal error in the till: ${(e as Error)?.message ?? String(e)}`, messageZh: '收银台内部错误' };
    return { ok: false, error };
  }
}
