// A WeChat Pay sale at the counter in Chromium against browser mode: the scanner's burst of a
// WeChat code (prefix 13, 18 digits) picks the WeChat adapter, which pays through the WeChat
// training gateway the till runs in-process (training mode: both training gateways).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, screenshot, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

/** WeChat training codes: the last two digits choose the buyer (README, WeChat table). */
const WECHAT_CONFIRMS_THEN_PAYS = '134567890123456701';

let till: TillServer;
let page: Page;

useE2eTill({ paysAfterMs: 800, waitSeconds: 30 }, (s) => ({ till, page } = s));

describe('a WeChat Pay sale', () => {
  it('pays a WeChat code scanned as a burst: waiting, then paid, shown as 微信支付 in its colour', async () => {
    await typeLikeAPerson(page, '12.34');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, WECHAT_CONFIRMS_THEN_PAYS);
    await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
    await screenshot(page, 'wechat-waiting');
    await waitForScreen(page, '[data-screen=paid]');
    expect(await page.getByTestId('status').textContent()).toBe('支付成功');
    expect((await page.getByTestId('amount').textContent())?.trim()).toBe('¥12.34');
    expect(await page.getByTestId('trade-no').textContent()).toMatch(/^4200\d{24}$/);
    const provider = page.locator('.provider--wechat').first();
    expect(await provider.textContent()).toBe('微信支付');
    await screenshot(page, 'wechat-paid');
    const latest = till.host.till.journal.listAttempts({ limit: 10 }).sort((a, b) => b.createdAt - a.createdAt)[0]!;
    expect(latest).toMatchObject({ provider: 'wechat', amountFen: 1234, state: 'SUCCESS' });
  });
});
