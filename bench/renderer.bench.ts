// The renderer's figures (issue 4): its JavaScript size gzipped (goal: under 250 KB) and the time
// from the scan's last key to the waiting screen, measured in Chromium against browser mode and
// the training gateway (goal: under 50 ms). Prints numbers; asserts nothing.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/helpers/browser.ts';
import { buildRenderer } from '../test/e2e/helpers/renderer.ts';
import { startTillServer } from '../test/e2e/helpers/tillServer.ts';

const RUNS = 40;
const KB = 1024;
/** Pays at once in the training gateway: each run ends quickly on the paid screen. */
const CODE = '287654321012345600';
const KEY_GAP_MS = 4;

type Timing = { inDomMs: number; nextFrameMs: number };

function gz(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** The JS a page loads: its entry script plus every chunk it imports (Vite writes them as modulepreload links or imports). */
function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  const direct = [...text.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${m[1] ?? m[2]}`);
  };
  direct.forEach(visit);
  return [...seen];
}

function sizes(dir: string): void {
  const all = readdirSync(join(dir, 'assets'));
  const js = all.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const css = all.filter((f) => f.endsWith('.css')).map((f) => `assets/${f}`);
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(join(dir, f)), 0);
  const raw = (files: string[]) => files.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
  const cashier = pageScripts(dir, 'index.html');
  const customer = pageScripts(dir, 'customer.html');
  console.log(`renderer JS, gzipped (goal < 250 KB):`);
  console.log(`  cashier's screen  ${(sum(cashier) / KB).toFixed(1)} KB gz (${(raw(cashier) / KB).toFixed(1)} KB raw, ${cashier.length} files)`);
  console.log(`  customer display  ${(sum(customer) / KB).toFixed(1)} KB gz (${(raw(customer) / KB).toFixed(1)} KB raw, ${customer.length} files)`);
  console.log(`  all JS            ${(sum(js) / KB).toFixed(1)} KB gz; CSS ${(sum(css) / KB).toFixed(1)} KB gz`);
}

/**
 * One scan on the scan prompt: digits KEY_GAP_MS apart (stamped, as a USB scanner sends them) and
 * then the last key, timed from just before it is dispatched to the waiting screen being in the
 * DOM, and to the first animation frame after that (the frame that paints it).
 */
async function timeOneScan(page: Page, withSuffix: boolean): Promise<Timing> {
  return page.evaluate(
    ({ code, gap, withSuffix }) =>
      new Promise<Timing>((resolve) => {
        let t0 = 0;
        let inDom = 0;
        const seen = () => document.querySelector('[data-screen=waiting], [data-screen=paid]') !== null;
        const observer = new MutationObserver(() => {
          if (inDom || !seen()) return;
          inDom = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => resolve({ inDomMs: inDom - t0, nextFrameMs: performance.now() - t0 }));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        const keys = withSuffix ? [...code, 'Enter'] : [...code];
        const start = performance.now() - keys.length * gap;
        keys.forEach((key, i) => {
          const e = new KeyboardEvent('keydown', { key, code: key === 'Enter' ? 'Enter' : `Digit${key}`, bubbles: true, cancelable: true });
          Object.defineProperty(e, 'timeStamp', { value: i === keys.length - 1 ? performance.now() : start + i * gap });
          if (i === keys.length - 1) t0 = performance.now();
          document.body.dispatchEvent(e);
        });
      }),
    { code: CODE, gap: KEY_GAP_MS, withSuffix },
  );
}

function summary(label: string, xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `  ${label.padEnd(34)} median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
}

async function latency(rendererDir: string): Promise<void> {
  const till = await startTillServer({ rendererDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(till.server.url);
    await page.waitForSelector('[data-screen=amount]');
    for (const withSuffix of [true, false]) {
      const runs: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.keyboard.type('1', { delay: 0 });
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-screen=scan]');
        runs.push(await timeOneScan(page, withSuffix));
        await page.waitForSelector('[data-screen=paid]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-screen=amount]');
      }
      console.log(`scan's last key → waiting screen, Chromium ${browser.version()}, ${RUNS} scans ${withSuffix ? 'ending in Enter (the usual scanner set-up)' : 'without a suffix key (ended by the idle gap)'} (goal < 50 ms):`);
      console.log(summary('in the DOM', runs.map((r) => r.inDomMs)));
      console.log(summary('next frame (painted)', runs.map((r) => r.nextFrameMs)));
    }
  } finally {
    await browser.close();
    await till.close();
  }
}

export default async function bench(): Promise<void> {
  const dir = await buildRenderer();
  try {
    sizes(dir);
    await latency(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
