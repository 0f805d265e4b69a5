// issue 9 item 13 in Chromium: the QR on a receipt (its out_trade_no), scanned on F2, opens that
// payment; a refund asks for its reason and, with a manager PIN set on the till, for the PIN
// (a wrong one refunds nothing); F7 in the refund takes the whole remainder.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

const PAYS_NOW = '287654321012345600';

let till: TillServer;
let page: Page;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ till, page } = s));

const refunds = () => till.sim.requests().filter((r) => r.method === 'alipay.trade.refund').length;

/** A QR scanner reading the receipt: the order number's keys at scanner speed, then its Enter. */
async function scanReceipt(p: Page, outTradeNo: string): Promise<void> {
  await p.keyboard.type(outTradeNo, { delay: 4 });
  await p.keyboard.press('Enter');
}

describe('refunds from the receipt', () => {
  it('opens the payment from its receipt QR on F2, asks the reason and the manager PIN, F7 takes the rest', async () => {
    new ManagerPin(till.dir).set('2468');
    await typeLikeAPerson(page, '30');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    const outTradeNo = till.host.till.journal.listAttempts({}).find((a) => a.state === 'SUCCESS')?.outTradeNo as string;
    expect(outTradeNo).toMatch(/^TR\d+$/);

    await expect.poll(async () => {
      await page.keyboard.press('F2');
      return page.locator('[data-screen=history]').count();
    }, { timeout: 10_000 }).toBe(1);
    // F2 puts the focus in its search box, where a keyboard-wedge scanner's keys land.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search');
    await scanReceipt(page, outTradeNo);
    await page.waitForSelector('[data-screen=detail]');
    expect(await page.getByTestId('detail-amount').textContent()).toBe('¥30.00');

    // Part of it, for a reason, with a wrong PIN first: nothing goes out until the PIN is right.
    await page.keyboard.press('F7');
    await page.waitForSelector('[data-screen=refund][data-phase=editing]');
    await page.getByTestId('refund-amount').fill('');
    await typeLikeAPerson(page, '10');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=reason]');
    await docScreens(page, 'refund-reason', { scrollTo: '[data-screen=refund]' });
    await page.keyboard.press('3');
    await page.waitForSelector('[data-screen=refund][data-phase=confirming]');
    expect(await page.getByTestId('refund-reason').textContent()).toBe('原因：多收或错收');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=pin]');
    expect(refunds()).toBe(0);
    await page.getByTestId('refund-pin').fill('1111');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=refund-pin-problem]');
    expect(await page.getByTestId('refund-pin-problem').textContent()).toContain('店长密码错误');
    expect(refunds()).toBe(0);
    await docScreens(page, 'refund-pin', { scrollTo: '[data-screen=refund]' });
    await page.getByTestId('refund-pin').fill('2468');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=done]');
    expect(await page.getByTestId('refund-outcome').textContent()).toBe('退款成功：¥10.00（尚可退 ¥20.00）');
    expect(refunds()).toBe(1);

    // The rest: F7 in the refund sets the whole remainder and goes on to the reason.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F7');
    await page.waitForSelector('[data-screen=refund][data-phase=editing]');
    await page.getByTestId('refund-amount').fill('1');
    await page.keyboard.press('F7');
    await page.waitForSelector('[data-screen=refund][data-phase=reason]');
    expect(await page.getByTestId('refund-reason-question').textContent()).toContain('¥20.00');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=pin]');
    await page.getByTestId('refund-pin').fill('2468');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=done]');
    await expect.poll(() => page.getByTestId('left').textContent()).toBe('¥0.00');
    expect(refunds()).toBe(2);
  });
});
