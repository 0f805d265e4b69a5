// Browser mode (design.md "Browser mode"): the built renderer over HTTP and the same PosBridge over
// a WebSocket, on 127.0.0.1 only, to the same handlers Electron's main process serves. The e2e
// tests drive the till through it, and a kiosk browser or a second screen can run the till with it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { PosError } from '../common/errors.ts';
import type { PushEvent, PushEvents, Result } from '../common/ipc/contract.ts';
import { dispatch, type Handlers } from '../ipc/dispatch.ts';
import { TOKEN_FRAGMENT_KEY } from '../common/ipc/launchToken.ts';
import { allowedHosts, allowedOrigins, cookieName, cookieValue, newToken, sameToken, tokenCookie, tokenProtocolOffered } from './access.ts';
import { readStatic } from './staticFiles.ts';
import { CLOSE, ClientMessage, type ServerMessage } from './wire.ts';

export type BrowserServerOptions = {
  /** The built renderer (dist/renderer): index.html, customer.html, assets/, sounds/. */
  rootDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests may fix the token; otherwise a fresh one per launch. */
  token?: string;
  onUnexpected?: (e: unknown) => void;
};

export const WS_PATH = '/ws';
export const CUSTOMER_PATH = '/customer';
/** Settings carry two PEM keys of up to 10,000 characters each (SettingsPatchSchema). */
const MAX_MESSAGE_BYTES = 64 * 1024;

const PAGES: Readonly<Record<string, string>> = { '/': '/index.html', '/index.html': '/index.html', [CUSTOMER_PATH]: '/customer.html', '/customer.html': '/customer.html' };

const NOT_OPEN: Result<never> = {
  ok: false,
  error: new PosError('INTERNAL_ERROR', 'the till is still starting; try again in a moment').toData(),
};

export class BrowserServer {
  readonly token: string;
  readonly #o: BrowserServerOptions;
  readonly #http: Server;
  readonly #ws: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  #handlers: Handlers | undefined;
  #port = 0;

  private constructor(o: BrowserServerOptions) {
    this.#o = o;
    this.token = o.token ?? newToken();
    // The page offers the token as its one subprotocol; a browser fails the handshake unless the
    // server names an offered one back. Only upgrades that presented it get this far (#upgrade).
    this.#ws = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (_offered, req) => tokenProtocolOffered(this.token, req) ?? false });
    this.#http = createServer((req, res) => void this.#serve(req, res).catch((e: unknown) => this.#fail(res, e)));
    this.#http.on('upgrade', (req, socket, head) => this.#upgrade(req, socket, head));
  }

  static async start(o: BrowserServerOptions): Promise<BrowserServer> {
    const s = new BrowserServer(o);
    await new Promise<void>((done, fail) => {
      s.#http.once('error', fail);
      // 127.0.0.1 and nothing else: the till's screen is not a network service.
      s.#http.listen(o.port ?? 0, '127.0.0.1', () => {
        s.#http.off('error', fail);
        done();
      });
    });
    s.#port = (s.#http.address() as AddressInfo).port;
    return s;
  }

  get port(): number {
    return this.#port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** The cashier's screen, with this launch's token. */
  get url(): string {
    return `${this.origin}/?token=${this.token}`;
  }

  /** The customer display, with this launch's token. */
  get customerUrl(): string {
    return `${this.origin}${CUSTOMER_PATH}?token=${this.token}`;
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Starts answering calls (the till is open). Called again after the till was reopened. */
  attach(handlers: Handlers | undefined): void {
    this.#handlers = handlers;
  }

  /** TillHost's `push`: every screen hears every event. */
  readonly push = <E extends PushEvent>(event: E, payload: PushEvents[E]): void => {
    const text = JSON.stringify({ type: 'push', event, payload } satisfies ServerMessage);
    for (const socket of this.#sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  };

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.close(CLOSE.goingAway, 'the till is closing');
    await new Promise<void>((done) => this.#ws.close(() => done()));
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((done) => {
      this.#http.close(() => done());
      this.#http.closeAllConnections();
    });
  }

  /** The static files: the cookie set at the landing. Not enough for the socket (see access.ts). */
  #mayLoad(req: IncomingMessage): boolean {
    return sameToken(this.token, cookieValue(req, cookieName(this.#port)));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts(this.#port).has(req.headers.host ?? '')) return this.#text(res, 421, 'This till answers only as 127.0.0.1.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return this.#text(res, 405, 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', this.origin);
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameToken(this.token, given)) return this.#text(res, 401, 'This address is from an earlier launch. Open the address `pos serve` printed this time.');
      // The token leaves the query at once: the fragment hands it to the page (which moves it to
      // sessionStorage and clears the address bar) and is never sent to a server; the cookie lets
      // the page's files load.
      const location = `${url.pathname}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(this.token)}`;
      res.writeHead(303, { location, 'set-cookie': tokenCookie(this.#port, this.token), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end();
      return;
    }
    if (!this.#mayLoad(req)) return this.#text(res, 401, 'Open the address `pos serve` printed: it carries this launch\'s token.');
    const page = PAGES[url.pathname];
    const file = await readStatic(this.#o.rootDir, page ?? url.pathname);
    if (!file) {
      if (page) return this.#text(res, 500, `The screen is not built: ${this.#o.rootDir} has no ${page}. Run \`npx vite build\`.`);
      return this.#text(res, 404, 'Not found.');
    }
    const headers: Record<string, string | number> = {
      'content-type': file.type,
      'content-length': file.body.length,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Hashed assets could be cached for good; the pages and sounds are small, so nothing is.
      'cache-control': 'no-store',
    };
    if (file.type.startsWith('text/html')) {
      headers['content-security-policy'] = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        `connect-src 'self' ws://127.0.0.1:${this.#port} ws://localhost:${this.#port}`,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; ');
      headers['x-frame-options'] = 'DENY';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  #text(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(`${text}\n`);
  }

  #fail(res: ServerResponse, e: unknown): void {
    this.#o.onUnexpected?.(e);
    if (!res.headersSent) this.#text(res, 500, 'Internal error.');
    else res.destroy();
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.origin);
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse('404 Not Found');
    if (!allowedHosts(this.#port).has(req.headers.host ?? '')) return refuse('421 Misdirected Request');
    // A browser always sends Origin on a WebSocket upgrade: another site's page cannot pretend to be ours.
    if (!allowedOrigins(this.#port).has(req.headers.origin ?? '')) return refuse('403 Forbidden');
    // The token itself, from the page's sessionStorage: the cookie alone never opens the socket.
    if (!tokenProtocolOffered(this.token, req)) return refuse('401 Unauthorized');
    this.#ws.handleUpgrade(req, socket, head, (ws) => this.#connected(ws));
  }

  #connected(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => this.#sockets.delete(ws));
    ws.on('error', () => this.#sockets.delete(ws));
    ws.on('message', (data, isBinary) => void this.#message(ws, data, isBinary));
  }

  #reject(ws: WebSocket, code: number, reason: string): void {
    ws.send(JSON.stringify({ type: 'rejected', reason } satisfies ServerMessage));
    ws.close(code, reason.slice(0, 120));
  }

  async #message(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return this.#reject(ws, CLOSE.unsupportedData, 'binary messages are not part of the protocol');
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return this.#reject(ws, CLOSE.invalidPayload, 'a message must be JSON');
    }
    const m = ClientMessage.safeParse(raw);
    if (!m.success) {
      const type = (raw as { type?: unknown } | null)?.type;
      return this.#reject(ws, CLOSE.policyViolation, `unknown or malformed message (type ${JSON.stringify(type) ?? 'missing'})`);
    }
    const { id, channel, req } = m.data;
    const handlers = this.#handlers;
    const result = handlers ? await dispatch(handlers, channel, req, this.#o.onUnexpected) : NOT_OPEN;
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result } satisfies ServerMessage));
  }
}
