import { describe, expect, it } from 'vitest';
import type { SilentPrintRequest } from '../../main/printer/OsPrinterTransport.ts';
import { createSilentPrint } from '../../main/silentPrint.ts';
import { fakeBrowserWindowClass } from './fakes.ts';

const REQUEST: SilentPrintRequest = {
  html: '<!doctype html><p>收银台 ￥12.34</p>',
  options: { silent: true, deviceName: 'XP-58', printBackground: true, margins: { marginType: 'none' }, pageSize: { width: 58000, height: 120000 } },
};

describe('createSilentPrint', () => {
  it('prints the HTML from a hidden window without JavaScript, then destroys the window', async () => {
    const BrowserWindow = fakeBrowserWindowClass();
    const r = await createSilentPrint(BrowserWindow)(REQUEST);
    expect(r).toEqual({ success: true });
    const win = BrowserWindow.created[0]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(decodeURIComponent(win.loaded[0]!)).toBe(`data:text/html;charset=utf-8,${REQUEST.html}`);
    expect(win.webContents.printed).toEqual([REQUEST.options]);
    expect(win.destroyed).toBe(true);
  });

  it('passes on the OS’s reason when printing fails', async () => {
    const BrowserWindow = fakeBrowserWindowClass({ onCreated: (w) => void (w.webContents.printAnswer = { success: false, failureReason: 'Invalid deviceName provided' }) });
    expect(await createSilentPrint(BrowserWindow)(REQUEST)).toEqual({ success: false, failureReason: 'Invalid deviceName provided' });
    expect(BrowserWindow.created[0]!.destroyed).toBe(true);
  });

  it('gives up on a driver that never answers, and still destroys the window', async () => {
    const BrowserWindow = fakeBrowserWindowClass({ onCreated: (w) => void (w.webContents.printAnswer = 'never') });
    const r = await createSilentPrint(BrowserWindow, 5)(REQUEST);
    expect(r).toEqual({ success: false, failureReason: 'the OS printer did not answer within 5 ms' });
    expect(BrowserWindow.created[0]!.destroyed).toBe(true);
  });
});
