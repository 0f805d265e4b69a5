// A customer display that connects after the till started (on this machine or another, or back
// after a dropped link) is told what to show at once (issue 9 item 15): the current customer view,
// with the training strip, shop name and logo, sent when its socket subscribes. Real HTTP and
// WebSocket on 127.0.0.1, a real TillHost with a logo file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BrowserServer } from '../../app/browser/BrowserServer.ts';
import { parseConfig } from '../../app/config/config.ts';
import { customerGreeting } from '../../app/host/customerNow.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { shopLogoPng } from '../helpers/logoPng.ts';

let dir: string;
let server: BrowserServer;
let host: TillHost;
const LOGO = shopLogoPng();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'till-greeting-'));
  const root = join(dir, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>till</title>');
  writeFileSync(join(root, 'customer.html'), '<!doctype html><title>customer</title>');
  writeFileSync(join(dir, 'logo.png'), LOGO);
  server = await BrowserServer.start({ rootDir: root });
  host = new TillHost({ config: parseConfig({ dataDir: join(dir, 'data'), shop: { name: '测试便利店', logoPath: 'logo.png' } }, dir), box: filePermissionBox, push: server.push, version: 'test' });
  await host.open();
});

afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

type Message = { type: string; event?: string; payload?: Record<string, unknown>; secret?: string; role?: string };

/** A socket with the given launch token or session secret; `drain()` takes what has arrived and was not read. */
function connect(protocol: string): Promise<{ ws: WebSocket; next(): Promise<Message>; drain(): Message[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, [protocol], { headers: { origin: server.origin } });
    const messages: Message[] = [];
    const waiters: Array<(m: Message) => void> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Message;
      const w = waiters.shift();
      if (w) w(m);
      else messages.push(m);
    });
    ws.on('open', () => resolve({ ws, next: () => new Promise((r) => (messages.length ? r(messages.shift()!) : waiters.push(r))), drain: () => messages.splice(0) }));
    ws.on('error', reject);
  });
}

const launch = (url: string) => `till.launch.${new URL(url).hash.replace(/^#launch=/, '')}`;

/** A round trip on a second socket: whatever the first was sent before it, it has by then. */
async function settled(c: { ws: WebSocket }): Promise<void> {
  await new Promise<void>((done) => c.ws.ping(undefined, undefined, () => done()));
  await new Promise((r) => setImmediate(r));
}

describe('a customer display that connects', () => {
  it('hears nothing before the till is open, however it subscribes', async () => {
    const c = await connect(launch(server.customerUrl));
    expect(await c.next()).toMatchObject({ type: 'session', role: 'customer' });
    c.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed'] }));
    await settled(c);
    expect(c.drain()).toEqual([]);
    c.ws.close();
  });

  it('is sent the idle view at once, before any payment: training strip, shop name and logo', async () => {
    server.attach(host.handlers, customerGreeting(() => host.customerView()));
    const c = await connect(launch(server.customerUrl));
    const session = await c.next();
    c.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed', 'pos:customer:cashback'] }));
    const m = await c.next();
    expect(m).toMatchObject({ type: 'push', event: 'pos:customer:changed', payload: { idle: true, training: true, shopName: '测试便利店' } });
    expect(m.payload!.logo).toBe(`data:image/png;base64,${LOGO.toString('base64')}`);
    c.ws.close();
    // Back after a dropped link, with its session secret: told again.
    const again = await connect(`till.session.${session.secret!}`);
    again.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed'] }));
    expect(await again.next()).toMatchObject({ type: 'push', event: 'pos:customer:changed', payload: { idle: true, shopName: '测试便利店' } });
    again.ws.close();
  });

  it('is not sent to a display that did not ask for it, nor to the cashier\'s screen', async () => {
    const display = await connect(launch(server.customerUrl));
    await display.next();
    display.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:cashback'] }));
    const cashier = await connect(launch(server.url));
    await cashier.next();
    cashier.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed', 'pos:payment:changed'] }));
    await settled(display);
    await settled(cashier);
    expect(display.drain()).toEqual([]);
    expect(cashier.drain()).toEqual([]);
    display.ws.close();
    cashier.ws.close();
  });

  it('displays already connected are told when the till reopens (a new shop name or logo)', async () => {
    const c = await connect(launch(server.customerUrl));
    await c.next();
    c.ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed'] }));
    await c.next();
    await host.reopen();
    expect(await c.next()).toMatchObject({ type: 'push', event: 'pos:customer:changed', payload: { idle: true, shopName: '测试便利店' } });
    c.ws.close();
  });
});
