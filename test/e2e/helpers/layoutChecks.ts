// Layout faults a cashier sees at 800x600 and in English (try.md item 15), measured in the page:
// buttons off screen/covered/overlapping (as layout-language.test.ts checks), content showing
// through below a screen's sticky action bar, a label and its value not side by side in a facts
// list, a key offered on screen whose explanation is hidden, and the sale's 上一笔 below the fold.
import type { Page } from 'playwright-core';

export async function layoutFaults(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const visible = (el: Element | null): el is HTMLElement => el instanceof HTMLElement && el.offsetParent !== null;
    const buttons = [...document.querySelectorAll<HTMLElement>('button')].filter(visible).map((b) => ({ b, r: b.getBoundingClientRect(), name: (b.textContent ?? '').trim().slice(0, 24) }));
    const mustShow = (b: HTMLElement) => b.closest('.actions, .fkeys, .keypad, .last-sale') !== null;
    for (const { b, r, name } of buttons) {
      if (!mustShow(b)) continue;
      // The footer's keys keep a few pixels from the edge: a key touching it reads as cut off.
      const edge = b.closest('.fkeys') ? 4 : -0.5;
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw - edge || r.bottom > vh + 0.5) out.push(`off screen: "${name}"`);
      else {
        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        if (!hit || !(hit === b || b.contains(hit))) out.push(`covered: "${name}"`);
      }
    }
    // Below a sticky action bar, inside the scrolling area, nothing of the content may show.
    const main = document.querySelector('.till__main');
    if (main) {
      const m = main.getBoundingClientRect();
      for (const bar of document.querySelectorAll<HTMLElement>('.till__main .actions')) {
        if (!visible(bar) || getComputedStyle(bar).position !== 'sticky') continue;
        const a = bar.getBoundingClientRect();
        // Only a bar stuck at the foot of the scrolling area (the amount screen's sits mid-page).
        if (m.bottom - a.bottom > 30) continue;
        for (let y = Math.ceil(a.bottom) + 1; y < m.bottom - 1; y += 2) {
          for (const x of [m.left + 40, (m.left + m.right) / 2, m.right - 60]) {
            const hit = document.elementFromPoint(x, y);
            const ownText = hit ? [...hit.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '') : false;
            if (hit && hit !== main && !bar.contains(hit) && main.contains(hit) && ownText) {
              out.push(`shows below the action bar: "${(hit.textContent ?? '').trim().slice(0, 20)}"`);
              y = Infinity;
              break;
            }
          }
        }
      }
    }
    // A facts list (dl) reads label — value on one line.
    for (const dl of document.querySelectorAll<HTMLElement>('.till__main dl')) {
      if (!visible(dl)) continue;
      const dt = dl.querySelector('dt');
      const dd = dl.querySelector('dd');
      if (dt && dd && Math.abs(dt.getBoundingClientRect().top - dd.getBoundingClientRect().top) > 8) out.push(`label above its value: ${dl.className || 'dl'}`);
    }
    // A key offered on the second amount needs its explanation on screen.
    const field = document.querySelector('[data-testid=undiscountable-field]');
    if (visible(field) && !visible(field.querySelector('.undiscountable__hint'))) out.push('second amount: its hint (↑ / Esc) is hidden');
    return out;
  });
}
