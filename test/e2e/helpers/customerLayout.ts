// The customer display at the docs' three sizes (issue 9 item 8 for the second screen): every part
// of it — strip, shop, amount, provider, status, reason — inside the window and clear of the others.
import type { Page } from 'playwright-core';
import { DOC_SIZES } from './docScreens.ts';

async function problemsNow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const main = document.querySelector('main.customer');
    if (!main) return ['no customer display'];
    const parts = [...main.children].filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed')
      .map((el) => ({ name: el.className || el.getAttribute('data-testid') || el.tagName, r: el.getBoundingClientRect() }))
      .filter((p) => p.r.width > 0 && p.r.height > 0);
    const out: string[] = [];
    for (const p of parts) {
      if (p.r.left < -0.5 || p.r.top < -0.5 || p.r.right > vw + 0.5 || p.r.bottom > vh + 0.5) out.push(`off screen: ${p.name}`);
    }
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i]!.r;
        const b = parts[j]!.r;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) out.push(`overlap: ${parts[i]!.name} and ${parts[j]!.name}`);
      }
    }
    return out;
  });
}

/** What is cut off or covered on the display, at each of the three sizes; the page's own size is put back. */
export async function customerLayoutProblems(page: Page): Promise<string[]> {
  const own = page.viewportSize();
  const out: string[] = [];
  for (const size of DOC_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    for (const p of await problemsNow(page)) out.push(`${size.width}x${size.height} ${p}`);
  }
  if (own) await page.setViewportSize(own);
  return out;
}
