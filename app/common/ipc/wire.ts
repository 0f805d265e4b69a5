// Browser mode's WebSocket packets, shared by the server (app/browser) and the page's bridge
// (renderer/browserBridge.ts) so both sides speak one definition. Every packet is tagged; the
// server validates what it receives with zod (app/browser/wire.ts), the page ignores unknown tags.
import type { Channel, PushEvent, Result } from './contract.ts';

export type CallPacket = { type: 'call'; id: number | string; channel: Channel; req: unknown };

export type ServerMessage =
  | { type: 'result'; id: number | string; result: Result<unknown> }
  | { type: 'push'; event: PushEvent; payload: unknown }
  /** Sent just before the till closes a socket that broke the protocol. */
  | { type: 'rejected'; reason: string };
