// Browser mode's launch token as the page and the server pass it (app/browser/access.ts): the
// landing redirect leaves it in the address fragment, which no browser sends to any server; the
// page keeps it in sessionStorage (one origin, so one port) and presents it on every WebSocket.
// A cookie cannot carry it: cookies are not separated by port, so any other service on
// 127.0.0.1 opened in the same browser would receive it.

/** The fragment the landing redirect carries the token in: `/#token=…`. */
export const TOKEN_FRAGMENT_KEY = 'token';

/** The Sec-WebSocket-Protocol value that presents the token: `till.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'till.';

export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}
