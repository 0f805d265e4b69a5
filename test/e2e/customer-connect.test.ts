// issue 9 item 15 in Chromium, for a customer display that is not beside the cashier's page: opened
// in a browser context of its own (no BroadcastChannel to the cashier's page, as on another
// machine), after the till started. The core tells it what to show the moment it connects: the
// training strip, the shop's name and logo before any payment, the payment at the counter when it
// connects in the middle of one; and the name's first character when no logo is configured.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { customerLayoutProblems } from './helpers/customerLayout.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill, type E2eSession } from './helpers/session.ts';
import { shopLogoPng } from '../helpers/logoPng.ts';

const NEVER_PAYS = '287654321012345602';

let s: E2eSession;
useE2eTill({ paysAfterMs: 800, waitSeconds: 60 }, (session) => (s = session));

const opened: BrowserContext[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

/** The display's own browser (context): nothing shared with the cashier's page but the till's address. */
async function remoteDisplay(): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1024, height: 600 } });
  opened.push(context);
  const display = await context.newPage();
  await display.goto(s.till.server.customerUrl);
  return display;
}

/** The logo as drawn: an image the browser decoded, at the test logo's own size. */
async function logoOf(display: Page): Promise<{ src: string; naturalWidth: number; naturalHeight: number; visible: boolean }> {
  const img = display.getByTestId('customer-logo');
  await img.waitFor();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  return img.evaluate((el: HTMLImageElement) => {
    const r = el.getBoundingClientRect();
    return { src: el.src.slice(0, 30), naturalWidth: el.naturalWidth, naturalHeight: el.naturalHeight, visible: r.width > 0 && r.height > 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth };
  });
}

describe('a customer display that connects on its own', () => {
  it('shows the training strip, the shop\'s name and logo before any payment', async () => {
    const display = await remoteDisplay();
    await display.waitForSelector('[data-status=idle] .customer__training');
    const words = (await display.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(words).toContain('培训模式');
    expect(words).toContain('欢迎光临');
    expect(await display.getByTestId('customer-shop').innerText()).toContain('测试便利店');
    expect(await logoOf(display)).toEqual({ src: 'data:image/png;base64,iVBORw0K', naturalWidth: 240, naturalHeight: 120, visible: true });
    expect(await customerLayoutProblems(display)).toEqual([]);
    await docScreens(display, 'customer-connected-idle');
  });

  it('shows the payment being paid when it connects in the middle of one, then follows it', async () => {
    await typeLikeAPerson(s.page, '23.45');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-screen=scan]');
    await scanCode(s.page, NEVER_PAYS);
    await waitForScreen(s.page, '[data-screen=waiting][data-state=WAITING]');

    const display = await remoteDisplay();
    await display.waitForSelector('[data-status=waiting]');
    expect(await display.getByTestId('customer-amount').innerText()).toBe('¥23.45');
    const words = (await display.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(words).toContain('请在手机上确认付款');
    expect(words).toContain('培训模式');
    expect(words).toContain('测试便利店');
    // Nothing of the customer's code, nor the order number, reaches the display.
    expect(words).not.toMatch(/5602|TR\d/);
    expect((await logoOf(display)).naturalWidth).toBe(240);
    expect(await customerLayoutProblems(display)).toEqual([]);
    await docScreens(display, 'customer-connected-waiting');

    // The cashier cancels: the display, with no cashier's page beside it, follows the core's pushes
    // and says it in the customer's words, which the core worked out.
    await s.page.keyboard.press('Escape');
    await waitForScreen(s.page, '[data-screen=failed][data-status=CANCELLED]');
    await display.waitForSelector('[data-status=failed] [data-testid=customer-reason][data-reason=cancelled]');
    expect((await display.locator('body').innerText()).replace(/\s+/g, ' ')).toContain('本次收款已取消，如已扣款将原路退回');
    expect(await customerLayoutProblems(display)).toEqual([]);
    // The logo stays: pushes during a sale leave it out, the display keeps the one it was given.
    expect((await logoOf(display)).naturalWidth).toBe(240);
  });

  it('draws the name\'s first character when no logo is configured; a logo set on the settings screen reaches a connected display', async () => {
    const display = await remoteDisplay();
    await logoOf(display);
    await s.till.restartHost({ shopLogo: false });
    try {
      await display.getByTestId('customer-initial').waitFor();
      expect(await display.getByTestId('customer-initial').innerText()).toBe('测');
      expect(await display.getByTestId('customer-logo').count()).toBe(0);
      const late = await remoteDisplay();
      await late.waitForSelector('[data-status=idle] .customer__training');
      expect(await late.getByTestId('customer-initial').innerText()).toBe('测');

      // The cashier sets a logo file on the settings screen (F3): a bad one is refused there, in
      // the screen's words; a good one reaches the connected display when the till reopens.
      writeFileSync(join(s.till.dir, 'counter-logo.png'), shopLogoPng(100, 50));
      await s.page.keyboard.press('F3');
      await s.page.waitForSelector('[data-screen=settings] fieldset');
      const field = s.page.getByLabel('门店标志（顾客显示屏）');
      await field.fill(join(s.till.dir, 'missing.png'));
      await s.page.keyboard.press('Enter');
      await expect.poll(() => s.page.locator('[data-screen=settings] .problem').textContent()).toContain('文件不存在');
      await field.fill(join(s.till.dir, 'counter-logo.png'));
      await s.page.keyboard.press('Enter');
      await s.page.waitForSelector('[data-screen=settings] .ok');
      await expect.poll(async () => (await display.getByTestId('customer-logo').count()) > 0 && (await logoOf(display)).naturalWidth).toBe(100);
      await field.fill('');
      await s.page.keyboard.press('Enter');
      await s.page.waitForSelector('[data-screen=settings] .ok');
      await display.getByTestId('customer-initial').waitFor();
      await s.page.keyboard.press('Escape');
    } finally {
      await s.till.restartHost({ shopLogo: true });
    }
  });
});
