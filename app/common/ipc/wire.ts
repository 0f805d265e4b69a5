// Browser mode's WebSocket packets, shared by the server (app/browser) and the page's bridge
// (renderer/browserBridge.ts) so both sides speak one definition. Every packet is tagged; the
// server validates what it receives with zod (app/browser/wire.ts), the page ignores unknown tags.
import type { ScreenRole } from './channels.ts';
import type { Channel, PushEvent, Result } from './contract.ts';

export type CallPacket = { type: 'call'; id: number | string; channel: Channel; req: unknown };

/** Which push events this screen wants (the server also filters by the screen's role). */
export type SubscribePacket = { type: 'subscribe'; events: PushEvent[] };

export type ServerMessage =
  | { type: 'result'; id: number | string; result: Result<unknown> }
  | { type: 'push'; event: PushEvent; payload: unknown }
  /** The first message on a socket opened with a launch token: the secret later sockets present. */
  | { type: 'session'; secret: string; role: ScreenRole }
  /** Sent just before the till closes a socket that broke the protocol. */
  | { type: 'rejected'; reason: string };
