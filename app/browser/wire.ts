// Browser mode's WebSocket messages (design.md "Browser mode"; model-codebases.md practice 12:
// every packet is tagged and an unknown tag is refused). The screen sends calls; the till answers
// each with its Result envelope and pushes events to every screen.
import { z } from 'zod';

export const CallMessage = z.object({
  type: z.literal('call'),
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  channel: z.string().max(64),
  req: z.unknown(),
}).strict();

/** The push events a screen wants; the server keeps only those its role may hear. */
export const SubscribeMessage = z.object({
  type: z.literal('subscribe'),
  events: z.array(z.string().max(64)).max(16),
}).strict();

export const ClientMessage = z.discriminatedUnion('type', [CallMessage, SubscribeMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type { ServerMessage } from '../common/ipc/wire.ts';

/** WebSocket close codes (RFC 6455 §7.4.1). */
export const CLOSE = { unsupportedData: 1003, invalidPayload: 1007, policyViolation: 1008, goingAway: 1001 } as const;
