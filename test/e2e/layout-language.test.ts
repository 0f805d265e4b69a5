// Issue 9 items 8, 9 and 10 in Chromium: every screen at 1366x768, 1024x768 and 800x600 with no
// button off the screen, covered or overlapping another (bounding boxes and hit tests); every word
// the cashier sees in the chosen language; amounts with thousands separators, a second Enter for a
// large amount, and a countdown and an "ask now" key on the waiting screen. The walk also takes
// the screenshots docs/screens.md shows (test-results/doc-screens/, docs/screens/ only with
// UPDATE_SCREENSHOTS=1: helpers/docScreens.ts).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreenshot } from './helpers/docScreens.ts';
import { useE2eTill, type E2eSession } from './helpers/session.ts';

const PAYS_NOW = '287654321012345600';
const NEVER_PAYS = '287654321012345602';
const DECLINED = '287654321012345603';
const RISK = '287654321012345611';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 800, height: 600 },
] as const;

let s: E2eSession;
// A short guard (the walk presses on at once) and the default large-amount threshold (¥1,000.00).
useE2eTill({ paysAfterMs: 1500, waitSeconds: 60, screen: { resultGuardMs: 300, confirmAboveYuan: '1000.00' } }, (session) => (s = session));

/** What is wrong with the buttons on screen now: off the screen, covered by something, or overlapping. */
async function buttonProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const buttons = [...document.querySelectorAll<HTMLElement>('button')].filter((b) => b.offsetParent !== null);
    const boxes = buttons.map((b) => ({ b, r: b.getBoundingClientRect(), name: (b.textContent ?? '').trim().slice(0, 24) }));
    const out: string[] = [];
    // A screen's actions, the function keys and the keypad must be in view without scrolling; a
    // button inside a long form (the settings) may scroll, but never off the side or under another.
    const mustShow = (b: HTMLElement) => b.closest('.actions, .fkeys, .keypad, .last-sale') !== null;
    const main = document.querySelector('.till__main')!.getBoundingClientRect();
    for (const { b, r, name } of boxes) {
      if (!mustShow(b) && (r.bottom <= main.top || r.top >= main.bottom)) {
        if (r.left < -0.5 || r.right > vw + 0.5) out.push(`off the side: "${name}"`);
        continue;
      }
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
        out.push(`off screen: "${name}" at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
        continue;
      }
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (!hit || !(hit === b || b.contains(hit))) out.push(`covered: "${name}" by ${hit?.tagName}.${hit?.className}`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const c = boxes[j]!.r;
        const w = Math.min(a.right, c.right) - Math.max(a.left, c.left);
        const h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
        if (w > 1 && h > 1) out.push(`overlap: "${boxes[i]!.name}" and "${boxes[j]!.name}"`);
      }
    }
    // Text cut off sideways: a line wider than its box (the amount, the status words, a banner).
    for (const el of document.querySelectorAll<HTMLElement>('.amount-display, .status__title, .sale-banner, .notice, .training-banner, .topbar')) {
      if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) out.push(`cut off: ${el.className}`);
    }
    return out;
  });
}

async function check(page: Page, screen: string, size: { width: number; height: number }, problems: string[]): Promise<void> {
  // Let a re-render after the last key settle before measuring.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const p of await buttonProblems(page)) problems.push(`${screen} ${size.width}x${size.height}: ${p}`);
  await docScreenshot(page, `${screen}-${size.width}x${size.height}.png`);
}

async function guardOff(page: Page): Promise<void> {
  await page.waitForSelector('[data-guard=off]');
}

/** Every screen of the cashier's day, checked and photographed at one size. */
async function walk(page: Page, size: { width: number; height: number }, problems: string[]): Promise<void> {
  await page.setViewportSize(size);
  await check(page, 'sale-amount-empty', size, problems);

  await typeLikeAPerson(page, '8');
  await scanCode(page, PAYS_NOW);
  await page.waitForSelector('[data-testid=held-scan]');
  await check(page, 'sale-amount-scan-held', size, problems);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await typeLikeAPerson(page, '12345.6');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=confirm-large]');
  await check(page, 'sale-amount-large', size, problems);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-screen=scan]');
  await check(page, 'sale-scan', size, problems);

  await scanCode(page, NEVER_PAYS);
  await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
  await page.keyboard.press('F1'); // refused while paying: a notice, which must not cover a button
  await page.waitForSelector('[data-testid=notice]');
  await check(page, 'sale-waiting', size, problems);
  await page.keyboard.press('Escape');
  await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
  await guardOff(page);
  await check(page, 'sale-cancelled', size, problems);
  await page.keyboard.press('Escape');

  await typeLikeAPerson(page, '9');
  await page.keyboard.press('Enter');
  await scanCode(page, PAYS_NOW);
  await page.waitForSelector('[data-screen=paid]');
  await guardOff(page);
  await check(page, 'sale-paid', size, problems);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=last-sale]');
  await check(page, 'sale-amount-last', size, problems);

  await typeLikeAPerson(page, '3');
  await page.keyboard.press('Enter');
  await scanCode(page, DECLINED);
  await waitForScreen(page, '[data-screen=failed][data-status=FAILED]');
  await guardOff(page);
  await check(page, 'sale-failed', size, problems);
  await page.keyboard.press('Escape');
  await typeLikeAPerson(page, '4');
  await page.keyboard.press('Enter');
  await scanCode(page, RISK);
  await waitForScreen(page, '[data-screen=failed][data-status=FAILED]');
  await guardOff(page);
  await check(page, 'sale-failed-risk', size, problems);
  await page.keyboard.press('Escape');

  await page.keyboard.press('F2');
  await page.waitForSelector('[data-screen=history] [data-testid=payments]');
  await check(page, 'history', size, problems);
  await page.locator('[data-testid=payments] tbody tr', { hasText: '¥9.00' }).first().click();
  await page.waitForSelector('[data-screen=detail] [data-testid=left]');
  await check(page, 'detail', size, problems);
  await page.keyboard.press('F7');
  await page.waitForSelector('.refund');
  await check(page, 'detail-refund', size, problems);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await page.keyboard.press('F3');
  await page.waitForSelector('[data-screen=settings] fieldset');
  await check(page, 'settings', size, problems);

  await page.keyboard.press('F4');
  await page.waitForSelector('html[lang=en]');
  await check(page, 'settings-en', size, problems);
  await page.keyboard.press('F1');
  await page.waitForSelector('[data-screen=amount]');
  await check(page, 'sale-amount-en', size, problems);
  await page.keyboard.press('F4');
  await page.waitForSelector('html[lang=zh-CN]');
}

describe('item 8: every screen fits 1366x768, 1024x768 and 800x600', () => {
  it('has no button off the screen, covered or overlapping, on any screen at any of the three sizes', async () => {
    const problems: string[] = [];
    for (const size of SIZES) await walk(s.page, size, problems);
    expect(problems).toEqual([]);
  });
});

/** The screen's words, without what is the same in both languages by design. */
async function visibleWords(page: Page): Promise<string> {
  const text = await page.locator('body').innerText();
  return text
    .replace(/培训模式 TRAINING — 不产生真实交易/g, '') // the training banner is bilingual on purpose
    .replace(/测试便利店/g, '') // the shop's own name
    .replace(/\b(Enter|Esc|F\d{1,2}|Tab|↑↓)\b/g, '') // key names on the buttons
    .replace(/中文/g, '') // the language key names the other language in its own words
    .replace(/“[^”]*”/g, ''); // a quoted example of what the till says aloud in Mandarin
}

describe('item 9: the chosen language everywhere', () => {
  it('shows core errors in Chinese, clears notices on a screen change, and the risk refusal\'s Enter does what its advice says', async () => {
    const { page } = s;
    await typeLikeAPerson(page, '9');
    await page.keyboard.press('Enter');
    await scanCode(page, PAYS_NOW);
    await page.waitForSelector('[data-screen=paid][data-guard=off]');
    await page.keyboard.press('F8');
    // "no printer is configured" from the core: never English on the Chinese screen.
    const notice = (await page.getByTestId('notice').textContent()) ?? '';
    expect(notice).toContain('打印机');
    expect(notice).not.toMatch(/[A-Za-z]{3,}/);
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-screen=history]');
    expect(await page.getByTestId('notice').count()).toBe(0);
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-screen=amount]');

    await typeLikeAPerson(page, '4');
    await page.keyboard.press('Enter');
    await scanCode(page, RISK);
    await waitForScreen(page, '[data-screen=failed][data-status=FAILED]');
    expect(await page.getByTestId('next-step').textContent()).toBe('请顾客使用其他方式付款');
    expect(await page.getByTestId('other-way').textContent()).toContain('改用其他方式收款');
    expect(await page.getByTestId('retry').count()).toBe(0);
    await page.waitForSelector('[data-guard=off]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount]');
  });

  it('translates every word in English mode, the header and the language setting included', async () => {
    const { page } = s;
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    expect(await visibleWords(page)).not.toMatch(cjk);
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-screen=history]');
    expect(await visibleWords(page)).not.toMatch(cjk);
    await page.keyboard.press('F3');
    await page.waitForSelector('[data-screen=settings] fieldset');
    const languageRow = (await page.getByTestId('language').locator('option').allTextContents()).join(' | ');
    expect(languageRow).toContain('Chinese');
    expect(await visibleWords(page)).not.toMatch(cjk);
    await page.keyboard.press('F4');
  });
});

describe('item 10: amounts as a cashier reads them', () => {
  it('groups thousands, asks a second Enter above the threshold, and counts down to the automatic cancel with a key to ask now', async () => {
    const { page } = s;
    await typeLikeAPerson(page, '12345.6');
    await expect.poll(() => page.getByTestId('amount').textContent()).toBe('¥12,345.6');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('confirm-large').textContent()).toContain('¥12,345.60');
    expect(await page.locator('[data-screen=scan]').count()).toBe(0);
    // Esc goes back to change it; Enter, Enter goes on.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('confirm-large').count()).toBe(0);
    expect(await page.getByTestId('amount').textContent()).toBe('¥12,345.6');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=confirm-large]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=scan]');
    expect(await page.getByTestId('amount').textContent()).toBe('¥12,345.60');

    await scanCode(page, NEVER_PAYS);
    await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
    const countdown = (await page.getByTestId('countdown').textContent()) ?? '';
    const seconds = Number(/(\d+) 秒后自动撤销/.exec(countdown)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    const queriesBefore = s.till.sim.requests().filter((r) => r.method === 'alipay.trade.query').length;
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已向支付宝查询');
    expect(s.till.sim.requests().filter((r) => r.method === 'alipay.trade.query').length).toBeGreaterThan(queriesBefore);
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-screen=history] [data-testid=payments]');
    expect(await page.locator('[data-testid=payments] tbody tr').first().textContent()).toContain('¥12,345.60');
  });
});
