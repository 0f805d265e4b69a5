// Which files a usb: or serial: printer address may open (issue 10 item 6). Before this, any path
// was opened read-write and the receipt's bytes written over its start: `usb:/home/till/run.sh`
// overwrote a shell script and `usb:/etc/passwd` was accepted. Now a printer is a character device
// whose real path (symlinks resolved, as /dev/serial/by-id/… and socat's links are) matches the
// platform's device names, and it is opened with O_NOFOLLOW and checked again after opening.
import { constants, promises as fs, realpathSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { PosError } from '../common/errors.ts';

/**
 * Device names per platform. Linux: usblp (/dev/usb/lp0), parallel ports, USB-serial adapters,
 * on-board and Pi UARTs, Bluetooth serial, and ptys (virtual serial ports: socat, the tests).
 * macOS: the cu./tty. call-out devices. Windows: COM ports and USB printer-class ports.
 */
export const PRINTER_DEVICE_PATTERNS: Readonly<Record<string, readonly RegExp[]>> = {
  linux: [/^\/dev\/usb\/lp\d{1,3}$/, /^\/dev\/lp\d{1,3}$/, /^\/dev\/tty(USB|ACM|S|AMA|XRUSB)\d{1,3}$/, /^\/dev\/rfcomm\d{1,3}$/, /^\/dev\/pts\/\d{1,5}$/],
  darwin: [/^\/dev\/(cu|tty)\.[A-Za-z0-9._-]{1,64}$/],
  win32: [/^(\\\\\.\\)?COM\d{1,3}$/i, /^\\\\\.\\USB\d{3}$/i],
};

function patternsFor(platform: string): readonly RegExp[] {
  return PRINTER_DEVICE_PATTERNS[platform] ?? PRINTER_DEVICE_PATTERNS.linux!;
}

function notADevice(target: string, why: string): PosError {
  return new PosError('INVALID_ARGUMENT', `${target}: ${why}; a printer is a device such as /dev/usb/lp0, /dev/ttyUSB0 or COM3`, {
    details: { target },
    detailZh: `${target}：不是打印机设备（例如 /dev/usb/lp0、/dev/ttyUSB0 或 COM3）`,
  });
}

/** Whether a path as typed names a printer device on `platform` (the settings' check before the device exists). */
export function looksLikePrinterDevice(path: string, platform: string = process.platform): boolean {
  return patternsFor(platform).some((p) => p.test(path));
}

/**
 * The real path of a printer device, checked: its name on the allowlist and a character device.
 * Throws INVALID_ARGUMENT for anything else; an absent path is left to the open to report (offline).
 */
export async function checkPrinterDevice(path: string, target: string, platform: string = process.platform): Promise<string> {
  // Windows has no device files to stat; its names (COM3) cannot be ordinary files.
  if (platform === 'win32') {
    if (!looksLikePrinterDevice(path, platform)) throw notADevice(target, 'not a printer port name');
    return path;
  }
  let real: string;
  try {
    real = await fs.realpath(path);
  } catch (e) {
    // Nothing there is nothing to overwrite (no open creates a file): the open reports the printer
    // as unplugged, which is what an absent device usually is.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw e;
  }
  if (!looksLikePrinterDevice(real, platform)) throw notADevice(target, `${real} is not a printer device name`);
  if (!(await fs.stat(real)).isCharacterDevice()) throw notADevice(target, `${real} is not a character device`);
  return real;
}

/**
 * Opens a checked printer device: O_NOFOLLOW so a symlink swapped in after the check is refused,
 * and fstat on the open handle, so what is written to is the character device that was checked.
 */
export async function openPrinterDevice(path: string, flags: number, target: string, platform: string = process.platform): Promise<FileHandle> {
  const real = await checkPrinterDevice(path, target, platform);
  const file = await fs.open(real, flags | (constants.O_NOFOLLOW ?? 0));
  if (platform !== 'win32' && !(await file.stat()).isCharacterDevice()) {
    await file.close();
    throw notADevice(target, `${real} is not a character device`);
  }
  return file;
}

/**
 * The settings' check when a printer address is saved (synchronous, inside the schema): the path
 * names a printer device, or resolves to one that is a character device. The open checks again.
 */
export function isPrinterDevicePath(path: string, platform: string = process.platform): boolean {
  if (platform === 'win32') return looksLikePrinterDevice(path, platform);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return looksLikePrinterDevice(path, platform);
  }
  try {
    return looksLikePrinterDevice(real, platform) && statSync(real).isCharacterDevice();
  } catch {
    return false;
  }
}
