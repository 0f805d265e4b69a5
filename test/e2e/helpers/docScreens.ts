// Screenshots for docs/screens.md (issue 9: every screen at 1366x768, 1024x768 and 800x600):
// docs/screens/<name>-<width>x<height>.png, the page put back to its own size afterwards.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from './renderer.ts';

export const DOC_SCREENS_DIR = join(REPO, 'docs', 'screens');
export const DOC_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 800, height: 600 },
] as const;

/** `scrollTo`: a selector brought into view first, for a part of a long screen. */
export async function docScreens(page: Page, name: string, o: { scrollTo?: string } = {}): Promise<void> {
  mkdirSync(DOC_SCREENS_DIR, { recursive: true });
  const own = page.viewportSize();
  for (const size of DOC_SIZES) {
    await page.setViewportSize(size);
    if (o.scrollTo) await page.locator(o.scrollTo).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    // Two frames: the layout settles after the resize before the picture is taken.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(DOC_SCREENS_DIR, `${name}-${size.width}x${size.height}.png`) });
  }
  if (own) await page.setViewportSize(own);
}
