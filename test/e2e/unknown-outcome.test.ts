// An outcome nobody can confirm (the gateway cannot be reached for pay, query or cancel) stays on
// screen as unknown, survives a reload, blocks a new sale, and is settled by the resolve action
// once the till can reach a gateway again (field-notes.md items 3 and 4).
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, scanCode, screenshot, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { buildRenderer } from './helpers/renderer.ts';
import { startTillServer, type TillServer } from './helpers/tillServer.ts';

let rendererDir: string;
let till: TillServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rendererDir = await buildRenderer();
  till = await startTillServer({ rendererDir, gateway: 'refusing', waitSeconds: 5 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await till?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('an unknown outcome', () => {
  it('is shown with what the till is doing, blocks new sales, and is settled by the resolve action', async () => {
    await page.goto(till.server.url);
    await page.waitForSelector('[data-screen=amount]');
    await typeLikeAPerson(page, '9.99');
    await page.keyboard.press('Enter');
    await scanCode(page, '287654321012345600');
    await page.waitForSelector('[data-screen=waiting]');
    // Pay fails, queries fail until the wait limit, cancels fail: the till cannot know.
    await waitForScreen(page, '[data-screen=unknown]', 40_000);
    expect(await page.getByTestId('status').textContent()).toBe('支付结果未确认');
    expect(await page.locator('.doing').textContent()).toBe('收银台正在向支付宝查询；顾客未付款的将自动撤销。');
    expect(await page.getByTestId('unknown-warning').textContent()).toBe('结果确认前请勿重复收款，请顾客稍候。');
    expect(await page.getByTestId('amount').textContent()).toBe('¥9.99');
    await screenshot(page, 'sale-unknown');

    // A reload (or a restart of the screen) comes back to it before anything else.
    await page.reload();
    await page.waitForSelector('[data-screen=unknown]');
    await page.keyboard.press('F1');
    expect(await page.getByTestId('notice').textContent()).toBe('上一笔支付确认前不能开始新收款');
    await page.waitForSelector('[data-screen=unknown]');
    // A scan now is not a new payment.
    await scanCode(page, '287654321012345600');
    await expect.poll(() => page.locator('[data-screen=unknown] .problem').last().textContent()).toContain('5600');
    const attempts = till.host.till.journal.listAttempts({ limit: 10 });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.state).toBe('UNKNOWN');

    // The till reaches a gateway again (its start-up pass settles it quietly), and the resolve
    // action brings the answer to the screen.
    await till.restartHost({ holdPushesUntilOpen: true });
    expect(await page.locator('[data-screen=unknown]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
    expect(await page.getByTestId('status').textContent()).toBe('已撤销，未收款');
    expect(await page.getByTestId('reason').textContent()).toContain('未扣款');
    await screenshot(page, 'sale-unknown-resolved');
    // A result holds off keys for a guard time (issue 9 item 1); the screen says when it is over.
    await page.waitForSelector('[data-guard=off]');
    // And only now may the next sale start.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-screen=amount]');
  });
});
