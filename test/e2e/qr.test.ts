// The customer scans the till's QR code (issue 11), in Chromium against browser mode and the
// training gateway: the cashier opens a QR sale with F10 on the scan prompt, the test "scans and
// pays" by POSTing to the address the code holds (read from the page, not decoded from pixels),
// and both the cashier's screen and the customer display follow it: paid, expired, cancelled, and
// paid after the cancel (refunded in full, and said so).
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

let till: TillServer;
let context: BrowserContext;
let page: Page;

/** The QR codes live this long: the expiry case waits it out (long enough for six screenshots on a busy machine). */
const QR_SECONDS = 20;

useE2eTill({ qrTimeoutSeconds: QR_SECONDS }, (s) => ({ till, context, page } = s));

async function openDisplay(): Promise<Page> {
  const display = await context.newPage();
  await display.setViewportSize({ width: 1024, height: 768 });
  await display.goto(till.server.customerUrl);
  await display.waitForSelector('[data-status]');
  return display;
}

/** Amount, Enter, F10: the QR screen with the code on it. Returns what the code says. */
async function openQrSale(amount: string): Promise<string> {
  await typeLikeAPerson(page, amount);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-screen=scan]');
  await page.keyboard.press('F10');
  // A training till offers both providers: F10 asks whose code, 1 is Alipay's.
  await page.waitForSelector('[data-screen=scan][data-qr-choice=open]');
  await page.keyboard.press('1');
  await waitForScreen(page, '[data-screen=qr][data-provider=alipay][data-state=WAITING] [data-testid=qr-code]');
  const code = await page.getByTestId('qr-code').getAttribute('data-qr-code');
  expect(code).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/training\/qr\/\w+$/);
  return code!;
}

/** The customer's phone: scan the code and pay (the training gateway's scan page). */
async function scanAndPay(code: string): Promise<void> {
  const r = await fetch(code, { method: 'POST' });
  expect(r.status).toBe(200);
}

describe('a sale the customer pays by scanning the till QR code', () => {
  it('shows the code on both screens; scanned and paid, both say paid', async () => {
    const display = await openDisplay();
    const code = await openQrSale('12.34');
    expect(await page.getByTestId('amount').textContent()).toBe('¥12.34');
    expect(await page.getByTestId('qr-shop').textContent()).toContain('测试便利店');
    expect(await page.getByTestId('qr-countdown').textContent()).toMatch(/收款码 \d+ 秒后过期/);
    // The customer display shows the same code, large, with the amount and its countdown.
    await display.waitForSelector('[data-status=qr] [data-testid=customer-qr]');
    expect(await display.getByTestId('qr-code').getAttribute('data-qr-code')).toBe(code);
    expect(await display.getByTestId('customer-amount').textContent()).toBe('¥12.34');
    expect(await display.getByTestId('customer-qr-countdown').textContent()).toMatch(/\d+ 秒内有效/);
    await docScreens(page, 'qr-cashier');
    await docScreens(display, 'qr-customer');

    await scanAndPay(code);
    await waitForScreen(page, '[data-screen=paid][data-qr-outcome=paid]');
    expect(await page.getByTestId('status').textContent()).toBe('支付成功');
    await display.waitForSelector('[data-status=paid]');
    expect(await display.getByTestId('customer-amount').textContent()).toBe('¥12.34');
    await docScreens(display, 'qr-customer-paid');
  });

  it('expires unpaid: the cashier and the customer are told, nothing was charged', async () => {
    const display = await openDisplay();
    await openQrSale('3.00');
    await waitForScreen(page, '[data-screen=failed][data-qr-outcome=expired]', (QR_SECONDS + 20) * 1000);
    expect(await page.getByTestId('status').textContent()).toBe('收款码已过期，未收款');
    await display.waitForSelector('[data-status=failed] [data-reason=qrExpired]');
    expect(await display.getByTestId('customer-reason').textContent()).toContain('收款码已过期，未扣款');
    expect(await display.locator('[data-testid=customer-qr]').count()).toBe(0);
    await docScreens(page, 'qr-cashier-expired');
  });

  it('is cancelled by the cashier with Esc: the code is closed, both screens say cancelled', async () => {
    const display = await openDisplay();
    await openQrSale('4.00');
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed][data-qr-outcome=cancelled]');
    expect(await page.getByTestId('status').textContent()).toBe('收款码已取消，未收款');
    await display.waitForSelector('[data-status=failed] [data-reason=qrCancelled]');
    expect(till.sim.requests().some((r) => r.method === 'alipay.trade.close')).toBe(true);
  });

  it('a payment that lands after the cancel is refunded in full, and both screens say so', async () => {
    const display = await openDisplay();
    // …98: the close answers "no such trade" until the code is scanned, and does not kill it.
    const code = await openQrSale('5.98');
    await page.keyboard.press('Escape');
    // The till waits out the unscanned code, and says so rather than "cancelled".
    await waitForScreen(page, '[data-screen=qr][data-message="qr.waitingOut"]');
    await docScreens(page, 'qr-cashier-closing');
    await scanAndPay(code);
    await waitForScreen(page, '[data-screen=failed][data-qr-outcome=lateRefunded]');
    expect(await page.getByTestId('status').textContent()).toBe('顾客在取消后付款，已全额退回');
    expect(await page.getByTestId('reason').textContent()).toContain('已全额原路退回');
    await display.waitForSelector('[data-status=refunded] [data-reason=lateRefund]');
    expect(await display.getByTestId('customer-reason').textContent()).toContain('全额原路退回');
    expect(till.sim.requests().some((r) => r.method === 'alipay.trade.refund')).toBe(true);
    await docScreens(page, 'qr-cashier-late-refund');
    await docScreens(display, 'qr-customer-late-refund');
  });
});
