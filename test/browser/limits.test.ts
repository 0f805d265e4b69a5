// Issue 10 item 8: what one screen can make the till hold. Before, 20,000 unread calls grew the
// server from 190 MB to 360 MB and never gave it back. Each attack here runs against a real server
// on 127.0.0.1 with lowered limits, and must end with the till holding no more than its limit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { BrowserServer } from '../../app/browser/BrowserServer.ts';
import type { Handlers } from '../../app/ipc/dispatch.ts';

let dir: string;
let server: BrowserServer;
let secret: string;
let inFlight = 0;
let maxInFlight = 0;
const gates: Array<() => void> = [];
const BIG = 'x'.repeat(32 * 1024);

const handlers = {
  'pos:till:info': async () => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((open) => gates.push(open));
    inFlight -= 1;
    return { training: true, shopName: 's', version: 't', customerDisplayUrl: null };
  },
  'pos:payment:list': async () => [{ outTradeNo: BIG }],
} as unknown as Handlers;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'till-limits-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  server = await BrowserServer.start({ rootDir: join(dir, 'renderer'), limits: { maxConnections: 3, maxCallsInFlight: 4, maxUnsentBytes: 64 * 1024 } });
  server.attach(handlers);
  const c = await open([`till.launch.${new URL(server.url).hash.slice('#launch='.length)}`]);
  secret = (JSON.parse(String(await c.first)) as { secret: string }).secret;
  c.ws.close();
  await vi.waitFor(() => expect(server.connections).toBe(0));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(protocols = [`till.session.${secret}`]): Promise<{ ws: WebSocket; first: Promise<unknown>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers: { origin: server.origin } });
    const first = new Promise((r) => ws.once('message', r));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('open', () => resolve({ ws, first, closed }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    ws.on('error', reject);
  });
}

describe('limits per screen', () => {
  it('runs at most maxCallsInFlight calls of one screen at once, however many it sends', async () => {
    const c = await open();
    const answers: unknown[] = [];
    c.ws.on('message', (d) => answers.push(JSON.parse(String(d))));
    for (let id = 0; id < 200; id++) c.ws.send(JSON.stringify({ type: 'call', id, channel: 'pos:till:info', req: {} }));
    await vi.waitFor(() => expect(inFlight).toBe(4));
    while (answers.length < 200) {
      await vi.waitFor(() => expect(gates.length + answers.length).toBeGreaterThan(0));
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(maxInFlight).toBe(4);
    expect(answers).toHaveLength(200);
    c.ws.close();
  });

  it('cuts off a screen that stops reading its answers once maxUnsentBytes wait for it', async () => {
    const c = await open();
    // The attacker's client sends and never reads: its socket is paused, so answers pile up.
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let id = 0; id < 600; id++) c.ws.send(JSON.stringify({ type: 'call', id, channel: 'pos:payment:list', req: {} }));
    // 600 answers of 32 KB are about 19 MB: far more than the kernel buffers and the limit.
    await vi.waitFor(() => expect(server.connections).toBe(0), { timeout: 20_000 });
    (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await c.closed).toBe(1006);
  });

  it('refuses more than maxConnections sockets', async () => {
    const held = [await open(), await open(), await open()];
    await expect(open()).rejects.toThrow('503');
    for (const c of held) c.ws.close();
  });
});
