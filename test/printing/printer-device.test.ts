// Issue 10 item 6: a printer address could overwrite any file. `usb:/any/path` (and `serial:`)
// opened it read-write and wrote the receipt over its start (shown on a shell script), and the
// settings accepted usb:/etc/passwd. Each attack is performed here on files of a temporary folder.
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrinterDevice, isPrinterDevicePath, looksLikePrinterDevice } from '../../app/printing/printerDevice.ts';
import { SettingsStore } from '../../app/settings/SettingsStore.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { SerialPrinterTransport } from '../../native/printer/SerialPrinterTransport.ts';
import { UsbDevicePrinterTransport } from '../../native/printer/UsbDevicePrinterTransport.ts';

const SCRIPT = '#!/bin/sh\necho the till starts\n';
let dir: string;
let script: string;
let link: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'till-printer-device-'));
  script = join(dir, 'start-till.sh');
  writeFileSync(script, SCRIPT);
  chmodSync(script, 0o755);
  // A symlink with a device-like name is no better than the file it points at.
  link = join(dir, 'ttyUSB0');
  symlinkSync(script, link);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = { layout: { widthChars: 32, lines: [] }, escpos: new Uint8Array(Buffer.from('\x1b@RECEIPT BYTES OVER YOUR FILE\n')) } as never;

describe('printer device paths', () => {
  it.each([
    ['usb: at a shell script', () => new UsbDevicePrinterTransport({ path: script, statusCheck: 'off' })],
    ['usb: at a symlink to it', () => new UsbDevicePrinterTransport({ path: link, statusCheck: 'off' })],
    ['serial: at a shell script', () => new SerialPrinterTransport({ path: script, statusCheck: 'off' })],
    ['serial: at a symlink to it', () => new SerialPrinterTransport({ path: link, statusCheck: 'off' })],
  ])('refuses to print to %s, and the file is untouched', async (_what, make) => {
    const t = make();
    await expect(t.print(job)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await t.close();
    expect(readFileSync(script, 'utf8')).toBe(SCRIPT);
  });

  it('refuses a character device that is not a printer, and any file outside /dev (checked, never opened here)', async () => {
    await expect(checkPrinterDevice('/dev/null', 'usb:/dev/null', 'linux')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(checkPrinterDevice('/etc/passwd', 'usb:/etc/passwd', 'linux')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(checkPrinterDevice('/dev/../etc/passwd', 'usb:/dev/../etc/passwd', 'linux')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('knows each platform’s printer device names', () => {
    for (const p of ['/dev/usb/lp0', '/dev/lp1', '/dev/ttyUSB0', '/dev/ttyACM2', '/dev/ttyS0', '/dev/rfcomm0']) expect(looksLikePrinterDevice(p, 'linux'), p).toBe(true);
    for (const p of ['/etc/passwd', '/dev/sda', '/dev/null', '/dev/usb/lp0/../../sda', '/home/till/.bashrc', '/dev/tty']) expect(looksLikePrinterDevice(p, 'linux'), p).toBe(false);
    expect(looksLikePrinterDevice('/dev/cu.usbserial-1420', 'darwin')).toBe(true);
    expect(looksLikePrinterDevice('/Users/till/.zshrc', 'darwin')).toBe(false);
    expect(looksLikePrinterDevice('COM3', 'win32')).toBe(true);
    expect(looksLikePrinterDevice('C:\\Windows\\win.ini', 'win32')).toBe(false);
    expect(isPrinterDevicePath(script)).toBe(false);
    expect(isPrinterDevicePath(link)).toBe(false);
  });

  it('is refused by the settings before it is saved', () => {
    const store = new SettingsStore(join(dir, 'data'), filePermissionBox);
    for (const url of ['usb:/etc/passwd', `usb:${script}`, `serial:${link}`, 'usb:/dev/null']) {
      expect(() => store.write({ printer: { url } }), url).toThrow(/printer device/);
    }
    expect(store.write({ printer: { url: 'usb:/dev/usb/lp0' } }).printer.url).toBe('usb:/dev/usb/lp0');
  });
});
