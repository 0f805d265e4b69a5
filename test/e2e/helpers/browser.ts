// Chromium from Debian, driven by playwright-core (design.md: never a downloaded browser).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO } from './renderer.ts';

export const SCREENS_DIR = join(REPO, 'test-results', 'screens');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

/**
 * A scanner in keyboard-wedge mode, as synthetic keydowns: digits `keyGapMs` apart and an Enter
 * suffix, sent to whatever has the focus. Each event carries its own timestamp (the detector reads
 * event.timeStamp), so the burst keeps a scanner's shape even when a loaded test machine delays
 * the page; synthetic events are not typed into fields by the browser, so only the page's own
 * handlers could put a digit anywhere.
 */
export async function scanCode(page: Page, code: string, keyGapMs = 4): Promise<void> {
  await page.evaluate(
    ({ code, keyGapMs }) => {
      const target = document.activeElement ?? document.body;
      const start = performance.now() - (code.length + 1) * keyGapMs;
      const press = (key: string, codeName: string, i: number) => {
        const e = new KeyboardEvent('keydown', { key, code: codeName, bubbles: true, cancelable: true });
        Object.defineProperty(e, 'timeStamp', { value: start + i * keyGapMs });
        target.dispatchEvent(e);
      };
      [...code].forEach((ch, i) => press(ch, `Digit${ch}`, i));
      press('Enter', 'Enter', code.length);
    },
    { code, keyGapMs },
  );
}

/** A person typing: slower than any scanner, so the wedge detector gives every key back. */
export async function typeLikeAPerson(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 120 });
}

/** Waits for a screen; on timeout says which screen was up instead, and what it said. */
export async function waitForScreen(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  try {
    await page.waitForSelector(selector, { timeout: timeoutMs });
  } catch (e) {
    const shown = await page.evaluate(() => {
      const s = document.querySelector('[data-screen]');
      return `${s?.getAttribute('data-screen')} ${s?.getAttribute('data-state') ?? ''}: ${(document.querySelector('main')?.textContent ?? '').slice(0, 300)}`;
    }).catch(() => 'the page did not answer');
    throw new Error(`${(e as Error).message.split('\n')[0]}\nthe screen showed ${shown}`, { cause: e });
  }
}
