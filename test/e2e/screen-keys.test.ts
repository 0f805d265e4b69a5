// try.md item 12 in Chromium: keys do what the screen says. F7 on the F2 list goes to 对账 (the
// footer offers it), on a payment's detail it is that payment's refund and the footer no longer
// offers 对账; on 对账 the provider is picked with 1/2 and a typed 20261202 is 2026-12-02; the
// cashier prompt's names are picked with 1…9 and 签退 has its key.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

const PAYS_NOW = '287654321012345600';

let page: Page;
let till: TillServer;
useE2eTill({ paysAfterMs: 800, screen: { resultGuardMs: 200, confirmAboveYuan: null }, cashiers: { list: [{ id: '001', name: '张三' }, { id: '002', name: '李四' }] } }, (s) => ({ page, till } = s));

async function signIn(p: Page): Promise<void> {
  if (await p.getByTestId('cashier-prompt').count()) {
    await p.keyboard.press('1');
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid=cashier-prompt]', { state: 'detached' });
  }
}

describe('keys that do what the screen says (try.md item 12)', () => {
  it('F7 on the F2 list opens 对账; on a detail F7 is the refund and the footer has no F7 对账', async () => {
    await signIn(page);
    await typeLikeAPerson(page, '3.00');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');

    await page.keyboard.press('F2');
    await waitForScreen(page, '[data-screen=history] tbody tr');
    expect(await page.getByTestId('nav-reconcile').count()).toBe(1);
    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=reconcile]');

    await page.keyboard.press('F2');
    await waitForScreen(page, '[data-screen=history] tbody tr');
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=detail]');
    expect(await page.getByTestId('nav-reconcile').count()).toBe(0);
    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=refund]');
    expect(await page.locator('[data-screen=reconcile]').count()).toBe(0);
  });

  it('对账: 2 picks 微信支付 and 1 支付宝 without the mouse; 20261202 typed in the day is 2026-12-02; a bad day is said, not run', async () => {
    await signIn(page);
    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=reconcile]');
    const provider = page.getByTestId('reconcile-provider');
    await page.keyboard.press('2');
    await expect.poll(() => provider.inputValue()).toBe('wechat');
    await page.keyboard.press('1');
    await expect.poll(() => provider.inputValue()).toBe('alipay');

    const day = page.getByTestId('reconcile-day');
    await day.click();
    await day.press('Control+A');
    await day.press('Backspace');
    await typeLikeAPerson(page, '20261202');
    await expect.poll(() => day.inputValue()).toBe('20261202');
    await page.keyboard.press('Enter');
    await expect.poll(() => till.sim.requests().some((r) => r.method === 'alipay.data.dataservice.bill.downloadurl.query' && JSON.stringify(r.biz ?? '').includes('2026-12-02')), { timeout: 10_000 }).toBe(true);
    // ↑/↓ in the field step a day; Esc leaves the field, then 2 picks the provider again.
    await day.press('ArrowDown');
    await expect.poll(() => day.inputValue()).toBe('2026-12-01');
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await expect.poll(() => provider.inputValue()).toBe('wechat');

    await day.click();
    await day.press('Control+A');
    await typeLikeAPerson(page, '20261332');
    await expect.poll(() => day.inputValue()).toBe('20261332');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reconcile-keys').innerText()).toContain('日期无效');
  });

  it('the cashier prompt: 2 puts 李四 in, Enter signs in; on F12, F9 signs out', async () => {
    // Earlier tests signed a cashier in (the core keeps who is on duty): F12 asks again.
    if ((await page.getByTestId('cashier-prompt').count()) === 0) await page.keyboard.press('F12');
    await page.waitForSelector('[data-testid=cashier-prompt]');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('cashier-id').inputValue()).toBe('002');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=cashier-prompt]', { state: 'detached' });
    expect(await page.getByTestId('cashier').innerText()).toContain('李四');
    await page.keyboard.press('F12');
    await page.waitForSelector('[data-testid=cashier-sign-out]');
    expect(await page.getByTestId('cashier-sign-out').innerText()).toContain('F9');
    await page.keyboard.press('F9');
    await expect.poll(async () => (await page.getByTestId('cashier').innerText()).includes('李四'), { timeout: 5000 }).toBe(false);
  });
});
