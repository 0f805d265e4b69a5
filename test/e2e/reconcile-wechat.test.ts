// issue 12 in Chromium: 对账 for WeChat Pay. The till's own WeChat training gateway (started in the
// till's process on first use) serves the day's WeChat bill (gzip CSV with backticks, SHA1 named by
// a signed answer) over loopback HTTP; the planted difference of WeChat code …12 is listed, and a
// click opens that payment.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';

const WX_PAYS_NOW = '134567890123456700';
const WX_PLANTED = '134567890123456712';

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

describe('F7: 对账 for WeChat Pay', () => {
  it('fetches the WeChat bill, lists the planted difference and opens its payment', async () => {
    await sale(page, '4.00', WX_PAYS_NOW);
    await sale(page, '6.00', WX_PLANTED);

    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=reconcile]');
    await page.getByTestId('reconcile-day').fill(shanghaiDay(Date.now()));
    await page.getByTestId('reconcile-provider').selectOption('wechat');
    await page.getByTestId('reconcile-run').click();
    const row = page.locator('[data-testid=reconcile-diffs] tr[data-kind=amount-differs]');
    await waitForScreen(page, '[data-testid=reconcile-diffs] tr[data-kind=amount-differs]');
    expect(await page.locator('[data-testid=reconcile-diffs] tbody tr').count()).toBe(1);
    expect(await row.textContent()).toMatch(/金额不符.*¥7\.00.*¥6\.00.*SUCCESS/);
    expect(await page.getByTestId('reconcile-summary').textContent()).toMatch(/已核对支付1 · ¥4\.00/);

    await row.click();
    await waitForScreen(page, '[data-screen=detail]');
    expect(await page.getByTestId('detail-amount').textContent()).toBe('¥6.00');
    expect(await page.locator('[data-screen=detail] .provider--wechat').count()).toBe(1);
  });
});
