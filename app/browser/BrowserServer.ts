// Browser mode (design.md "Browser mode"): the built renderer over HTTP and the same PosBridge over
// a WebSocket, on 127.0.0.1 only, to the same handlers Electron's main process serves. The e2e
// tests drive the till through it, and a kiosk browser or a second screen can run the till with it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { PosError } from '../common/errors.ts';
import { mayHear, type ScreenRole } from '../common/ipc/channels.ts';
import type { PushEvent, PushEvents, Result } from '../common/ipc/contract.ts';
import { LAUNCH_FRAGMENT_KEY } from '../common/ipc/launchToken.ts';
import { dispatch, type Handlers } from '../ipc/dispatch.ts';
import { allowedHosts, allowedOrigins, Credentials, type Presented } from './access.ts';
import { readStatic } from './staticFiles.ts';
import { CLOSE, ClientMessage, type ServerMessage } from './wire.ts';

export type BrowserServerOptions = {
  /** The built renderer (dist/renderer): index.html, customer.html, assets/, sounds/. */
  rootDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Told when a printed cashier address has been used up, so a fresh one can be shown. */
  onLaunchUsed?: (role: ScreenRole) => void;
  /** Tests lower these to reach them quickly (item 8). */
  limits?: Partial<Limits>;
  onUnexpected?: (e: unknown) => void;
};

/**
 * What one screen may hold of the till's memory (issue 10 item 8: 20,000 unread calls grew the
 * server from 190 MB to 360 MB). A screen past maxCallsInFlight is not read from until answers
 * go out; one that does not read its answers is cut off past maxUnsentBytes.
 */
export type Limits = { maxConnections: number; maxCallsInFlight: number; maxUnsentBytes: number };
export const DEFAULT_LIMITS: Limits = { maxConnections: 16, maxCallsInFlight: 16, maxUnsentBytes: 4 * 1024 * 1024 };

/**
 * The pushes a screen is sent as soon as it subscribes, so one that connects late (or again after a
 * dropped link) does not wait for the next change: the customer display's current view (issue 9
 * item 15). Each is still delivered only if the screen's role may hear it and it asked for it.
 */
export type Greeting = (role: ScreenRole) => Array<{ [E in PushEvent]: { event: E; payload: PushEvents[E] } }[PushEvent]>;

type Screen = {
  role: ScreenRole;
  inFlight: number;
  paused: boolean;
  /** Calls that arrived after the pause took effect (ws still emits what it had read): at most one read's worth. */
  waiting: Array<{ id: number | string; channel: string; req: unknown }>;
  hears: Set<string>;
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

const CUSTOMER_MAY_NOT_CALL: Result<never> = {
  ok: false,
  error: new PosError('NOT_ALLOWED', 'the customer display only shows what the till pushes to it', { detailZh: '顾客显示屏只能显示收银台推送的内容' }).toData(),
};

export class BrowserServer {
  readonly #o: BrowserServerOptions;
  readonly #limits: Limits;
  readonly #http: Server;
  readonly #ws: WebSocketServer;
  readonly #credentials = new Credentials();
  readonly #customerLaunch: string;
  readonly #sockets = new Map<WebSocket, Screen>();
  #handlers: Handlers | undefined;
  #greeting: Greeting | undefined;
  #port = 0;

  private constructor(o: BrowserServerOptions) {
    this.#o = o;
    this.#limits = { ...DEFAULT_LIMITS, ...o.limits };
    // The display's address is shown on the cashier's settings screen and re-opened whenever the
    // second screen restarts, so it stays valid for the launch; it can only ever watch.
    this.#customerLaunch = this.#credentials.issueLaunch('customer', false);
    // A browser fails the handshake unless the server names an offered subprotocol back. Only
    // upgrades that presented a credential get this far (#upgrade).
    this.#ws = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (_offered, req) => this.#credentials.recognise(req)?.protocol ?? false });
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

  /** A fresh address for the cashier's screen: each one opens one screen, once. */
  get url(): string {
    return this.launchUrl('cashier');
  }

  /** The customer display's address for this launch (watch-only). */
  get customerUrl(): string {
    return `${this.origin}${CUSTOMER_PATH}#${LAUNCH_FRAGMENT_KEY}=${this.#customerLaunch}`;
  }

  launchUrl(role: ScreenRole): string {
    if (role === 'customer') return this.customerUrl;
    return `${this.origin}/#${LAUNCH_FRAGMENT_KEY}=${this.#credentials.issueLaunch('cashier')}`;
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Starts answering calls (the till is open). Called again after the till was reopened. */
  attach(handlers: Handlers | undefined, greeting?: Greeting): void {
    this.#handlers = handlers;
    this.#greeting = handlers ? greeting : undefined;
  }

  /** TillHost's `push`: each screen hears what its role may hear and it asked for (items 2 and 11). */
  readonly push = <E extends PushEvent>(event: E, payload: PushEvents[E]): void => {
    let text: string | undefined;
    for (const [socket, screen] of this.#sockets) {
      if (socket.readyState !== socket.OPEN || !screen.hears.has(event) || !mayHear(screen.role, event)) continue;
      text ??= JSON.stringify({ type: 'push', event, payload } satisfies ServerMessage);
      this.#send(socket, text);
    }
  };

  async close(): Promise<void> {
    for (const socket of this.#sockets.keys()) socket.close(CLOSE.goingAway, 'the till is closing');
    await new Promise<void>((done) => this.#ws.close(() => done()));
    for (const socket of this.#sockets.keys()) socket.terminate();
    await new Promise<void>((done) => {
      this.#http.close(() => done());
      this.#http.closeAllConnections();
    });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts(this.#port).has(req.headers.host ?? '')) return this.#text(res, 421, 'This till answers only as 127.0.0.1.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return this.#text(res, 405, 'Method not allowed.');
    }
    // The files are the built renderer, the same for every till: they need no credential, and no
    // cookie is ever set (a cookie would reach every other service on 127.0.0.1, item 1).
    const url = new URL(req.url ?? '/', this.origin);
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
    if (this.#sockets.size >= this.#limits.maxConnections) return refuse('503 Service Unavailable');
    // A credential only the page holds (never a cookie, item 1).
    const presented = this.#credentials.recognise(req);
    if (!presented) return refuse('401 Unauthorized');
    this.#ws.handleUpgrade(req, socket, head, (ws) => this.#connected(ws, presented));
  }

  #connected(ws: WebSocket, presented: Presented): void {
    let role = presented.role;
    if (presented.kind === 'launch') {
      // Spent now, whatever happens next: a second page opened from the same address (or from the
      // browser's history, which keeps it) is refused.
      const session = this.#credentials.exchange(presented.token);
      if (!session) return void ws.close(CLOSE.policyViolation, 'this address was already used; open a new one');
      role = session.role;
      ws.send(JSON.stringify({ type: 'session', secret: session.secret, role } satisfies ServerMessage));
      if (role === 'cashier') this.#o.onLaunchUsed?.(role);
    }
    const screen: Screen = { role, inFlight: 0, paused: false, waiting: [], hears: new Set() };
    this.#sockets.set(ws, screen);
    ws.on('close', () => this.#sockets.delete(ws));
    ws.on('error', () => this.#sockets.delete(ws));
    ws.on('message', (data, isBinary) => void this.#message(ws, screen, data, isBinary));
  }

  /** Sends unless the screen has stopped reading: past maxUnsentBytes it is cut off (item 8). */
  #send(ws: WebSocket, text: string): void {
    if (ws.bufferedAmount + Buffer.byteLength(text) > this.#limits.maxUnsentBytes) {
      this.#sockets.delete(ws);
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  #reject(ws: WebSocket, code: number, reason: string): void {
    ws.send(JSON.stringify({ type: 'rejected', reason } satisfies ServerMessage));
    ws.close(code, reason.slice(0, 120));
  }

  async #message(ws: WebSocket, screen: Screen, data: RawData, isBinary: boolean): Promise<void> {
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
    if (m.data.type === 'subscribe') {
      // A screen hears only what it asked for and its role allows (item 11: no scans on the display).
      screen.hears = new Set(m.data.events.filter((e) => mayHear(screen.role, e)));
      for (const g of this.#greeting?.(screen.role) ?? []) {
        if (screen.hears.has(g.event) && mayHear(screen.role, g.event)) this.#send(ws, JSON.stringify({ type: 'push', event: g.event, payload: g.payload } satisfies ServerMessage));
      }
      return;
    }
    const { id, channel, req } = m.data;
    if (screen.role !== 'cashier') return this.#send(ws, JSON.stringify({ type: 'result', id, result: CUSTOMER_MAY_NOT_CALL } satisfies ServerMessage));
    if (screen.inFlight >= this.#limits.maxCallsInFlight) return void screen.waiting.push({ id, channel, req });
    await this.#call(ws, screen, id, channel, req);
  }

  async #call(ws: WebSocket, screen: Screen, id: number | string, channel: string, req: unknown): Promise<void> {
    screen.inFlight += 1;
    // Backpressure instead of a queue: at the limit the socket is not read, so unread calls wait
    // in the kernel's buffers and then in the page, not in the till's memory.
    if (screen.inFlight >= this.#limits.maxCallsInFlight && !screen.paused) {
      screen.paused = true;
      ws.pause();
    }
    try {
      const handlers = this.#handlers;
      const result = handlers ? await dispatch(handlers, channel, req, this.#o.onUnexpected) : NOT_OPEN;
      if (ws.readyState === ws.OPEN) this.#send(ws, JSON.stringify({ type: 'result', id, result } satisfies ServerMessage));
    } finally {
      screen.inFlight -= 1;
      const next = screen.waiting.shift();
      if (next && ws.readyState === ws.OPEN) void this.#call(ws, screen, next.id, next.channel, next.req);
      else if (screen.paused && screen.inFlight < this.#limits.maxCallsInFlight) {
        screen.paused = false;
        if (ws.readyState === ws.OPEN) ws.resume();
      }
    }
  }
}
