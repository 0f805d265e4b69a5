import { describe, expect, it } from 'vitest';
import { claimLaunchToken, CONNECTION_LOST, createBrowserBridge, pageCredential, SESSION_STORAGE_KEY, type SocketLike } from '../../renderer/browserBridge.ts';

type FakeSocket = SocketLike & { sent: string[]; url: string; open(): void; receive(m: unknown): void; drop(): void };

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: Array<() => void> = [];
  const bridge = createBrowserBridge({
    url: 'ws://127.0.0.1:1/ws',
    setTimer: (fn) => timers.push(fn),
    openSocket: (url) => {
      const s: FakeSocket = {
        url, sent: [], readyState: 0, onopen: null, onclose: null, onmessage: null, onerror: null,
        send(d) { this.sent.push(d); },
        close() { this.drop(); },
        open() { this.readyState = 1; this.onopen?.({}); },
        receive(m) { this.onmessage?.({ data: JSON.stringify(m) }); },
        drop() { this.readyState = 3; this.onclose?.({}); },
      };
      sockets.push(s);
      return s;
    },
  });
  return { bridge, sockets, timers };
}

describe('the browser-mode bridge', () => {
  it('sends tagged calls once the socket is open and answers each by its id', async () => {
    const { bridge, sockets } = harness();
    const info = bridge.till.info({});
    const active = bridge.payment.active({});
    const s = sockets[0]!;
    expect(s.sent).toEqual([]);
    s.open();
    const sent = s.sent.map((t) => JSON.parse(t) as { type: string; id: number; channel: string; req: unknown });
    expect(sent.map((m) => [m.type, m.channel])).toEqual([['call', 'pos:till:info'], ['call', 'pos:payment:active']]);
    s.receive({ type: 'result', id: sent[1]!.id, result: { ok: true, data: null } });
    s.receive({ type: 'result', id: sent[0]!.id, result: { ok: true, data: { training: true } } });
    expect(await active).toEqual({ ok: true, data: null });
    expect(await info).toEqual({ ok: true, data: { training: true } });
  });

  it('delivers known push events to their listeners only', () => {
    const { bridge, sockets } = harness();
    const got: unknown[] = [];
    const off = bridge.on('pos:payment:changed', (p) => got.push(p));
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'push', event: 'pos:payment:changed', payload: { state: 'WAITING' } });
    sockets[0]!.receive({ type: 'push', event: 'pos:evil:event', payload: 1 });
    off();
    sockets[0]!.receive({ type: 'push', event: 'pos:payment:changed', payload: { state: 'SUCCESS' } });
    expect(got).toEqual([{ state: 'WAITING' }]);
  });

  it('answers every open call when the connection drops, then reconnects', async () => {
    const { bridge, sockets, timers } = harness();
    const states: string[] = [];
    bridge.onConnection((c) => states.push(c));
    sockets[0]!.open();
    const start = bridge.payment.start({ amount: '1.00', code: '287654321012345600' });
    sockets[0]!.drop();
    // A payment whose answer was lost is not "failed": the screen gets CONNECTION_LOST and treats it as unknown.
    expect(await start).toEqual({ ok: false, error: CONNECTION_LOST });
    expect(states).toEqual(['open', 'lost']);
    timers.shift()!();
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(states).toEqual(['open', 'lost', 'open']);
  });
});

describe('the launch token', () => {
  function place(hash: string, stored: Record<string, string> = {}) {
    const replaced: string[] = [];
    const storage = { getItem: (k: string) => stored[k] ?? null, setItem: (k: string, v: string) => void (stored[k] = v) };
    const history = { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    return { p: { location: { hash, pathname: '/customer', search: '' }, history, storage }, stored, replaced };
  }

  it('leaves the address bar and the history entry at once, and is never stored (it is single-use)', () => {
    const { p, stored, replaced } = place('#launch=abc_DEF-123');
    expect(claimLaunchToken(p)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/customer']);
    expect(Object.values(stored)).not.toContain('abc_DEF-123');
    const none = place('');
    expect(claimLaunchToken(none.p)).toBeNull();
    expect(none.replaced).toEqual([]);
  });

  it('is offered once; the session secret the till answers with is offered on every later socket and kept for a reload', () => {
    const { p, stored } = place('#launch=tok');
    const credential = pageCredential(p);
    const offered: string[][] = [];
    const sockets: SocketLike[] = [];
    const timers: Array<() => void> = [];
    createBrowserBridge({
      url: 'ws://127.0.0.1:1/ws',
      protocols: credential.protocols,
      onSession: credential.onSession,
      setTimer: (fn) => timers.push(fn),
      openSocket: (_url, protocols) => {
        offered.push(protocols);
        const s: SocketLike = { readyState: 0, send() {}, close() {}, onopen: null, onclose: null, onmessage: null, onerror: null };
        sockets.push(s);
        return s;
      },
    });
    sockets[0]!.onmessage!({ data: JSON.stringify({ type: 'session', secret: 'sec', role: 'cashier' }) });
    sockets[0]!.onclose!({});
    timers.shift()!();
    expect(offered).toEqual([['till.launch.tok'], ['till.session.sec']]);
    expect(stored[SESSION_STORAGE_KEY]).toBe('sec');
    // After a reload the address has no fragment any more; the kept session opens the socket.
    expect(pageCredential(place('', stored).p).protocols()).toEqual(['till.session.sec']);
    expect(pageCredential(place('').p).protocols()).toEqual([]);
  });

  it('asks the till only for the push events the page listens to', () => {
    const sent: string[] = [];
    const s: SocketLike = { readyState: 0, send: (d) => void sent.push(d), close() {}, onopen: null, onclose: null, onmessage: null, onerror: null };
    const bridge = createBrowserBridge({ url: 'ws://127.0.0.1:1/ws', openSocket: () => s, setTimer: () => {} });
    bridge.on('pos:customer:changed', () => {});
    s.readyState = 1;
    s.onopen!({});
    expect(sent.map((t) => JSON.parse(t) as unknown)).toEqual([{ type: 'subscribe', events: ['pos:customer:changed'] }]);
  });
});
