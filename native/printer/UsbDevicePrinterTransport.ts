// A USB printer as the OS's printer-class device file: /dev/usb/lp0 on Linux (the usblp driver).
// It is opened non-blocking: a blocking read or write on a stuck printer would hold one of Node's
// few thread-pool threads forever. usblp passes reads from the printer's bulk-in endpoint, so
// DLE EOT status works on printers that answer; others get status=best-effort (the default).
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { PosError } from '../../app/common/errors.ts';
import type { PrinterLink } from '../../app/printing/PrinterTransport.ts';
import { openPrinterDevice } from '../../app/printing/printerDevice.ts';
import { RawPrinterTransport, type RawTransportTimeouts } from '../../app/printing/RawPrinterTransport.ts';

export type UsbDevicePrinterOptions = Partial<RawTransportTimeouts> & { path: string };

/** How often a non-blocking device is polled for room to write or bytes to read. */
const POLL_INTERVAL_MS = 5;

const FS_ERRORS: Readonly<Record<string, { code: 'PRINTER_OFFLINE' | 'PRINTER_PAPER_OUT' | 'PRINTER_ERROR'; en: string; zh: string }>> = {
  ENOENT: { code: 'PRINTER_OFFLINE', en: 'no such device (is the printer switched on and plugged in?)', zh: '找不到设备（打印机是否开机并已连接？）' },
  ENODEV: { code: 'PRINTER_OFFLINE', en: 'the device is gone (unplugged or switched off)', zh: '设备已断开（拔出或关机）' },
  ENXIO: { code: 'PRINTER_OFFLINE', en: 'the device is gone (unplugged or switched off)', zh: '设备已断开（拔出或关机）' },
  // usblp reports what the printer's port status says: -ENOSPC for paper out, -EIO for off-line.
  ENOSPC: { code: 'PRINTER_PAPER_OUT', en: 'the printer reports paper out', zh: '打印机报告缺纸' },
  EIO: { code: 'PRINTER_OFFLINE', en: 'the printer reports itself off-line', zh: '打印机报告离线' },
  EACCES: { code: 'PRINTER_ERROR', en: 'permission denied (on Linux add the user to the lp group)', zh: '没有权限（Linux 上请把用户加入 lp 组）' },
  EPERM: { code: 'PRINTER_ERROR', en: 'permission denied (on Linux add the user to the lp group)', zh: '没有权限（Linux 上请把用户加入 lp 组）' },
  EBUSY: { code: 'PRINTER_ERROR', en: 'the device is in use by another program (CUPS?)', zh: '设备被其他程序占用（CUPS？）' },
};

export function usbError(target: string, e: unknown): PosError {
  const err = e as NodeJS.ErrnoException;
  const known = err.code ? FS_ERRORS[err.code] : undefined;
  if (known) return new PosError(known.code, `${target}: ${known.en}`, { cause: e, details: { target, errno: err.code }, detailZh: `${target}：${known.zh}` });
  return new PosError('PRINTER_ERROR', `${target}: ${err.message ?? String(e)}`, { cause: e, details: { target, errno: err.code } });
}

function wouldBlock(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

class DeviceLink implements PrinterLink {
  readonly readable: boolean;
  private readonly file: FileHandle;
  private readonly target: string;
  private pending: number[] = [];

  constructor(file: FileHandle, readable: boolean, target: string) {
    this.file = file;
    this.readable = readable;
    this.target = target;
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const deadlineMs = Date.now() + timeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (e) {
        if (!wouldBlock(e)) throw usbError(this.target, e);
      }
      if (Date.now() >= deadlineMs) {
        throw new PosError('PRINTER_ERROR', `${this.target}: the printer took ${offset} of ${bytes.length} bytes, then nothing for ${timeoutMs} ms (paper out or cover open?)`, { details: { target: this.target, offset } });
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    if (!this.readable) return null;
    const deadlineMs = Date.now() + timeoutMs;
    const buf = new Uint8Array(64);
    while (this.pending.length === 0) {
      try {
        const { bytesRead } = await this.file.read(buf, 0, buf.length, null);
        for (let i = 0; i < bytesRead; i++) this.pending.push(buf[i]!);
        if (bytesRead > 0) break;
      } catch (e) {
        if (!wouldBlock(e)) throw usbError(this.target, e);
      }
      if (Date.now() >= deadlineMs) return null;
      await sleep(POLL_INTERVAL_MS);
    }
    return this.pending.shift()!;
  }

  discardInput(): void {
    this.pending = [];
  }

  close(): Promise<void> {
    return this.file.close().catch(() => undefined);
  }
}

export class UsbDevicePrinterTransport extends RawPrinterTransport {
  readonly target: string;
  private readonly path: string;

  constructor(options: UsbDevicePrinterOptions) {
    super({ ...options, statusCheck: options.statusCheck ?? 'best-effort' });
    this.path = options.path;
    this.target = `usb:${options.path}`;
  }

  protected async openLink(): Promise<PrinterLink> {
    // Not every platform has these flags (Windows); 0 leaves them out.
    const nonBlocking = (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
    // Only a character device on the platform's allowlist, never a file (issue 10 item 6).
    try {
      return new DeviceLink(await openPrinterDevice(this.path, constants.O_RDWR | nonBlocking, this.target), true, this.target);
    } catch (e) {
      if (e instanceof PosError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      // A device that may only be written to (some printer-class drivers) still prints.
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw usbError(this.target, e);
    }
    try {
      return new DeviceLink(await openPrinterDevice(this.path, constants.O_WRONLY | nonBlocking, this.target), false, this.target);
    } catch (e) {
      throw usbError(this.target, e);
    }
  }
}
