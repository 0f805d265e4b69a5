// issue 9 item 15 in Chromium: the customer display shows the training strip and the shop's name
// from the moment it opens, why a payment did not go through in the customer's words, and
// "款项将原路退回" after a refund.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { customerLayoutProblems } from './helpers/customerLayout.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';
import type { BrowserContext } from 'playwright-core';

const PAYS_NOW = '287654321012345600';
const BALANCE_LOW = '287654321012345603';

let till: TillServer;
let context: BrowserContext;
let page: Page;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ till, context, page } = s));

async function openDisplay(): Promise<Page> {
  const display = await context.newPage();
  await display.setViewportSize({ width: 1024, height: 600 });
  await display.goto(till.server.customerUrl);
  return display;
}

async function leaveResult(p: Page): Promise<void> {
  await expect.poll(async () => {
    await p.keyboard.press('F1');
    return p.locator('[data-screen=amount]').count();
  }, { timeout: 10_000 }).toBe(1);
}

describe('the customer display', () => {
  it('has the training strip and the shop from the start, says why a payment failed, and that a refund goes back', async () => {
    const display = await openDisplay();
    // Nothing has happened yet: the display asked the cashier's page, which told it.
    await display.waitForSelector('[data-status=idle] .customer__training');
    expect(await display.getByTestId('customer-shop').innerText()).toContain('测试便利店');
    await docScreens(display, 'customer-idle');

    await typeLikeAPerson(page, '5');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, BALANCE_LOW);
    await waitForScreen(page, '[data-screen=failed]');
    await display.waitForSelector('[data-status=failed] [data-testid=customer-reason][data-reason=balance]');
    const failed = (await display.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(failed).toContain('余额不足，请更换付款方式后重新出示付款码');
    expect(failed).toContain('Not enough balance');
    // The gateway's own words and codes stay on the cashier's side.
    expect(failed).not.toMatch(/ACQ\.|BALANCE_NOT_ENOUGH|5603/);
    // The longest words the display has: still clear of the shop's header and inside the window.
    expect(await customerLayoutProblems(display)).toEqual([]);
    await docScreens(display, 'customer-failed');
    await leaveResult(page);

    await typeLikeAPerson(page, '8.8');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    await display.waitForSelector('[data-status=paid]');
    await expect.poll(async () => {
      await page.keyboard.press('F2');
      return page.locator('[data-screen=history]').count();
    }, { timeout: 10_000 }).toBe(1);
    await page.waitForSelector('[data-testid=payments] tbody tr');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=detail] [data-testid=refund]');
    expect(await page.getByTestId('detail-amount').textContent()).toBe('¥8.80');
    await page.bringToFront();
    await page.getByTestId('refund').click();
    await page.waitForSelector('[data-screen=refund][data-phase=editing]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=refund][data-phase=done]');
    await display.waitForSelector('[data-status=refunded] [data-reason=refunded]');
    const refunded = (await display.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(refunded).toContain('¥8.80');
    expect(refunded).toContain('款项将原路退回');
    expect(await customerLayoutProblems(display)).toEqual([]);
    await docScreens(display, 'customer-refunded');
  });
});
