// Who may talk to browser mode: only a page on this machine that was opened with this launch's
// token. The token arrives once in the address `pos serve` prints. The socket (which can take
// payments) needs the token itself, presented as a WebSocket subprotocol by the page, which keeps
// it in sessionStorage (app/common/ipc/launchToken.ts). An HttpOnly SameSite=Strict cookie only
// gates the static files: cookies are not separated by port, so another local service opened in the
// same browser would receive it, and it must not be enough to drive the till. Host and Origin are
// checked as well: a DNS-rebinding page reaches 127.0.0.1 under its own host name.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PROTOCOL_PREFIX } from '../common/ipc/launchToken.ts';

/** 256 bits, URL-safe: fresh for every launch, never written to disk. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The subprotocol offered on a WebSocket upgrade that presents this launch's token, or undefined.
 * Every offered value is compared, each in constant time.
 */
export function tokenProtocolOffered(expected: string, req: IncomingMessage): string | undefined {
  let found: string | undefined;
  for (const offered of offeredProtocols(req)) {
    const given = offered.startsWith(TOKEN_PROTOCOL_PREFIX) ? offered.slice(TOKEN_PROTOCOL_PREFIX.length) : '';
    if (sameToken(expected, given)) found = offered;
  }
  return found;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** The port is part of the name: two tills on one machine must not overwrite each other's cookie. */
export function cookieName(port: number): string {
  return `till_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}
