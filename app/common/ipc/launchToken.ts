// How a browser-mode page proves who it is (docs/security.md item 1), shared by the server
// (app/browser/access.ts) and the page (renderer/browserBridge.ts).
//
// The address `pos serve` prints carries a single-use launch token in its fragment
// (`/#launch=…`): a fragment is never sent in a request line, so it reaches no server log. The
// page removes it from the address bar at once and offers it, once, as the subprotocol of its first
// WebSocket; the till consumes it and answers with a session secret, which the page keeps in
// memory and sessionStorage (one origin, so one port, one tab) and presents on every later socket.
// No cookie carries either: cookies are not separated by port, so every other service on
// 127.0.0.1 that the browser visits would receive them.

/** The fragment key of the printed address: `/#launch=…`. */
export const LAUNCH_FRAGMENT_KEY = 'launch';

/** Sec-WebSocket-Protocol values: `till.launch.<token>` (once) and `till.session.<secret>`. */
export const LAUNCH_PROTOCOL_PREFIX = 'till.launch.';
export const SESSION_PROTOCOL_PREFIX = 'till.session.';

export function launchProtocol(token: string): string {
  return `${LAUNCH_PROTOCOL_PREFIX}${token}`;
}

export function sessionProtocol(secret: string): string {
  return `${SESSION_PROTOCOL_PREFIX}${secret}`;
}
