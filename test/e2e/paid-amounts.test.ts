// issue 12 in Chromium: a payment's detail shows 订单金额 / 商家优惠 / 平台优惠 / 顾客实付 / 商家实收 /
// 可开票金额 when the paid answer says they differ from the total (training codes: Alipay …13 a
// merchant voucher, WeChat …14 a WeChat-funded promotion), in both languages; a plain payment
// shows nothing more.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

let till: TillServer;
let page: Page;
let context: BrowserContext;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ till, page, context } = s));

/** Sells `amount` with `code`, then opens that payment's detail from F2 (its number typed in the search, as a receipt scan). */
async function sellAndOpen(amount: string, code: string): Promise<string> {
  const before = new Set(till.host.till.journal.listAttempts({}).map((a) => a.outTradeNo));
  await typeLikeAPerson(page, amount);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-screen=scan]');
  await scanCode(page, code);
  await waitForScreen(page, '[data-screen=paid]');
  const outTradeNo = till.host.till.journal.listAttempts({}).find((a) => !before.has(a.outTradeNo) && a.state === 'SUCCESS')!.outTradeNo;
  await page.waitForSelector('[data-guard=off]');
  await expect.poll(async () => {
    await page.keyboard.press('F2');
    return page.locator('[data-screen=history]').count();
  }, { timeout: 10_000 }).toBe(1);
  // The number as a receipt's QR scan brings it (then Enter); again if a late F2 cleared the search.
  await expect.poll(async () => {
    await page.getByTestId('search').fill(outTradeNo);
    await page.getByTestId('search').press('Enter');
    return page.locator('[data-screen=detail] [data-testid=left]').count();
  }, { timeout: 15_000 }).toBe(1);
  return outTradeNo;
}

const shown = (key: string) => page.getByTestId(`amount-${key}`).textContent();
/** The label beside a line: its <dt>. */
const label = (key: string) => page.getByTestId(`amount-${key}`).evaluate((dd) => dd.previousElementSibling?.textContent ?? '');

describe('what the customer paid and the shop receives, on the payment detail', () => {
  it('an Alipay merchant voucher: order total, shop-funded discount, customer paid, shop receives, invoiceable — in Chinese and English', async () => {
    await sellAndOpen('30', '287654321012345613');
    expect(await shown('total')).toBe('¥30.00');
    expect(await shown('merchantDiscount')).toBe('-¥2.00');
    expect(await shown('buyerPays')).toBe('¥28.00');
    expect(await shown('shopReceives')).toBe('¥28.00');
    expect(await shown('invoice')).toBe('¥28.00');
    expect(await page.getByTestId('amount-platformDiscount').count()).toBe(0);
    expect(await label('merchantDiscount')).toBe('商家优惠');
    expect(await label('buyerPays')).toBe('顾客实付');
    expect(await label('shopReceives')).toBe('商家实收');
    expect(await label('invoice')).toBe('可开票金额');

    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    expect(await label('total')).toBe('Order total');
    expect(await label('merchantDiscount')).toBe('Discount (shop-funded)');
    expect(await label('buyerPays')).toBe('Customer paid');
    expect(await label('shopReceives')).toBe('Shop receives');
    expect(await label('invoice')).toBe('Invoiceable');
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');

    // Six more lines still leave the detail's actions in view on the smallest screen (800x600).
    await page.setViewportSize({ width: 800, height: 600 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const boxes = await page.locator('[data-screen=detail] .actions button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().bottom));
    expect(boxes.length).toBeGreaterThan(0);
    for (const bottom of boxes) expect(bottom).toBeLessThanOrEqual(600.5);
    await page.screenshot({ path: 'test-results/paid-amounts-detail-800x600.png' });
  });

  it('a WeChat-funded promotion: platform discount, the customer paid less, the shop receives the full total', async () => {
    await sellAndOpen('20', '134567890123456714');
    expect(await shown('total')).toBe('¥20.00');
    expect(await shown('platformDiscount')).toBe('-¥1.00');
    expect(await label('platformDiscount')).toBe('平台优惠');
    expect(await shown('buyerPays')).toBe('¥19.00');
    expect(await shown('shopReceives')).toBe('¥20.00');
    expect(await page.getByTestId('amount-merchantDiscount').count()).toBe(0);
  });

  it('a plain payment shows no amount lines', async () => {
    await sellAndOpen('12', '287654321012345600');
    expect(await page.locator('[data-testid^=amount-]').count()).toBe(0);
  });
});

describe('what the customer paid, on the result screen and the customer display (TRY item 3)', () => {
  /** Sells `amount` with `code` while a customer display is open; both screens end on paid. */
  async function sellWithDisplay(amount: string, code: string): Promise<Page> {
    const display = await context.newPage();
    await display.setViewportSize({ width: 1024, height: 768 });
    await display.goto(till.server.customerUrl);
    await display.waitForSelector('[data-status]');
    await typeLikeAPerson(page, amount);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await scanCode(page, code);
    await waitForScreen(page, '[data-screen=paid]');
    await display.waitForSelector('[data-status=paid]');
    return display;
  }

  it('a WeChat merchant coupon (…13): both screens say 顾客实付 ¥28.00 and the ¥2.00 off, besides the ¥30.00 total', async () => {
    const display = await sellWithDisplay('30', '134567890123456713');
    expect((await page.getByTestId('amount').textContent())?.trim()).toBe('¥30.00');
    expect(await page.getByTestId('customer-paid').innerText()).toBe('顾客实付 ¥28.00 · 优惠 ¥2.00');
    await display.waitForSelector('[data-testid=customer-paid]');
    expect(await display.getByTestId('customer-amount').innerText()).toBe('¥30.00');
    expect(await display.locator('[data-testid=customer-paid] [lang=zh-CN]').innerText()).toBe('实付 ¥28.00（优惠 ¥2.00）');
    expect(await display.locator('[data-testid=customer-paid] [lang=en]').innerText()).toBe('You paid ¥28.00 (discount ¥2.00)');
    await page.screenshot({ path: 'test-results/paid-less-wechat-result.png' });
    await display.screenshot({ path: 'test-results/paid-less-wechat-customer.png' });
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    expect(await page.getByTestId('customer-paid').innerText()).toBe('Customer paid ¥28.00 · discount ¥2.00');
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');
    await display.close();
  });

  it('an Alipay voucher (…13) says the same; a plain payment says nothing more on either screen', async () => {
    const display = await sellWithDisplay('30', '287654321012345613');
    expect(await page.getByTestId('customer-paid').innerText()).toBe('顾客实付 ¥28.00 · 优惠 ¥2.00');
    await display.waitForSelector('[data-testid=customer-paid]');
    expect(await display.locator('[data-testid=customer-paid] [lang=zh-CN]').innerText()).toBe('实付 ¥28.00（优惠 ¥2.00）');
    await display.close();

    await page.waitForSelector('[data-guard=off]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount]');
    const plain = await sellWithDisplay('12', '287654321012345600');
    expect(await page.getByTestId('customer-paid').count()).toBe(0);
    expect(await plain.getByTestId('customer-paid').count()).toBe(0);
    await plain.close();
  });
});
