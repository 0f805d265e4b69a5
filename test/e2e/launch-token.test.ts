// Issue 10 item 1 in a real Chromium with a real profile on disk: the printed address opens the
// till once, leaves no credential in the address bar, and what Chromium's History database keeps
// of it opens nothing. A second page opened from the same address is refused.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildRenderer } from './helpers/renderer.ts';
import { startTillServer, type TillServer } from './helpers/tillServer.ts';

let rendererDir: string;
let till: TillServer;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  rendererDir = await buildRenderer();
  till = await startTillServer({ rendererDir });
  profileDir = mkdtempSync(join(tmpdir(), 'till-profile-'));
  // A persistent profile, as a kiosk browser has: History is written to disk.
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await till?.close();
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

/** Opens a socket the way a hand-made client would, offering `protocols`; resolves with the HTTP status or 101. */
function tryOpen(protocols: string[], headers: Record<string, string> = { origin: till.server.origin }): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${till.server.port}/ws`, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('the printed address in Chromium', () => {
  it('a tab opened with a used address says so and how to get a new one, not that a payment is unconfirmed (try.md item 7)', async () => {
    const address = till.server.url;
    // A browser of its own: the customer display's reusable address must not land in the History
    // the next test reads.
    const ownProfile = mkdtempSync(join(tmpdir(), 'till-profile-'));
    const own = await chromium.launchPersistentContext(ownProfile, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const customer = await own.newPage();
    await customer.goto(till.server.customerUrl);
    const first = await own.newPage();
    await first.goto(address);
    await first.waitForSelector('[data-screen=amount]');
    const again = await own.newPage();
    await again.goto(address);
    await again.waitForSelector('[data-screen=link-refused]');
    const text = await again.locator('body').innerText();
    expect(text).toContain('此地址已使用过');
    expect(text).toContain('pos serve');
    expect(text).toContain('此页面没有发起任何收款');
    expect(text).not.toContain('支付结果未确认');
    expect(text).not.toContain('请勿重复收款');
    expect(await again.locator('[data-screen=unknown]').count()).toBe(0);
    // The first tab goes on working, and the customer display (same browser) is not told the
    // refused tab's story (it said 正在确认支付结果 before).
    expect(await first.locator('[data-screen=amount]').count()).toBe(1);
    await again.reload();
    await again.waitForSelector('[data-screen=link-refused]');
    expect(await customer.locator('body').innerText()).not.toContain('正在确认');
    await customer.close();
    await own.close();
    rmSync(ownProfile, { recursive: true, force: true });
  });

  it('opens the till once, leaves no token in the address or the history, and a second opening is refused', async () => {
    const address = till.server.url;
    const launch = new URL(address).hash.slice('#launch='.length);
    const page = await context.newPage();
    await page.goto(address);
    await page.waitForSelector('[data-screen=amount]');
    // The address bar no longer holds the token: the page removed the fragment before connecting.
    expect(page.url()).toBe(`${till.server.origin}/`);
    const secret = await page.evaluate(() => sessionStorage.getItem('till.session'));
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const info = await page.evaluate(async () => (window as unknown as { pos: { till: { info(r: object): Promise<{ ok: boolean }> } } }).pos.till.info({}));
    expect(info.ok).toBe(true);
    // A reload keeps the session (sessionStorage), with no token in the address.
    await page.reload();
    await page.waitForSelector('[data-screen=amount]');
    expect((await page.evaluate(async () => (window as unknown as { pos: { till: { info(r: object): Promise<{ ok: boolean }> } } }).pos.till.info({}))).ok).toBe(true);

    // The same address in a second tab (sessionStorage is per tab): the token is spent.
    const second = await context.newPage();
    await second.goto(address);
    const secondInfo = await second.evaluate(async () => (window as unknown as { pos: { till: { info(r: object): Promise<{ ok: boolean; error?: { details?: unknown } }> } } }).pos.till.info({}));
    expect(secondInfo.ok).toBe(false);
    expect(await tryOpen([`till.launch.${launch}`])).toBe(401);

    // A hand-made client holding every cookie this browser has for 127.0.0.1, with a faked Origin.
    const cookies = (await context.cookies(till.server.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    expect(cookies).toBe('');
    expect(await tryOpen([], { origin: till.server.origin, cookie: `till_${till.server.port}=${launch}` })).toBe(401);
    expect(await tryOpen([`till.session.${secret}`])).toBe(101);

    await context.close();
    // What Chromium's History database keeps: never the session secret; the launch token, if at
    // all, only as a spent one.
    const historyFile = join(profileDir, 'Default', 'History');
    expect(existsSync(historyFile)).toBe(true);
    const db = new Database(historyFile, { readonly: true, fileMustExist: true });
    const urls = (db.prepare('SELECT url FROM urls').all() as Array<{ url: string }>).map((r) => r.url);
    db.close();
    expect(urls.some((u) => u.startsWith(till.server.origin))).toBe(true);
    expect(urls.join('\n')).not.toContain(secret!);
    for (const u of urls) {
      const kept = new URL(u).hash.match(/launch=([\w-]+)/)?.[1];
      if (kept) expect(await tryOpen([`till.launch.${kept}`]), 'a launch token kept in History').toBe(401);
    }
  });
});
