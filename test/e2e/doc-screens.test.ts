// Test hygiene (issue 9 "Done when"): a test run takes the docs' screenshots into test-results/
// only; docs/screens/ changes only when asked with UPDATE_SCREENSHOTS=1 (npm run screenshots).
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DOC_SCREENS_DIR, docScreens, RUN_SCREENS_DIR } from './helpers/docScreens.ts';

/** A page that "photographs" by writing a file, with the viewport it was set to. */
function fakePage(): Page {
  let size = { width: 1280, height: 800 };
  return {
    viewportSize: () => size,
    setViewportSize: async (s: typeof size) => void (size = s),
    evaluate: async () => undefined,
    screenshot: async ({ path }: { path: string }) => writeFileSync(path, `${size.width}x${size.height}`),
  } as unknown as Page;
}

const NAME = `hygiene-${process.pid}`;
const files = ['1366x768', '1024x768', '800x600'].map((s) => `${NAME}-${s}.png`);
const saved = process.env.UPDATE_SCREENSHOTS;
afterEach(() => {
  if (saved === undefined) delete process.env.UPDATE_SCREENSHOTS;
  else process.env.UPDATE_SCREENSHOTS = saved;
  for (const f of files) for (const dir of [DOC_SCREENS_DIR, RUN_SCREENS_DIR]) rmSync(join(dir, f), { force: true });
});

describe('the docs\' screenshots', () => {
  it('go to test-results/doc-screens on a plain run, and docs/screens is left alone', async () => {
    delete process.env.UPDATE_SCREENSHOTS;
    await docScreens(fakePage(), NAME);
    for (const f of files) {
      expect(existsSync(join(RUN_SCREENS_DIR, f)), f).toBe(true);
      expect(existsSync(join(DOC_SCREENS_DIR, f)), f).toBe(false);
    }
  });

  it('replace the ones in docs/screens at the three sizes only when asked', async () => {
    process.env.UPDATE_SCREENSHOTS = '1';
    const page = fakePage();
    await docScreens(page, NAME);
    for (const f of files) expect(existsSync(join(DOC_SCREENS_DIR, f)), f).toBe(true);
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  });
});
