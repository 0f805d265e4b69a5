// TRY item 2 in Chromium: WeChat codepay/Native has no not-for-promotions field, so the part is
// journaled but not sent. The cashier is told before anything is sent — on the scan prompt (whose
// code comes is known only at the scan), on the QR choice next to 微信支付, and on WeChat's QR
// screen — not only on 支付成功 after the money is taken. Alipay's QR screen says nothing of it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill } from './helpers/session.ts';

let page: Page;
useE2eTill({ qrTimeoutSeconds: 60 }, (s) => ({ page } = s));

/** Amount, ↓ part, Enter: the scan prompt. */
async function toScan(amount: string, part?: string): Promise<void> {
  await typeLikeAPerson(page, amount);
  if (part) {
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=undiscountable-field][data-focused=on]');
    await typeLikeAPerson(page, part);
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-screen=scan]');
}

/** Every visible button inside the viewport (the extra lines must not push the keys off 800x600). */
async function buttonsOffScreen(): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('button')]
    .filter((b) => b.offsetParent !== null)
    .filter((b) => b.getBoundingClientRect().bottom > window.innerHeight + 0.5 || b.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((b) => (b.textContent ?? '').trim().slice(0, 24)));
}

const line = () => page.getByTestId('undiscountable-line').innerText();
const before = () => page.getByTestId('undiscountable-wechat-before');

describe('the part not for promotions, said before WeChat takes the money (TRY item 2)', () => {
  it('scan prompt, QR choice and WeChat\'s QR screen each say the part is not sent to WeChat', async () => {
    await page.setViewportSize({ width: 800, height: 600 });
    await toScan('30', '10');
    expect(await line()).toContain('¥10.00');
    expect(await before().getAttribute('data-before')).toBe('scan');
    expect(await before().innerText()).toContain('微信支付不区分不参与优惠金额');
    expect(await buttonsOffScreen()).toEqual([]);
    await page.screenshot({ path: 'test-results/undiscountable-wechat-scan-800x600.png' });

    // F10: the choice keeps the line, and 2 微信支付 says the part does not go there.
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-screen=scan][data-qr-choice=open]');
    expect(await line()).toContain('¥10.00');
    expect(await page.getByTestId('qr-choice-wechat').innerText()).toContain('不参与优惠部分不发送给微信');
    expect(await page.getByTestId('qr-choice-alipay').innerText()).not.toContain('不参与优惠');
    expect(await buttonsOffScreen()).toEqual([]);
    await page.screenshot({ path: 'test-results/undiscountable-wechat-choice-800x600.png' });

    // 2: WeChat's code, with the line and the warning beside it, while the customer has not paid.
    await page.keyboard.press('2');
    await waitForScreen(page, '[data-screen=qr][data-provider=wechat][data-state=WAITING] [data-testid=qr-code]');
    expect(await line()).toContain('¥10.00');
    expect(await before().getAttribute('data-before')).toBe('qr');
    expect(await before().innerText()).toContain('不会发送给微信');
    expect(await buttonsOffScreen()).toEqual([]);
    await page.screenshot({ path: 'test-results/undiscountable-wechat-qr-800x600.png' });

    // In English too.
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    expect(await before().innerText()).toContain('not sent to WeChat');
    expect(await buttonsOffScreen()).toEqual([]);
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed]');
  });

  it('Alipay\'s QR screen has the line but no WeChat warning; without a part nothing is said', async () => {
    await toScan('30', '10');
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-screen=scan][data-qr-choice=open]');
    await page.keyboard.press('1');
    await waitForScreen(page, '[data-screen=qr][data-provider=alipay][data-state=WAITING] [data-testid=qr-code]');
    expect(await line()).toContain('¥10.00');
    expect(await before().count()).toBe(0);
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed]');
    await page.waitForSelector('[data-guard=off]');
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-screen=amount]');

    await toScan('30');
    expect(await page.getByTestId('undiscountable-line').count()).toBe(0);
    expect(await before().count()).toBe(0);
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-screen=scan][data-qr-choice=open]');
    expect(await page.getByTestId('qr-choice-wechat-note').count()).toBe(0);
  });
});
