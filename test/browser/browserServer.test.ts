// Browser mode's server: who may load the screen and open the socket, what the socket accepts,
// and which screen hears which push. Real HTTP and WebSocket on 127.0.0.1, a real TillHost. The
// attacks of issue 10 (items 1, 2, 8, 9, 11) are performed here and must fail.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  const first = await cashierSession();
  cashierSecret = first.secret;
  first.c.ws.close();
});

afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The launch token of a fresh cashier address, as the page reads it from the fragment. */
const launchToken = (url = server.url) => new URL(url).hash.replace(/^#launch=/, '');
const launchProtocol = (url?: string) => `till.launch.${launchToken(url)}`;

/** Opens a cashier screen the way the page does: spends a launch token, keeps the session secret. */
async function cashierSession(): Promise<{ secret: string; c: Awaited<ReturnType<typeof connect>> }> {
  const c = await connect({ origin: server.origin }, '/ws', [launchProtocol()]);
  const m = await c.next();
  expect(m).toMatchObject({ type: 'session', role: 'cashier' });
  return { secret: (m as { secret: string }).secret, c };
}

let cashierSecret: string;
const sessionProtocol = () => `till.session.${cashierSecret}`;

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(`${server.origin}${path}`, { method, headers, redirect: 'manual' });
}

/** fetch cannot send a foreign Host header; a DNS-rebinding page does, so node:http it is. */
function statusWithHost(hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

type Message = { type: string; id?: number; result?: { ok: boolean; data?: unknown; error?: { code: string } }; event?: string; payload?: unknown; reason?: string; secret?: string; role?: string };

function connect(headers: Record<string, string> = { origin: server.origin }, path = '/ws', protocols: string[] = [sessionProtocol()]): Promise<{ ws: WebSocket; messages: Message[]; next(): Promise<Message>; closed: Promise<number> }> {
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
  it('prints addresses whose credential is in the fragment, which no browser sends in a request line', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#launch=[\\w-]{43}$`));
    expect(server.customerUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/customer#launch=[\\w-]{43}$`));
    // Every read is a new single-use address for one more cashier's screen.
    expect(server.url).not.toBe(server.url);
  });

  it('serves the built pages and files without any cookie, and never sets one', async () => {
    for (const path of ['/', '/customer', '/assets/app.js', '/?token=whatever']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('set-cookie'), path).toBeNull();
    }
    const page = await get('/');
    expect(await page.text()).toContain('<title>till</title>');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await get('/assets/app.js')).headers.get('content-type')).toContain('javascript');
  });

  it('serves nothing outside the renderer folder, not through a symlink either (item 9)', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/.env']) {
      expect((await get(path)).status, path).toBe(404);
    }
    // A symlink inside the folder pointing out of it (a file with a served extension, and a folder).
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'renderer', 'assets', 'leak.js'));
    symlinkSync(dir, join(dir, 'renderer', 'assets', 'up'));
    writeFileSync(join(dir, 'outside.js'), 'the journal, say');
    expect((await get('/assets/leak.js')).status).toBe(404);
    expect((await get('/assets/up/outside.js')).status).toBe(404);
  });

  it('answers only to its own address and only to GET', async () => {
    expect(await statusWithHost(`attacker.example:${server.port}`)).toBe(421);
    expect(await statusWithHost(`localhost:${server.port}`)).toBe(200);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });
});

describe('the socket (item 1)', () => {
  it('is refused without a credential, from another origin, or at another path', async () => {
    await expect(connect({ origin: server.origin }, '/ws', [])).rejects.toThrow('401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({})).rejects.toThrow('403');
    await expect(connect({ origin: server.origin }, '/socket')).rejects.toThrow('404');
  });

  it('refuses a second exchange of the same launch token', async () => {
    const url = server.url;
    const first = await connect({ origin: server.origin }, '/ws', [launchProtocol(url)]);
    expect(await first.next()).toMatchObject({ type: 'session', role: 'cashier' });
    // The same address again: another tab, a page restored from the history, an attacker who read it.
    await expect(connect({ origin: server.origin }, '/ws', [launchProtocol(url)])).rejects.toThrow('401');
    first.ws.close();
  });

  it('cannot be opened with a cookie and a faked Origin: no cookie carries a credential', async () => {
    // The attack of issue 10: another service on 127.0.0.1 receives the till's cookies (cookies are
    // not separated by port) and, outside a browser, sends any Origin it likes. Whatever cookie it
    // holds, the socket needs a secret only the page has.
    const landing = await get('/');
    const cookies = landing.headers.get('set-cookie') ?? `till_${server.port}=guess`;
    for (const protocols of [[], ['till.not-a-credential'], [`till.session.${launchToken()}x`], ['till.launch.'], [`till.${cashierSecret}`]]) {
      await expect(connect({ cookie: cookies, origin: server.origin }, '/ws', protocols), protocols.join()).rejects.toThrow('401');
    }
    await expect(connect({ cookie: cookies, origin: server.origin }, `/ws?secret=${cashierSecret}`, [])).rejects.toThrow('401');
    // The page's session secret opens it, and the handshake names that one back.
    const c = await connect({ origin: server.origin }, '/ws', ['till.not-a-credential', sessionProtocol()]);
    expect(c.ws.protocol).toBe(sessionProtocol());
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
    c.ws.send(JSON.stringify({ type: 'exec', channel: 'everything' }));
    expect(await c.next()).toMatchObject({ type: 'rejected' });
    expect(await c.closed).toBe(1008);
  });

  it('closes on what is not JSON', async () => {
    const c = await connect();
    c.ws.send('{not json');
    expect(await c.closed).toBe(1007);
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

describe('the customer display (items 2 and 11)', () => {
  async function display() {
    const c = await connect({ origin: server.origin }, '/ws', [`till.launch.${launchToken(server.customerUrl)}`]);
    expect(await c.next()).toMatchObject({ type: 'session', role: 'customer' });
    return c;
  }

  it('may call nothing: pay, refund, settings and the rest are refused', async () => {
    const c = await display();
    const calls: Array<[string, unknown]> = [
      ['pos:payment:start', { amount: '8.88', code: '287654321012345600' }],
      ['pos:refund:start', { outTradeNo: 'T1', amount: '8.88' }],
      ['pos:settings:set', { training: false }],
      ['pos:settings:get', {}],
      ['pos:payment:list', {}],
      ['pos:till:info', {}],
    ];
    for (const [i, [channel, req]] of calls.entries()) {
      c.ws.send(JSON.stringify({ type: 'call', id: i, channel, req }));
      expect(await c.next(), channel).toMatchObject({ type: 'result', id: i, result: { ok: false, error: { code: 'NOT_ALLOWED' } } });
    }
    c.ws.close();
  });

  it('hears only the customer view of a payment: no scans, no codes, no trade numbers', async () => {
    const customer = await display();
    // It asks for everything; the till keeps what its role may hear.
    customer.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:payment:changed', 'pos:scanner:scanned', 'pos:scanner:status', 'pos:customer:changed'] }));
    const cashier = await connect();
    cashier.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:payment:changed'] }));
    const quiet = await connect();
    const code = '287654321012345601';
    server.push('pos:scanner:scanned', { code, provider: 'alipay', accepted: true, at: 1 });
    cashier.ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'pos:payment:start', req: { amount: '8.88', code } }));
    const until = async (c: typeof cashier, event: string) => {
      const got: Message[] = [];
      for (;;) {
        const m = await c.next();
        got.push(m);
        if (m.type === 'push' && m.event === event && (m.payload as { status: string }).status === 'SUCCESS') return got;
      }
    };
    const seenByCustomer = await until(customer, 'pos:customer:changed');
    await until(cashier, 'pos:payment:changed');
    expect(new Set(seenByCustomer.map((m) => m.event))).toEqual(new Set(['pos:customer:changed']));
    const last = seenByCustomer.at(-1)!.payload as Record<string, unknown>;
    expect(Object.keys(last).sort()).toEqual(['amount', 'amountFen', 'provider', 'shopName', 'state', 'status', 'training']);
    expect(last).toMatchObject({ amount: '8.88', amountFen: 888, status: 'SUCCESS' });
    const text = JSON.stringify(seenByCustomer);
    expect(text).not.toContain(code.slice(-4));
    // A socket that asked for nothing hears nothing.
    server.push('pos:scanner:scanned', { code, provider: 'alipay', accepted: true, at: 2 });
    quiet.ws.send(JSON.stringify({ type: 'call', id: 5, channel: 'pos:till:info', req: {} }));
    expect(await quiet.next()).toMatchObject({ type: 'result', id: 5 });
    expect(quiet.messages).toEqual([]);
    for (const c of [customer, cashier, quiet]) c.ws.close();
  });
});
