// issue 9 item 11 in Chromium: a paid sale is said aloud ("支付宝到账十八元八角", clips joined in
// the page), cancelled and declined sound different, and announcements and volume are set on F3.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';

const PAYS_NOW = '287654321012345600';
const NEVER_PAYS = '287654321012345602';
const DECLINES = '287654321012345603';

let page: Page;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ page } = s));

type Heard = { cue: string; played: number; state: string; volume: number; durationMs: number };

/** What the announcer last played, once it has started (or failed to). */
async function heard(p: Page, afterPlayed = 0): Promise<Heard> {
  const sel = '[data-testid=announcer]';
  await p.waitForFunction(({ sel, n }) => {
    const d = document.querySelector<HTMLElement>(sel)?.dataset;
    return Number(d?.played ?? 0) > n && d?.state !== 'loading';
  }, { sel, n: afterPlayed });
  return p.evaluate((sel) => {
    const d = (document.querySelector(sel) as HTMLElement).dataset;
    return { cue: d.cue ?? '', played: Number(d.played), state: d.state ?? '', volume: Number(d.volume), durationMs: Number(d.durationMs) };
  }, sel);
}

/** Esc until the amount screen: a result ignores keys for a short guard time after it appears. */
async function leaveResult(p: Page): Promise<void> {
  await expect.poll(async () => {
    await p.keyboard.press('Escape');
    return p.locator('[data-screen=amount]').count();
  }, { timeout: 10_000 }).toBe(1);
}

async function sale(p: Page, amount: string, code: string): Promise<void> {
  await typeLikeAPerson(p, amount);
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-screen=scan]');
  await scanCode(p, code);
}

describe('spoken announcements and outcome sounds', () => {
  it('says 支付宝到账十八元八角 on paid, with the words joined into one sound in the page', async () => {
    await sale(page, '18.80', PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    const h = await heard(page);
    expect(h.cue).toBe('支付宝 到账 十 八 元 八 角');
    expect(h.state).toMatch(/playing|ended/);
    // Seven words joined: far longer than the paid chime's 0.3 s.
    expect(h.durationMs).toBeGreaterThan(1200);
  });

  it('sounds different for declined and for cancelled', async () => {
    await sale(page, '5', DECLINES);
    await waitForScreen(page, '[data-screen=failed]');
    const failed = await heard(page);
    expect(failed.cue).toBe('failed');
    expect(failed.state).toMatch(/playing|ended/);
    await leaveResult(page);

    await sale(page, '6', NEVER_PAYS);
    await waitForScreen(page, '[data-screen=waiting][data-state=WAITING]');
    await page.keyboard.press('Escape');
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
    const cancelled = await heard(page, failed.played);
    expect(cancelled.cue).toBe('cancelled');
    expect(cancelled.state).toMatch(/playing|ended/);
    expect(cancelled.durationMs).not.toBe(failed.durationMs);
  });

  it('turns announcements off and sets the volume on the settings screen, kept after a reload', async () => {
    await page.keyboard.press('F3');
    await page.waitForSelector('[data-testid=sound-settings]');
    await page.getByTestId('sound-voice').uncheck();
    await page.getByTestId('sound-volume').fill('30');
    expect(await page.getByTestId('sound-settings').innerText()).toContain('音量 30%');
    await docScreens(page, 'settings-sound', { scrollTo: '[data-testid=sound-settings]' });
    await page.reload();
    await page.waitForSelector('[data-screen=amount]');
    await page.keyboard.press('F3');
    expect(await page.getByTestId('sound-voice').isChecked()).toBe(false);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-screen=amount]');

    await sale(page, '2', PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    const h = await heard(page);
    expect(h.cue).toBe('paid');
    expect(h.volume).toBeCloseTo(0.3, 5);
  });
});
