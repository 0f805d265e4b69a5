// try.md item 15 in Chromium at 800x600 (and English): the F2 detail's records do not show through
// below its action bar; the 对账 result reads label — value; the second amount's hint is on screen
// with its Esc; the English footer fits; a refusal on the amount screen keeps 上一笔 in view.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { layoutFaults } from './helpers/layoutChecks.ts';
import { useE2eTill } from './helpers/session.ts';

const PAYS_NOW = '287654321012345600';
let page: Page;
useE2eTill({ paysAfterMs: 800, screen: { resultGuardMs: 200, confirmAboveYuan: null } }, (s) => ({ page } = s));

async function sale(p: Page, amount: string): Promise<void> {
  await typeLikeAPerson(p, amount);
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-screen=scan]');
  await scanCode(p, PAYS_NOW);
  await waitForScreen(p, '[data-screen=paid]');
  await expect.poll(async () => {
    await p.keyboard.press('F1');
    return p.locator('[data-screen=amount]').count();
  }, { timeout: 10_000 }).toBe(1);
}

describe('800x600 and English (try.md item 15)', () => {
  it('F2 detail, 对账 result, second amount, English footer, refusal with 上一笔: no layout fault', async () => {
    const faults: string[] = [];
    await page.setViewportSize({ width: 800, height: 600 });
    await sale(page, '30.00');

    // (f) a refusal on the amount screen (part over the total) with 上一笔 shown.
    await typeLikeAPerson(page, '5');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=undiscountable-field][data-focused=on]');
    await typeLikeAPerson(page, '9');
    // (c) the second amount's hint with its keys.
    for (const f of await layoutFaults(page)) faults.push(`second amount: ${f}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount] .problem');
    for (const f of await layoutFaults(page)) faults.push(`refusal: ${f}`);
    // (e) English, the part still shown: the footer's last key (F4) fits.
    await page.keyboard.press('F4');
    for (const f of await layoutFaults(page)) faults.push(`english amount: ${f}`);
    await page.keyboard.press('F4');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // (a) F2 detail, scrolled to where the records meet the action bar.
    await page.keyboard.press('F2');
    await waitForScreen(page, '[data-screen=history] tbody tr');
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=detail] .events');
    for (const top of [0, 120, 240, 100_000]) {
      await page.evaluate((y) => document.querySelector('.till__main')!.scrollTo(0, y), top);
      for (const f of await layoutFaults(page)) faults.push(`detail scrolled ${top}: ${f}`);
    }

    // (b) the 对账 result.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F7');
    await waitForScreen(page, '[data-screen=reconcile]');
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=reconcile][data-state=ready], [data-screen=reconcile][data-state=error]');
    if (await page.locator('[data-screen=reconcile][data-state=ready]').count()) {
      for (const f of await layoutFaults(page)) faults.push(`reconcile: ${f}`);
    } else faults.push('reconcile: no result to measure');

    expect([...new Set(faults)]).toEqual([]);
  });
});
