// A sale at the counter, by keyboard alone, in Chromium against browser mode and the training
// gateway: amount → scan (synthetic wedge keys) → waiting → paid, with the customer display
// following it, and the scanner's digits never landing in the amount or the note.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { scanCode, screenshot, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { REPO } from './helpers/renderer.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

/** Training codes: the last two digits choose the buyer (docs/training-gateway.md). */
const PAYS_NOW = '287654321012345600';
const CONFIRMS_THEN_PAYS = '287654321012345601';

let till: TillServer;
let context: BrowserContext;
let page: Page;

function payRequests(): number {
  return till.sim.requests().filter((r) => r.method === 'alipay.trade.pay').length;
}

async function amountText(p: Page): Promise<string> {
  return (await p.getByTestId('amount').textContent())?.trim() ?? '';
}

useE2eTill({ paysAfterMs: 1500 }, (s) => ({ till, context, page } = s));

describe('a sale by keyboard', () => {
  it('goes from amount to scan to waiting to paid, and the customer display follows it', async () => {
    // The launch token went from the address to the page's sessionStorage, out of the address bar.
    expect(page.url()).toBe(`${till.server.origin}/`);
    await expect.poll(() => till.server.connections).toBe(1);
    const display = await context.newPage();
    await display.setViewportSize({ width: 1024, height: 600 });
    await display.goto(till.server.customerUrl);
    await display.waitForSelector('[data-status=idle]');
    // The display's printed address carried the token too: its own socket is let in.
    expect(display.url()).toBe(`${till.server.origin}/customer`);
    await expect.poll(() => till.server.connections).toBe(2);
    await screenshot(display, 'customer-idle');
    await screenshot(page, 'sale-amount-empty');

    await typeLikeAPerson(page, '12.34');
    await expect.poll(() => amountText(page)).toBe('¥12.34');
    await display.waitForSelector('[data-status=amount]');
    expect(await display.getByTestId('customer-amount').textContent()).toBe('¥12.34');
    await screenshot(page, 'sale-amount');

    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    await display.waitForSelector('[data-status=scan]');
    await screenshot(page, 'sale-scan');
    await screenshot(display, 'customer-scan');

    await scanCode(page, CONFIRMS_THEN_PAYS);
    await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
    expect(await page.getByTestId('status').textContent()).toBe('等待顾客在手机上确认付款');
    await display.waitForSelector('[data-status=waiting]');
    await screenshot(page, 'sale-waiting');
    await screenshot(display, 'customer-waiting');

    await waitForScreen(page, '[data-screen=paid]');
    expect(await page.getByTestId('status').textContent()).toBe('支付成功');
    expect(await amountText(page)).toBe('¥12.34');
    const tradeNo = (await page.getByTestId('trade-no').textContent()) ?? '';
    expect(tradeNo).toMatch(/^\d{20,}$/);
    expect(await page.getByTestId('buyer').textContent()).toMatch(/\*{3,}/);
    await screenshot(page, 'sale-paid');

    await display.waitForSelector('[data-status=paid]');
    const shown = (await display.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('¥12.34');
    expect(shown).toContain('支付成功');
    expect(shown).toContain('Paid');
    // Only the amount and the status: no trade number, order number, buyer or code.
    expect(shown).not.toContain(tradeNo);
    expect(shown).not.toMatch(/TR\d|\*\*\*|5601/);
    await screenshot(display, 'customer-paid');

    // A result holds off keys for a guard time (issue 9 item 1); the screen says when it is over.
    await page.waitForSelector('[data-guard=off]');
    // Enter on the paid screen starts the next sale, and the display greets the next customer.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount]');
    expect(await amountText(page)).toBe('¥0.00');
    await display.waitForSelector('[data-status=idle]');
    expect(payRequests()).toBeGreaterThanOrEqual(1);
  });

  it('never lets a scan land in the amount or the note, and charges the typed amount once confirmed', async () => {
    // No amount yet: the scan is refused on screen and the amount stays empty.
    await scanCode(page, PAYS_NOW);
    await expect.poll(() => page.getByTestId('problem').textContent()).toBe('请先输入金额');
    expect(await amountText(page)).toBe('¥0.00');

    // With the note focused, a scan stays out of the note too. The amount may be half typed, so
    // the code is held, nothing is sent, and more digits still go to the amount.
    await typeLikeAPerson(page, '8');
    await page.keyboard.press('Tab');
    await typeLikeAPerson(page, 'tea');
    const before = payRequests();
    await scanCode(page, PAYS_NOW);
    await expect.poll(() => page.getByTestId('held-scan').textContent()).toBe('付款码已扫描，按 Enter 收款 ¥8.00（尾号 5600；Esc 放弃此码）');
    expect(await page.locator('#sale-note').inputValue()).toBe('tea');
    expect(payRequests()).toBe(before);
    await page.keyboard.press('Escape'); // leaves the note, keeps the code
    await typeLikeAPerson(page, '.5');
    await expect.poll(() => page.getByTestId('held-scan').textContent()).toContain('¥8.50');
    await screenshot(page, 'sale-amount-scan-held');
    // Enter charges the held code for the amount now shown.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=paid]');
    expect(await amountText(page)).toBe('¥8.50');
    expect(payRequests()).toBe(before + 1);
    const latest = till.host.till.journal.listAttempts({ limit: 100 }).sort((a, b) => b.createdAt - a.createdAt)[0]!;
    expect(latest.amountFen).toBe(850);
    expect(latest.subject).toBe('tea');
  });

  it('shows a second scan while waiting and never charges it', async () => {
    await typeLikeAPerson(page, '3');
    await page.keyboard.press('Enter');
    const before = payRequests();
    await scanCode(page, CONFIRMS_THEN_PAYS);
    await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
    await scanCode(page, '287654321012349900');
    await expect.poll(() => page.locator('[data-screen=waiting] .problem').textContent()).toContain('9900');
    await screenshot(page, 'sale-second-scan-ignored');
    await waitForScreen(page, '[data-screen=paid]');
    expect(payRequests()).toBe(before + 1);
    expect(await amountText(page)).toBe('¥3.00');
  });

  it('switches the whole screen to English with F4 and back', async () => {
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    const text = await page.locator('body').innerText();
    expect(text).toContain('Amount');
    expect(text).toContain('Confirm amount');
    expect(text).toContain('Today');
    expect(text).toContain('中文');
    // The training banner stays bilingual whatever the language.
    expect(await page.getByTestId('training-banner').innerText()).toMatch(/培训模式 TRAINING[\s\S]*No Alipay keys/);
    await typeLikeAPerson(page, '5');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    expect(await page.locator('h1').first().textContent()).toBe("Scan the customer's payment code");
    await screenshot(page, 'sale-scan-en');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');
    expect(await page.locator('body').innerText()).toContain('收款金额');
  });

  it('opens the settings with F3, imports a key file, saves with Enter and goes back with Esc', async () => {
    await page.keyboard.press('F3');
    await page.waitForSelector('[data-screen=settings] fieldset');
    await screenshot(page, 'settings');
    const shopName = page.locator('fieldset').first().locator('input[type=text]').first();
    await shopName.fill('南京西路店');
    const privateKey = page.locator('input[type=file]').first();
    await privateKey.setInputFiles(join(REPO, 'assets', 'training', 'till-private-pkcs8.pem'));
    await expect.poll(() => page.locator('.key-import .badge').first().textContent()).toBe('已选择 till-private-pkcs8.pem，保存后生效');
    await shopName.focus();
    // A new key is a change of the merchant's credentials: the till asks for the manager PIN set on
    // its computer and shows the key's fingerprint (docs/security.md item 3).
    new ManagerPin(till.dir).set('2468');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=manager-pin-prompt]');
    expect(await page.getByTestId('fingerprint-privateKey').textContent()).toMatch(/SHA256:[0-9a-f ]{79}/);
    await page.getByTestId('manager-pin').fill('2468');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=settings] .ok');
    expect(await page.locator('.topbar__shop').textContent()).toBe('南京西路店');
    expect(await page.locator('.key-import .badge').first().textContent()).toBe('已保存');
    expect(till.host.settings.key('privateKey')).toContain('PRIVATE KEY');
    // Still training: no keys were imported.
    expect(await page.getByTestId('training-banner').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-screen=amount]');
  });
});
