// issue 14 in Chromium: a paid sale that earns a cash red packet. The cashier sees 支付成功 at once
// and the packet follows; the customer display says "已获得现金红包 ¥2.00"; the receipt carries the
// same line. The till runs its own training gateway in certificate mode (the chain minted in its
// data folder), as a training till with promotions does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserServer } from '../../app/browser/BrowserServer.ts';
import { parseConfig } from '../../app/config/config.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { launchChromium, scanCode, screenshot, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { buildRenderer } from './helpers/renderer.ts';

const PAYS_NOW = '287654321012345600';

let dir: string;
let rendererDir: string;
let server: BrowserServer;
let host: TillHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  rendererDir = await buildRenderer();
  dir = mkdtempSync(join(tmpdir(), 'till-e2e-cb-'));
  server = await BrowserServer.start({ rootDir: rendererDir, onUnexpected: (e) => console.error(e) });
  const config = parseConfig({
    dataDir: dir,
    shop: { name: '测试便利店' },
    payment: { waitSeconds: 5, pollIntervalMs: 200, requestTimeoutMs: 3000 },
    promotions: [{ id: 'spring', minSpend: '50.00', amount: '2.00', dailyBudget: '200.00', title: '感谢光临' }],
  }, dir);
  host = new TillHost({ config, box: filePermissionBox, push: (e, p) => server.push(e, p), version: 'e2e', customerDisplayUrl: server.customerUrl, onUnexpected: (e) => console.error(e) });
  await host.open();
  server.attach(host.handlers);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-screen=amount]');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('a sale that earns a cash red packet', () => {
  it('shows the packet on the cashier screen, the customer display and the receipt', async () => {
    const display = await context.newPage();
    await display.setViewportSize({ width: 1024, height: 600 });
    await display.goto(server.customerUrl);
    await display.waitForSelector('[data-status=idle]');

    await typeLikeAPerson(page, '58');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    expect(await page.getByTestId('status').textContent()).toBe('支付成功');

    // The packet follows the paid result: sent at the training gateway, then on both screens.
    const sale = host.till.journal.listAttempts({}).find((a) => a.state === 'SUCCESS')!;
    await expect.poll(() => host.till.cashback?.forSale(sale.outTradeNo)?.state, { timeout: 20_000 }).toBe('SENT');
    await page.waitForSelector('[data-testid=cashback][data-state=SENT]');
    expect(await page.getByTestId('cashback').textContent()).toBe('已获得现金红包 ¥2.00');
    await display.waitForSelector('[data-status=paid]');
    await display.waitForSelector('[data-testid=customer-cashback][data-state=SENT]');
    expect(await display.getByTestId('customer-cashback').textContent()).toBe('已获得现金红包 ¥2.00Cash red packet received: ¥2.00');
    await screenshot(page, 'cashback-paid');
    await screenshot(display, 'customer-cashback');

    expect(host.till.cashback!.forSale(sale.outTradeNo)).toMatchObject({ state: 'SENT', amount: '2.00' });

    // The receipt: no printer in browser mode, so F8 shows it; its text carries the packet line.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount]');
    await display.waitForSelector('[data-status=idle], [data-status=amount]');
    expect(await display.getByTestId('customer-cashback').count()).toBe(0);
    await page.keyboard.press('F8');
    await page.waitForSelector('[data-testid=receipt-image]');
    // (receipts print the yuan sign full-width, as GBK printers have it)
    expect(await page.getByTestId('receipt-image').getAttribute('alt')).toMatch(/已获得现金红包 [¥￥]2\.00/);
    await screenshot(page, 'cashback-receipt');
  });
});
