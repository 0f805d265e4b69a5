// The OS printer transport (main/printer/OsPrinterTransport.ts) beyond the shared contract: the
// silent-print options Electron needs to print at the paper's size (field-notes.md item 13), and
// the page itself rendered in Debian's Chromium — characters in their columns at 58 and 80 mm.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PosError } from '../../app/common/errors.ts';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth } from '../../app/common/receipt/model.ts';
import { printReceipt } from '../../app/printing/printService.ts';
import { receiptHtml } from '../../app/printing/receiptHtml.ts';
import { OsPrinterTransport, type SilentPrintRequest } from '../../main/printer/OsPrinterTransport.ts';
import { saleReceipt } from './receipts.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-results', 'receipts');

describe('OsPrinterTransport', () => {
  it('asks for a silent print on the named printer, no margins, at the paper width and the receipt height', async () => {
    const requests: SilentPrintRequest[] = [];
    const t = new OsPrinterTransport({ deviceName: '前台 XP-80', print: async (r) => { requests.push(r); return { success: true }; } });
    await printReceipt(t, saleReceipt(), { paper: 80 });
    await printReceipt(t, saleReceipt({ training: true }), { paper: 58 });
    expect(requests.map((r) => r.options.pageSize.width)).toEqual([80_000, 58_000]);
    for (const r of requests) expect(r.options).toMatchObject({ silent: true, deviceName: '前台 XP-80', printBackground: true, margins: { marginType: 'none' } });
    // A training receipt has more lines, so a longer page; neither is an A4 sheet.
    expect(requests[1]!.options.pageSize.height).toBeGreaterThan(requests[0]!.options.pageSize.height);
    expect(requests[1]!.options.pageSize.height).toBeLessThan(297_000);
    expect(requests[0]!.html).toContain('@page { size: 80mm');
  });

  it('passes on the OS failure reason: a vanished printer is offline, anything else a printing error', async () => {
    const failing = (failureReason: string) => new OsPrinterTransport({ deviceName: 'XP-58', print: async () => ({ success: false, failureReason }) });
    const code = async (t: OsPrinterTransport) => printReceipt(t, saleReceipt(), { paper: 58 }).then(() => 'printed', (e: PosError) => `${e.code}: ${e.message}`);
    expect(await code(failing('Invalid deviceName provided'))).toMatch(/^PRINTER_OFFLINE: .*Invalid deviceName/);
    expect(await code(failing('Print job canceled'))).toMatch(/^PRINTER_ERROR: .*Print job canceled/);
  });

  it('prints when the OS cannot say how the printer is, and reports the status as not read', async () => {
    const t = new OsPrinterTransport({ deviceName: 'XP-58', print: async () => ({ success: true }) });
    const result = await printReceipt(t, saleReceipt(), { paper: 58 });
    expect(result.status.answered).toBe(false);
  });
});

describe('the OS print page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([58, 80] as PaperWidth[])('lays every character in its columns on %i mm, values ending at the right edge', async (paper) => {
    const { html, pageSize } = receiptHtml(layoutReceipt(saleReceipt({ training: true }), paper));
    const page = await browser.newPage({ viewport: { width: Math.ceil((paper * 96) / 25.4), height: 400 } });
    await page.setContent(html);
    const m = await page.evaluate(() => {
      const mm = (px: number) => (px * 25.4) / 96;
      const lines = [...document.querySelectorAll<HTMLElement>('.l')];
      const body = document.querySelector<HTMLElement>('.r')!.getBoundingClientRect();
      return {
        printableMm: mm(body.width),
        heightMm: mm(document.body.getBoundingClientRect().height),
        lines: lines.map((l) => {
          const spans = [...l.querySelectorAll<HTMLElement>('span')];
          const last = spans.at(-1)?.getBoundingClientRect();
          return {
            text: l.textContent ?? '',
            rightMm: last ? mm(last.right - body.left) : 0,
            overflowing: spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent),
          };
        }),
      };
    });
    const printableMm = PAPER[paper].dots / 8;
    expect(m.printableMm).toBeCloseTo(printableMm, 1);
    expect(m.heightMm).toBeLessThanOrEqual(pageSize.height / 1000 + 0.5);
    for (const l of m.lines) expect(l.overflowing, l.text).toEqual([]);
    // Chromium lays boxes out in 1/64 px, so 32–48 cells of 1.5 mm may add up to a little less.
    const quarterMm = 0.25;
    for (const label of ['门店号', '支付时间', '金额', '付款账户']) {
      expect(Math.abs(m.lines.find((l) => l.text.startsWith(label))!.rightMm - printableMm), label).toBeLessThan(quarterMm);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `os-print-${paper}mm.png`), fullPage: true });
    await page.close();
  });
});
