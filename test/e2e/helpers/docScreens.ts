// Screenshots for docs/screens.md (issue 9: every screen at 1366x768, 1024x768 and 800x600):
// <name>-<width>x<height>.png, the page put back to its own size afterwards. A test run writes them
// to test-results/doc-screens/ only, so `npm test` leaves the repository alone; they replace the
// ones in docs/screens/ only when asked: `npm run screenshots`, or UPDATE_SCREENSHOTS=1 before a
// vitest run of the e2e files that take them.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from './renderer.ts';

export const DOC_SCREENS_DIR = join(REPO, 'docs', 'screens');
export const RUN_SCREENS_DIR = join(REPO, 'test-results', 'doc-screens');
export const DOC_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 800, height: 600 },
] as const;

export const updatingDocScreens = (): boolean => process.env.UPDATE_SCREENSHOTS === '1';

/** Takes one picture into test-results/doc-screens/<file>, and into docs/screens/ when asked. */
export async function docScreenshot(page: Page, file: string): Promise<string> {
  mkdirSync(RUN_SCREENS_DIR, { recursive: true });
  const path = join(RUN_SCREENS_DIR, file);
  await page.screenshot({ path });
  if (updatingDocScreens()) {
    mkdirSync(DOC_SCREENS_DIR, { recursive: true });
    copyFileSync(path, join(DOC_SCREENS_DIR, file));
  }
  return path;
}

/** `scrollTo`: a selector brought into view first, for a part of a long screen. */
export async function docScreens(page: Page, name: string, o: { scrollTo?: string } = {}): Promise<void> {
  const own = page.viewportSize();
  for (const size of DOC_SIZES) {
    await page.setViewportSize(size);
    if (o.scrollTo) await page.locator(o.scrollTo).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    // Two frames: the layout settles after the resize before the picture is taken.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await docScreenshot(page, `${name}-${size.width}x${size.height}.png`);
  }
  if (own) await page.setViewportSize(own);
}
