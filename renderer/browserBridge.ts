// PosBridge over browser mode's WebSocket (app/browser/BrowserServer.ts): the same methods as
// Electron's preload, built from the same channel list. The socket presents this launch's token as
// its subprotocol: the page got it in the address fragment and keeps it in sessionStorage, never in
// a cookie, which every other service on 127.0.0.1 would receive (app/common/ipc/launchToken.ts).
import type { ErrorData } from '../app/common/errors.ts';
import { buildBridgeMethods, PUSH_EVENTS } from '../app/common/ipc/channels.ts';
import type { Channel, PosBridge, PushEvent, PushEvents, Result } from '../app/common/ipc/contract.ts';
import { TOKEN_FRAGMENT_KEY, tokenProtocol } from '../app/common/ipc/launchToken.ts';
import type { CallPacket } from '../app/common/ipc/wire.ts';

export type Connection = 'connecting' | 'open' | 'lost';

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
  /** Offered on every connection: the launch token's subprotocol (socketProtocols). */
  protocols?: string[];
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  /** First retry after a lost connection; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  setTimer?: (fn: () => void, delayMs: number) => unknown;
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

  const setConnection = (c: Connection) => {
    if (c === connection) return;
    connection = c;
    for (const l of connectionListeners) l(c);
  };

  const onMessage = (data: unknown) => {
    // A ServerMessage (app/common/ipc/wire.ts) once checked: parsed, not trusted, fields tested before use.
    let m: { [K in 'type' | 'id' | 'result' | 'event' | 'payload' | 'reason']?: unknown };
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
    } else if (m.type === 'rejected') {
      console.error(`the till refused a message: ${String(m.reason)}`);
    }
  };

  const connect = () => {
    setConnection(connection === 'lost' ? 'lost' : 'connecting');
    socket = openSocket(o.url, o.protocols ?? []);
    socket.onopen = () => {
      delayMs = firstDelayMs;
      setConnection('open');
      for (const id of queue.splice(0)) {
        const p = pending.get(id);
        if (p) socket.send(p.text);
      }
    };
    socket.onmessage = (ev) => onMessage(ev.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      // Every unanswered call gets its answer now: nothing on screen may wait forever.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve({ ok: false, error: CONNECTION_LOST });
      }
      queue.length = 0;
      if (closed) return;
      setConnection('lost');
      setTimer(connect, delayMs);
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    };
  };

  const call = (channel: Channel, req: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (closed) return resolve({ ok: false, error: CONNECTION_LOST });
      const id = nextId++;
      const packet: CallPacket = { type: 'call', id, channel, req };
      const text = JSON.stringify(packet);
      pending.set(id, { resolve, text });
      if (socket.readyState === OPEN) socket.send(text);
      else queue.push(id);
    });

  connect();

  const methods = buildBridgeMethods(call);
  const bridge = {
    ...methods,
    on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
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

/** Where the page keeps the launch token: sessionStorage belongs to one origin, so to one port. */
export const TOKEN_STORAGE_KEY = 'till.launchToken';

type TokenPlace = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
};

/**
 * The launch token for this page: taken from the address fragment the landing redirect left
 * (`#token=…`), which is then removed from the address bar and the history entry, and kept in
 * sessionStorage so a reload still has it. Null when the page was opened without it.
 */
export function claimLaunchToken(p: TokenPlace): string | null {
  const given = new URLSearchParams(p.location.hash.replace(/^#/, '')).get(TOKEN_FRAGMENT_KEY);
  if (given) {
    p.history.replaceState(p.history.state, '', `${p.location.pathname}${p.location.search}`);
    try {
      p.storage?.setItem(TOKEN_STORAGE_KEY, given);
    } catch {
      // Storage refused (a locked-down profile): the token still serves this page until a reload.
    }
    return given;
  }
  try {
    return p.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** What the socket offers: the token's subprotocol, or nothing (the till then refuses it). */
export function socketProtocols(token: string | null): string[] {
  return token ? [tokenProtocol(token)] : [];
}
