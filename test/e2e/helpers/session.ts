// The set-up every cashier-screen e2e file shares: build the screen, start browser mode on a
// training gateway, launch Chromium, and open a fresh page on the amount screen before each test.
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser.ts';
import { buildRenderer } from './renderer.ts';
import { startTillServer, type TillServer } from './tillServer.ts';

export type E2eSession = { till: TillServer; browser: Browser; context: BrowserContext; page: Page };

export function useE2eTill(o: Omit<Parameters<typeof startTillServer>[0], 'rendererDir'>, bind: (s: E2eSession) => void): void {
  let rendererDir: string;
  let till: TillServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    rendererDir = await buildRenderer();
    till = await startTillServer({ rendererDir, ...o });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await till?.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(till.server.url);
    await page.waitForSelector('[data-screen=amount]');
    bind({ till, browser, context, page });
  });
}
