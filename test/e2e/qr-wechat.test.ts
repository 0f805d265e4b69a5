// The customer scans the till's WeChat Pay QR code (issue 11, WeChat Native), in Chromium against
// browser mode: the training till offers both providers, so F10 on the scan prompt asks whose code
// and 2 picks WeChat's; the test "scans and pays" by POSTing to the address the code holds (the
// in-process WeChat training gateway's scan page), and the cashier's screen and the customer
// display both show paid, in WeChat's name and colour. A screen reloaded while a cancelled code is
// being waited out, then paid late, ends on 已全额退回 (the refund done), not 处理中.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

let till: TillServer;
let context: BrowserContext;
let page: Page;

useE2eTill({ qrTimeoutSeconds: 60 }, (s) => ({ till, context, page } = s));

async function openDisplay(): Promise<Page> {
  const display = await context.newPage();
  await display.setViewportSize({ width: 1024, height: 768 });
  await display.goto(till.server.customerUrl);
  await display.waitForSelector('[data-status]');
  return display;
}

/** Amount, Enter, F10, 2: WeChat's code on the QR screen. Returns what the code says. */
async function openWechatQrSale(amount: string, shots?: string): Promise<string> {
  await typeLikeAPerson(page, amount);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-screen=scan]');
  await page.keyboard.press('F10');
  await page.waitForSelector('[data-screen=scan][data-qr-choice=open] [data-testid=qr-choice-wechat]');
  if (shots) await docScreens(page, shots);
  await page.keyboard.press('2');
  await waitForScreen(page, '[data-screen=qr][data-provider=wechat][data-state=WAITING] [data-testid=qr-code]');
  const code = await page.getByTestId('qr-code').getAttribute('data-qr-code');
  expect(code).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/training\/qr\/\w+$/);
  return code!;
}

async function scanAndPay(code: string): Promise<Record<string, unknown>> {
  const r = await fetch(code, { method: 'POST' });
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, unknown>;
}

describe('a sale the customer pays by scanning the till\'s WeChat Pay QR code', { timeout: 120_000 }, () => {
  it('F10 then 2 shows WeChat\'s code on both screens; scanned and paid, both say paid', async () => {
    const display = await openDisplay();
    const code = await openWechatQrSale('12.34', 'qr-choice');
    expect(await page.getByTestId('amount').textContent()).toBe('¥12.34');
    expect(await page.getByTestId('qr-provider').textContent()).toBe('微信支付');
    expect(await page.getByTestId('status').textContent()).toContain('请顾客用微信支付扫码付款');
    await display.waitForSelector('[data-status=qr] [data-testid=customer-qr][data-provider=wechat]');
    expect(await display.getByTestId('qr-code').getAttribute('data-qr-code')).toBe(code);
    expect(await display.getByTestId('customer-qr-provider').textContent()).toContain('微信支付');
    expect(await display.getByTestId('customer-amount').textContent()).toBe('¥12.34');
    await docScreens(page, 'qr-wechat-cashier');
    await docScreens(display, 'qr-wechat-customer');

    expect(await scanAndPay(code)).toMatchObject({ trade_state: 'SUCCESS', paid: true });
    await waitForScreen(page, '[data-screen=paid][data-qr-outcome=paid]');
    expect(await page.getByTestId('status').textContent()).toBe('支付成功');
    await display.waitForSelector('[data-status=paid]');
    expect(await display.getByTestId('customer-amount').textContent()).toBe('¥12.34');
    await docScreens(page, 'qr-wechat-cashier-paid');
    await docScreens(display, 'qr-wechat-customer-paid');
    const p = till.host.till.journal.listAttempts({ limit: 1 })[0]!;
    expect(p).toMatchObject({ provider: 'wechat', method: 'qr', state: 'SUCCESS', amountFen: 1234 });
    expect(p.tradeNo).toMatch(/^4200/);
    // TRY item 1: WeChat's transaction id is not labelled as Alipay's.
    expect(await page.getByTestId('trade-no-label').textContent()).toBe('微信支付订单号');
  });

  it('the F2 detail of a paid WeChat QR sale is in WeChat\'s words: its id, no code digits, history all Chinese (TRY item 4)', async () => {
    const code = await openWechatQrSale('3.21');
    expect(await scanAndPay(code)).toMatchObject({ paid: true });
    await waitForScreen(page, '[data-screen=paid][data-qr-outcome=paid]');
    const p = till.host.till.journal.listAttempts({ limit: 1 })[0]!;
    await page.waitForSelector('[data-guard=off]');
    await expect.poll(async () => {
      await page.keyboard.press('F2');
      return page.locator('[data-screen=history]').count();
    }, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => {
      await page.getByTestId('search').fill(p.outTradeNo);
      await page.getByTestId('search').press('Enter');
      return page.locator('[data-screen=detail] [data-testid=detail-code]').count();
    }, { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('detail-trade-no-label').textContent()).toBe('微信支付订单号');
    expect(await page.getByTestId('detail-code').textContent()).toBe('扫码支付（无付款码）');
    const history = (await page.locator('[data-screen=detail] .events').textContent())!;
    expect(history).toContain('已向微信支付请求收款码');
    expect(history).not.toContain('支付宝');
    expect(history).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('Esc on the choice goes back to the scan prompt; nothing was asked of any provider', async () => {
    await typeLikeAPerson(page, '2.00');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    const before = till.host.till.journal.listAttempts({ limit: 50 }).length;
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-qr-choice=open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-screen=scan]:not([data-qr-choice])');
    expect(till.host.till.journal.listAttempts({ limit: 50 })).toHaveLength(before);
  });

  it('Esc closes the WeChat code: both screens say cancelled, nothing charged', async () => {
    const display = await openDisplay();
    const code = await openWechatQrSale('4.00');
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed][data-qr-outcome=cancelled]');
    expect(await page.getByTestId('status').textContent()).toBe('收款码已取消，未收款');
    // TRY item 10: the customer was scanning the till's code; the advice is not the barcode one.
    expect(await page.getByTestId('next-step').textContent()).toBe('如需继续收款：按 Enter 回到扫码界面，可扫顾客付款码，或再按 F10 出示收款码');
    expect(await page.getByTestId('retry').textContent()).toContain('继续收款');
    await display.waitForSelector('[data-status=failed] [data-reason=qrCancelled]');
    const a = till.host.till.journal.listAttempts({ limit: 1 })[0]!;
    expect(a).toMatchObject({ provider: 'wechat', method: 'qr', state: 'CANCELLED', cancelAction: 'close' });
    // The order is closed at the WeChat training gateway: the customer's scan no longer pays.
    expect(await scanAndPay(code)).toMatchObject({ paid: false, trade_state: 'CLOSED' });
  });

  it('reloaded while a cancelled code is waited out, then paid late: the screen ends on 已全额退回', async () => {
    // …98: WeChat accepts the close, but the order stays payable until time_expire.
    const code = await openWechatQrSale('5.98');
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=qr][data-message="qr.waitingOutOpen"]');
    await page.reload();
    await waitForScreen(page, '[data-screen=qr][data-provider=wechat]');
    expect(await scanAndPay(code)).toMatchObject({ paid: true });
    await waitForScreen(page, '[data-screen=failed][data-qr-outcome=lateRefunded]');
    expect(await page.getByTestId('status').textContent()).toBe('顾客在取消后付款，已全额退回');
  });
});
