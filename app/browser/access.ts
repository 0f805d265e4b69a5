// Who may talk to browser mode (docs/security.md items 1 and 2): only a page on this machine that
// holds a credential this launch handed out. The printed address carries a launch token in its
// fragment; the page's first socket offers it once and gets a session secret back; later sockets
// offer the secret (app/common/ipc/launchToken.ts). Each credential carries a role: the cashier's
// screen, or the customer display (read-only pushes, no calls). No cookie carries anything: cookies
// are not separated by port, so another local service opened in the same browser would receive it
// (issue 10 item 1: a page on another port refunded ¥8.88 with the cookie alone). Host and Origin
// are checked as well: a DNS-rebinding page reaches 127.0.0.1 under its own host name.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ScreenRole } from '../common/ipc/channels.ts';
import { LAUNCH_PROTOCOL_PREFIX, SESSION_PROTOCOL_PREFIX } from '../common/ipc/launchToken.ts';

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

/** What an upgrade presented, once recognised: which subprotocol to name back, and who it is. */
export type Presented =
  | { kind: 'launch'; protocol: string; token: string; role: ScreenRole }
  | { kind: 'session'; protocol: string; secret: string; role: ScreenRole };

type Launch = { role: ScreenRole; singleUse: boolean };

/**
 * Cashier launch tokens waiting to be used. A printed address that is never opened must not pile up
 * credentials: past this many, the oldest is forgotten.
 */
const MAX_UNUSED_LAUNCHES = 32;

/** The credentials of one launch, in memory only: a restart of `pos serve` invalidates all of them. */
export class Credentials {
  readonly #launches = new Map<string, Launch>();
  readonly #sessions = new Map<string, ScreenRole>();

  /** A new launch token for `role`. The cashier's is single-use; see docs/security.md for the display's. */
  issueLaunch(role: ScreenRole, singleUse = role === 'cashier'): string {
    const token = newToken();
    this.#launches.set(token, { role, singleUse });
    for (const [t, l] of this.#launches) {
      if (this.#launches.size <= MAX_UNUSED_LAUNCHES) break;
      if (l.singleUse) this.#launches.delete(t);
    }
    return token;
  }

  /** What the upgrade offers, if any offered subprotocol is a live credential. Nothing is consumed yet. */
  recognise(req: IncomingMessage): Presented | undefined {
    let found: Presented | undefined;
    for (const offered of offeredProtocols(req)) {
      if (offered.startsWith(LAUNCH_PROTOCOL_PREFIX)) {
        const given = offered.slice(LAUNCH_PROTOCOL_PREFIX.length);
        for (const [token, l] of this.#launches) if (sameToken(token, given)) found = { kind: 'launch', protocol: offered, token, role: l.role };
      } else if (offered.startsWith(SESSION_PROTOCOL_PREFIX)) {
        const given = offered.slice(SESSION_PROTOCOL_PREFIX.length);
        for (const [secret, role] of this.#sessions) if (sameToken(secret, given)) found = { kind: 'session', protocol: offered, secret, role };
      }
    }
    return found;
  }

  /**
   * Spends a launch token and returns the session secret that replaces it, or undefined when the
   * token was already spent (a second page racing the first with the same address).
   */
  exchange(token: string): { secret: string; role: ScreenRole } | undefined {
    const l = this.#launches.get(token);
    if (!l) return undefined;
    if (l.singleUse) this.#launches.delete(token);
    const secret = newToken();
    this.#sessions.set(secret, l.role);
    return { secret, role: l.role };
  }
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}
