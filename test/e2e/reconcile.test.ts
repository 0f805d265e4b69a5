// issue 12 in Chromium: F7 opens 对账; the training gateway's day bill (Alipay zip of GBK CSVs,
// over loopback HTTP) is matched with the journal; the planted difference of code …12 (the bill
// lists it one yuan high) is listed with its kind, and a click opens that payment's detail with
// its journal events.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';

const PAYS_NOW = '287654321012345600';
const PLANTED = '287654321012345612';

let page: Page;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ page } = s));

async function sale(p: Page, amount: string, code: string): Promise<void> {
  await typeLikeAPerson(p, amount);
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-screen=scan]');
  await scanCode(p, code);
  await waitForScreen(p, '[data-screen=paid]');
  await expect.poll(async () => {
    await p.keyboard.press('F1');
    return p.locator('[data-screen=amount]').count();
  }, { timeout: 10_000 }).toBe(1);
}

describe('F7: 对账', () => {
  it('lists the planted difference with its kind and opens its payment with the journal events', async () => {
    await sale(page, '3.00', PAYS_NOW);
    await sale(page, '6.00', PLANTED);

    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=reconcile]');
    await page.getByTestId('reconcile-day').fill(shanghaiDay(Date.now()));
    await page.getByTestId('reconcile-run').click();
    const row = page.locator('[data-testid=reconcile-diffs] tr[data-kind=amount-differs]');
    await waitForScreen(page, '[data-testid=reconcile-diffs] tr[data-kind=amount-differs]');
    expect(await page.locator('[data-testid=reconcile-diffs] tbody tr').count()).toBe(1);
    expect(await row.textContent()).toMatch(/金额不符.*¥7\.00.*¥6\.00.*SUCCESS/);
    expect(await page.getByTestId('reconcile-summary').textContent()).toMatch(/已核对支付1 · ¥3\.00/);

    const outTradeNo = (await row.getAttribute('data-out-trade-no'))!;
    await row.click();
    await waitForScreen(page, '[data-screen=detail]');
    expect(await page.getByTestId('detail-amount').textContent()).toBe('¥6.00');
    expect(await page.locator('[data-screen=detail]').textContent()).toContain(outTradeNo);
    // Its journal events: created, sent, paid.
    expect(await page.locator('[data-screen=detail] ol.events li').count()).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-testid=reconcile-diffs]');
  });
});
