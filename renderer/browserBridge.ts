// PosBridge over browser mode's WebSocket (app/browser/BrowserServer.ts): the same methods as
// Electron's preload, built from the same channel list. The socket presents a credential as its
// subprotocol: first the single-use launch token from the address fragment, then the session
// secret the till answered with, kept in sessionStorage and never in a cookie, which every other
// service on 127.0.0.1 would receive (app/common/ipc/launchToken.ts, docs/security.md item 1).
import type { ErrorData } from '../app/common/errors.ts';
import { buildBridgeMethods, PUSH_EVENTS } from '../app/common/ipc/channels.ts';
import type { Channel, PosBridge, PushEvent, PushEvents, Result } from '../app/common/ipc/contract.ts';
import { LAUNCH_FRAGMENT_KEY, launchProtocol, sessionProtocol } from '../app/common/ipc/launchToken.ts';
import type { CallPacket, SubscribePacket } from '../app/common/ipc/wire.ts';

/**
 * 'refused': this page never got in and the till's web server answers, so the till refused the
 * credential the page holds (a used launch address, a session from before a restart): no payment
 * was ever started here, and retrying the same credential cannot help (try.md item 7).
 */
export type Connection = 'connecting' | 'open' | 'lost' | 'refused';

/** The socket as this module uses it, so tests can hand in a fake. */
export type SocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
};

export type BrowserBridgeOptions = {
  url: string;
  /** Offered on each connection, asked afresh every time (PageCredential.protocols). */
  protocols?: string[] | (() => string[]);
  /** The till's answer to a launch token: the secret to present from now on. */
  onSession?: (secret: string) => void;
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  /** First retry after a lost connection; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  setTimer?: (fn: () => void, delayMs: number) => unknown;
  /** Whether the till's web server answers (HTTP); asked only while this page has never got in. */
  tillAnswers?: () => Promise<boolean>;
};

export type BrowserBridge = PosBridge & {
  readonly connection: Connection;
  onConnection(listener: (c: Connection) => void): () => void;
  close(): void;
};

const OPEN = 1;

/**
 * A call whose answer cannot arrive any more. For `payment:start` this is an unknown outcome: the
 * request may have reached the till (field-notes.md item 3), so the sale screen treats it as such.
 */
export const CONNECTION_LOST: ErrorData = {
  code: 'INTERNAL_ERROR',
  message: 'The connection to the till was lost before it answered',
  messageZh: '收银台尚未应答，连接已断开',
  details: { transport: 'closed' },
};

/**
 * A call that never left the page: the socket was down when it was made and closed again before
 * it could be sent. For `payment:start` nothing reached the core and nothing was charged (issue 9
 * item 5): the screen says so and keeps the amount.
 */
export const NOT_SENT: ErrorData = {
  code: 'INTERNAL_ERROR',
  message: 'Not sent: the link to the till was down',
  messageZh: '未发出：与收银台的连接已断开',
  details: { transport: 'notSent' },
};

type Pending = { resolve: (r: Result<unknown>) => void; text: string };

export function createBrowserBridge(o: BrowserBridgeOptions): BrowserBridge {
  const openSocket = o.openSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as SocketLike);
  const setTimer = o.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const firstDelayMs = o.reconnectDelayMs ?? 250;
  const maxDelayMs = o.maxReconnectDelayMs ?? 5000;
  const pending = new Map<number, Pending>();
  /** Calls made while the socket is not open yet; sent in order once it is. */
  const queue: number[] = [];
  const listeners = new Map<PushEvent, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(c: Connection) => void>();
  const known = new Set<string>(PUSH_EVENTS);
  let nextId = 1;
  let socket: SocketLike;
  let connection: Connection = 'connecting';
  let delayMs = firstDelayMs;
  let closed = false;
  let everOpened = false;

  const setConnection = (c: Connection) => {
    if (c === connection) return;
    connection = c;
    for (const l of connectionListeners) l(c);
  };

  const onMessage = (data: unknown) => {
    // A ServerMessage (app/common/ipc/wire.ts) once checked: parsed, not trusted, fields tested before use.
    let m: { [K in 'type' | 'id' | 'result' | 'event' | 'payload' | 'reason' | 'secret']?: unknown };
    try {
      m = JSON.parse(String(data)) as typeof m;
    } catch {
      return;
    }
    if (m.type === 'result' && typeof m.id === 'number') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m.result as Result<unknown>);
    } else if (m.type === 'push' && typeof m.event === 'string' && known.has(m.event)) {
      for (const l of listeners.get(m.event as PushEvent) ?? []) l(m.payload as never);
    } else if (m.type === 'session' && typeof m.secret === 'string') {
      o.onSession?.(m.secret);
    } else if (m.type === 'rejected') {
      console.error(`the till refused a message: ${String(m.reason)}`);
    }
  };

  const connect = () => {
    setConnection(connection === 'lost' || connection === 'refused' ? connection : 'connecting');
    socket = openSocket(o.url, typeof o.protocols === 'function' ? o.protocols() : o.protocols ?? []);
    socket.onopen = () => {
      everOpened = true;
      delayMs = firstDelayMs;
      setConnection('open');
      subscribe();
      for (const id of queue.splice(0)) {
        const p = pending.get(id);
        if (p) socket.send(p.text);
      }
    };
    socket.onmessage = (ev) => onMessage(ev.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      // Every unanswered call gets its answer now: nothing on screen may wait forever.
      const unsent = new Set(queue.splice(0));
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve({ ok: false, error: unsent.has(id) ? NOT_SENT : CONNECTION_LOST });
      }
      if (closed) return;
      const retry = () => {
        setTimer(connect, delayMs);
        delayMs = Math.min(delayMs * 2, maxDelayMs);
      };
      if (everOpened || !o.tillAnswers) {
        setConnection('lost');
        return retry();
      }
      // Never got in: a till that is up refused this page's credential. Still retried (a till
      // restarting answers HTTP a moment before it takes sockets), but said as a refusal.
      void o.tillAnswers().then(
        (up) => {
          if (closed || connection === 'open') return;
          setConnection(up ? 'refused' : connection === 'refused' ? 'refused' : 'lost');
          retry();
        },
        () => {
          setConnection('lost');
          retry();
        },
      );
    };
  };

  // The till pushes a screen only the events it asked for (docs/security.md item 11).
  const subscribe = () => {
    const events = [...listeners].filter(([, set]) => set.size > 0).map(([e]) => e);
    if (events.length === 0 || socket.readyState !== OPEN) return;
    socket.send(JSON.stringify({ type: 'subscribe', events } satisfies SubscribePacket));
  };

  const call = (channel: Channel, req: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (closed) return resolve({ ok: false, error: CONNECTION_LOST });
      const id = nextId++;
      const packet: CallPacket = { type: 'call', id, channel, req };
      const text = JSON.stringify(packet);
      pending.set(id, { resolve, text });
      if (socket.readyState === OPEN) socket.send(text);
      // A payment is not started seconds later, when the link may come back: the cashier is told
      // now that nothing was sent, and scans again.
      else if ((channel === 'pos:payment:start' || channel === 'pos:payment:qr') && connection === 'lost') {
        pending.delete(id);
        resolve({ ok: false, error: NOT_SENT });
      } else queue.push(id);
    });

  connect();

  const methods = buildBridgeMethods(call);
  const bridge = {
    ...methods,
    on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const first = set.size === 0;
      set.add(listener as (payload: never) => void);
      if (first) subscribe();
      return () => set.delete(listener as (payload: never) => void);
    },
    get connection() {
      return connection;
    },
    onConnection(listener: (c: Connection) => void): () => void {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket.close(1000, 'page closed');
    },
  };
  return bridge as unknown as BrowserBridge;
}

/** The WebSocket address of the server this page came from. */
export function socketUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/** Whether the web server this page came from answers at all (a HEAD of the page itself). */
export function webServerAnswers(location: Pick<Location, 'origin'>, fetcher: typeof fetch = fetch): () => Promise<boolean> {
  return () => fetcher(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' }).then((r) => r.ok, () => false);
}

/** Where the page keeps its session secret: sessionStorage belongs to one origin (one port) and one tab. */
export const SESSION_STORAGE_KEY = 'till.session';

type TokenPlace = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
};

/**
 * The launch token the printed address carried (`#launch=…`), removed from the address bar and the
 * history entry before anything else runs. Never stored: it is single-use, and the till answers it
 * with the session secret kept instead. Null when the page was opened without one.
 */
export function claimLaunchToken(p: Pick<TokenPlace, 'location' | 'history'>): string | null {
  const given = new URLSearchParams(p.location.hash.replace(/^#/, '')).get(LAUNCH_FRAGMENT_KEY);
  if (p.location.hash !== '') p.history.replaceState(p.history.state, '', `${p.location.pathname}${p.location.search}`);
  return given || null;
}

/** What this page presents to the till: its launch token once, its session secret after. */
export type PageCredential = { protocols(): string[]; onSession(secret: string): void; kind(): 'launch' | 'session' | 'none' };

export function pageCredential(p: TokenPlace): PageCredential {
  let launch = claimLaunchToken(p);
  let session: string | null = null;
  try {
    session = p.storage?.getItem(SESSION_STORAGE_KEY) ?? null;
  } catch {
    // Storage refused (a locked-down profile): the session then lasts until a reload.
  }
  return {
    // A fresh address wins over a kept session: the session may be from an earlier launch.
    protocols: () => (launch ? [launchProtocol(launch)] : session ? [sessionProtocol(session)] : []),
    kind: () => (launch ? 'launch' : session ? 'session' : 'none'),
    onSession(secret) {
      launch = null;
      session = secret;
      try {
        p.storage?.setItem(SESSION_STORAGE_KEY, secret);
      } catch {
        // As above: kept in memory only.
      }
    },
  };
}
