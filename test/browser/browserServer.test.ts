// Browser mode's server: who may load the screen and open the socket, what the socket accepts,
// and that pushes reach every screen. Real HTTP and WebSocket on 127.0.0.1, a real TillHost.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BrowserServer } from '../../app/browser/BrowserServer.ts';
import { parseConfig } from '../../app/config/config.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';

let dir: string;
let server: BrowserServer;
let host: TillHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'till-browser-'));
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>till</title>');
  writeFileSync(join(root, 'customer.html'), '<!doctype html><title>customer</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'not for the screen');
  server = await BrowserServer.start({ rootDir: root });
  host = new TillHost({ config: parseConfig({ dataDir: join(dir, 'data') }, dir), box: filePermissionBox, push: server.push, version: 'test' });
  await host.open();
  server.attach(host.handlers);
});

afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const cookie = () => `till_${server.port}=${server.token}`;
/** What the page offers on its socket: the launch token from its sessionStorage. */
const tokenProtocol = () => `till.${server.token}`;

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(`${server.origin}${path}`, { method, headers, redirect: 'manual' });
}

/** fetch cannot send a foreign Host header; a DNS-rebinding page does, so node:http it is. */
function statusWithHost(hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: hostHeader, cookie: cookie() } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

type Message = { type: string; id?: number; result?: { ok: boolean; data?: unknown; error?: { code: string } }; event?: string; payload?: unknown; reason?: string };

function connect(headers: Record<string, string> = { cookie: cookie(), origin: server.origin }, path = '/ws', protocols: string[] = [tokenProtocol()]): Promise<{ ws: WebSocket; messages: Message[]; next(): Promise<Message>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
    const messages: Message[] = [];
    const waiters: Array<(m: Message) => void> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Message;
      const w = waiters.shift();
      if (w) w(m);
      else messages.push(m);
    });
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('open', () => resolve({ ws, messages, closed, next: () => new Promise((r) => (messages.length ? r(messages.shift()!) : waiters.push(r))) }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    ws.on('error', reject);
  });
}

describe('loading the screen', () => {
  it('needs this launch\'s token, which moves into an HttpOnly SameSite=Strict cookie', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=not-the-token')).status).toBe(401);
    const r = await get(`/?token=${server.token}`);
    expect(r.status).toBe(303);
    // The token leaves the query; the fragment (never sent to a server) hands it to the page.
    expect(r.headers.get('location')).toBe(`/#token=${server.token}`);
    expect(r.headers.get('set-cookie')).toBe(`till_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await get('/', { cookie: cookie() });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>till</title>');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('serves the customer display page and the built files, nothing outside them', async () => {
    // The customer display's printed address hands the token to its page the same way.
    expect((await get(`/customer?token=${server.token}`)).headers.get('location')).toBe(`/customer#token=${server.token}`);
    expect(await (await get('/customer', { cookie: cookie() })).text()).toContain('customer');
    expect((await get('/assets/app.js', { cookie: cookie() })).headers.get('content-type')).toContain('javascript');
    expect((await get('/assets/app.js')).status).toBe(401);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/.env']) {
      expect((await get(path, { cookie: cookie() })).status, path).toBe(404);
    }
  });

  it('answers only to its own address and only to GET', async () => {
    expect(await statusWithHost(`attacker.example:${server.port}`)).toBe(421);
    expect(await statusWithHost(`localhost:${server.port}`)).toBe(200);
    expect((await get('/', { cookie: cookie() }, 'POST')).status).toBe(405);
  });
});

describe('the socket', () => {
  it('is refused without the token, from another origin, or at another path', async () => {
    await expect(connect({ origin: server.origin }, '/ws', [])).rejects.toThrow('401');
    await expect(connect({ cookie: cookie(), origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({ cookie: cookie() })).rejects.toThrow('403');
    await expect(connect({ cookie: cookie(), origin: server.origin }, '/socket')).rejects.toThrow('404');
  });

  it('needs the token itself: the cookie, which other services on 127.0.0.1 also receive, is not enough', async () => {
    // Cookies are not separated by port: a service on another port of 127.0.0.1 opened in the same
    // browser gets till_<port>, and from outside a browser it can send any Origin it likes.
    await expect(connect({ cookie: cookie(), origin: server.origin }, '/ws', [])).rejects.toThrow('401');
    await expect(connect({ cookie: cookie(), origin: server.origin }, `/ws?token=${server.token}`, [])).rejects.toThrow('401');
    await expect(connect({ cookie: cookie(), origin: server.origin }, '/ws', ['till.not-the-token'])).rejects.toThrow('401');
    await expect(connect({ cookie: cookie(), origin: server.origin }, '/ws', [server.token])).rejects.toThrow('401');
    // The page's token, with or without the cookie, opens it, and the handshake names it back.
    const c = await connect({ origin: server.origin }, '/ws', ['till.not-the-token', tokenProtocol()]);
    expect(c.ws.protocol).toBe(tokenProtocol());
    c.ws.close();
  });

  it('answers calls with the core\'s Result envelope, by id', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ type: 'call', id: 7, channel: 'pos:till:info', req: {} }));
    expect(await c.next()).toMatchObject({ type: 'result', id: 7, result: { ok: true, data: { training: true, version: 'test' } } });
    c.ws.send(JSON.stringify({ type: 'call', id: 8, channel: 'pos:shell:exec', req: {} }));
    expect(await c.next()).toMatchObject({ type: 'result', id: 8, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    c.ws.send(JSON.stringify({ type: 'call', id: 9, channel: 'pos:payment:start', req: { amount: 12.34, code: 2876 } }));
    expect(await c.next()).toMatchObject({ type: 'result', id: 9, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    c.ws.close();
  });

  it('rejects an unknown tag and closes the socket', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ type: 'subscribe', channel: 'everything' }));
    expect(await c.next()).toMatchObject({ type: 'rejected' });
    expect(await c.closed).toBe(1008);
  });

  it('closes on what is not JSON', async () => {
    const c = await connect();
    c.ws.send('{not json');
    expect(await c.closed).toBe(1007);
  });

  it('pushes payment changes to every screen', async () => {
    const cashier = await connect();
    const display = await connect();
    cashier.ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'pos:payment:start', req: { amount: '1.00', code: '287654321012345600' } }));
    const seen = async (c: typeof cashier) => {
      const states: string[] = [];
      for (;;) {
        const m = await c.next();
        if (m.type === 'push' && m.event === 'pos:payment:changed') states.push((m.payload as { state: string }).state);
        if (states.includes('SUCCESS')) return states;
      }
    };
    expect(await seen(display)).toEqual(expect.arrayContaining(['SUCCESS']));
    expect(await seen(cashier)).toEqual(expect.arrayContaining(['SUCCESS']));
    cashier.ws.close();
    display.ws.close();
  });

  it('says the till is starting before the handlers are attached', async () => {
    const c = await connect();
    server.attach(undefined);
    c.ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'pos:till:info', req: {} }));
    expect(await c.next()).toMatchObject({ result: { ok: false, error: { code: 'INTERNAL_ERROR' } } });
    server.attach(host.handlers);
    c.ws.close();
  });
});
