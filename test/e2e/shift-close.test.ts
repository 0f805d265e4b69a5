// issue 9 items 12 and 14 in Chromium: F5 shows the shift so far (X) and prints or previews it,
// closes the day (Z) with its printout, lists any day's payments by date, searched by the code's
// last four digits or the order number, and exports them as CSV; the header shows the printer and
// gateway; F8 on the sale screen reprints the last receipt, or shows it where nothing can print.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';
import { readEscPos } from '../helpers/escpos-reader.ts';
import { startTcpPrinter, type TcpFake } from '../printing/fakePrinter.ts';

const PAYS_NOW = '287654321012345600';
const DECLINES = '287654321012345603';

let till: TillServer;
let page: Page;
let printer: TcpFake;
useE2eTill({ paysAfterMs: 800 }, (s) => ({ till, page } = s));

beforeAll(async () => {
  printer = await startTcpPrinter();
});
afterAll(async () => {
  await printer.stop();
});

function printerAt(url: string | null): void {
  writeFileSync(join(till.dir, 'settings.json'), JSON.stringify({ printer: { url, paperWidthMm: 58, printOnSuccess: false } }));
}

function printedText(): string {
  return readEscPos(printer.printer.bytes()).lines.map((l) => l.text).join('\n');
}

async function sale(p: Page, amount: string, code: string, screen: string): Promise<void> {
  await typeLikeAPerson(p, amount);
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-screen=scan]');
  await scanCode(p, code);
  await waitForScreen(p, screen);
  // Past the result's guard time: F1 until the amount screen is back.
  await expect.poll(async () => {
    await p.keyboard.press('F1');
    return p.locator('[data-screen=amount]').count();
  }, { timeout: 10_000 }).toBe(1);
}

describe('F5: shift and day close', () => {
  it('shows the shift, prints and previews X, searches and exports a day, closes with Z and prints it', async () => {
    printerAt(`tcp://127.0.0.1:${printer.port}`);
    printer.printer.clear();
    await sale(page, '12.34', PAYS_NOW, '[data-screen=paid]');
    await sale(page, '1', DECLINES, '[data-screen=failed]');

    await page.keyboard.press('F5');
    await page.waitForSelector('[data-screen=shift] [data-testid=shift-totals]');
    await expect.poll(() => page.getByTestId('shift-totals-paid').textContent()).toBe('1 笔 ¥12.34');
    expect(await page.getByTestId('shift-totals-net').textContent()).toBe('¥12.34');
    // The header's lights: the printer set up, the training gateway on 127.0.0.1 reachable.
    await expect.poll(() => page.getByTestId('light-printer').getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('light-gateway').getAttribute('data-state')).toBe('reachable');

    // The day's list: both tries, searched by the code's last four digits, then by order number.
    await expect.poll(() => page.getByTestId('day-count').textContent()).toBe('共 2 条');
    await docScreens(page, 'shift');
    await page.getByTestId('day-search').fill('5600');
    await expect.poll(() => page.getByTestId('day-count').textContent()).toBe('共 1 条');
    const order = (await page.locator('[data-testid=day-list] tbody td').nth(4).textContent()) ?? '';
    expect(order).toMatch(/^TR\d+$/);
    await page.getByTestId('day-search').fill(order.slice(0, -1));
    await expect.poll(() => page.getByTestId('day-count').textContent()).toBe('共 1 条');
    await page.getByTestId('day-search').fill('');
    await expect.poll(() => page.getByTestId('day-count').textContent()).toBe('共 2 条');

    // CSV of the listed payments, downloaded by the browser.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    const download = page.waitForEvent('download');
    await page.keyboard.press('F9');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF时间 time,金额 amount')).toBe(true);
    expect(csv).toContain(order);
    expect(csv).toContain('12.34');
    expect(csv.trim().split('\r\n')).toHaveLength(3);

    // Another day: nothing was taken yesterday.
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('day').fill(yesterday);
    await page.waitForSelector('text=当天没有收款记录');

    // X: printed, and previewed on screen.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('F8');
    await page.waitForSelector('[data-testid=x-printed]');
    await expect.poll(() => printedText()).toContain('12.34');
    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid=receipt-preview]');
    expect(await page.getByTestId('receipt-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(384);
    await docScreens(page, 'shift-x-preview');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=receipt-preview]', { state: 'detached' });

    // Z: asks first, then closes the period and prints it.
    printer.printer.clear();
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-testid=z-confirm]');
    await docScreens(page, 'shift-z-confirm');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=z-done]');
    expect(await page.getByTestId('z-done').innerText()).toMatch(/Z 序号 0001/);
    expect(await page.getByTestId('z-printed').textContent()).toBe('Z 报表已打印');
    expect(await page.getByTestId('z-totals-net').textContent()).toBe('¥12.34');
    await expect.poll(() => printedText()).toMatch(/Z 序号\s+0001/);
    // The shift starts again after the close.
    await expect.poll(() => page.getByTestId('shift-totals-net').textContent()).toBe('¥0.00');
    await docScreens(page, 'shift-z-done');
  });

  it('F8 on the sale screen reprints the last receipt, or shows it when no printer is set up', async () => {
    printerAt(`tcp://127.0.0.1:${printer.port}`);
    await sale(page, '3.21', PAYS_NOW, '[data-screen=paid]');
    printer.printer.clear();
    await page.keyboard.press('F8');
    await page.waitForSelector('text=已重打小票');
    await expect.poll(() => printedText()).toContain('3.21');
    // Printed once already: the second one is marked, so it is not taken for a second sale.
    expect(printedText()).not.toContain('重打印');
    printer.printer.clear();
    await page.keyboard.press('F8');
    await expect.poll(() => printedText()).toContain('重打印');

    printerAt(null);
    await page.keyboard.press('F8');
    await page.waitForSelector('[data-testid=receipt-preview]');
    expect(await page.getByTestId('receipt-preview').innerText()).toContain('未设置打印机');
    await docScreens(page, 'sale-receipt-preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('light-printer').getAttribute('data-state')).toBe('none');
  });
});
