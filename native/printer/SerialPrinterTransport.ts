// Serial receipt printers (RS-232, or USB adapters that show up as /dev/ttyUSB0 or COM3). The port
// stays open from the first job until close() or an error: serialport's open flushes both queues
// (tcflush TCIOFLUSH), and reopening per job toggles DTR, which resets some adapters. A serial
// printer belongs to one till, so holding it locks nobody out. Status comes back on the same line.
import { SerialPort } from 'serialport';
import { PosError } from '../../app/common/errors.ts';
import { ByteInbox } from '../../app/printing/byteInbox.ts';
import type { PrinterLink } from '../../app/printing/PrinterTransport.ts';
import { checkPrinterDevice } from '../../app/printing/printerDevice.ts';
import { RawPrinterTransport, type RawTransportTimeouts } from '../../app/printing/RawPrinterTransport.ts';

export type SerialPrinterOptions = Partial<RawTransportTimeouts> & { path: string; baudRate?: number; rtscts?: boolean };

/** serialport's errors carry no code, only the OS's words in the message. */
export function serialOpenError(target: string, e: Error): PosError {
  const m = e.message;
  if (/no such file|not found|cannot find|ENOENT/i.test(m)) {
    return new PosError('PRINTER_OFFLINE', `${target}: no such port (is the printer or its USB adapter plugged in?)`, { cause: e, details: { target }, detailZh: `${target}：找不到串口（打印机或 USB 转串口线是否已连接？）` });
  }
  if (/permission denied|access is denied|EACCES/i.test(m)) {
    return new PosError('PRINTER_ERROR', `${target}: permission denied (on Linux add the user to the dialout group)`, { cause: e, details: { target }, detailZh: `${target}：没有权限（Linux 上请把用户加入 dialout 组）` });
  }
  if (/lock|busy|in use/i.test(m)) {
    return new PosError('PRINTER_ERROR', `${target}: the port is in use by another program`, { cause: e, details: { target }, detailZh: `${target}：串口被其他程序占用` });
  }
  return new PosError('PRINTER_ERROR', `${target}: ${m}`, { cause: e, details: { target } });
}

class SerialLink implements PrinterLink {
  readonly readable = true;
  private readonly inbox = new ByteInbox();
  private readonly port: SerialPort;
  private readonly target: string;

  constructor(port: SerialPort, target: string) {
    this.port = port;
    this.target = target;
    port.on('data', (chunk: Buffer) => this.inbox.push(chunk));
    port.on('close', () => this.inbox.end());
    port.on('error', () => this.inbox.end());
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** The link for one job: closing it leaves the port open for the next. */
  lease(): PrinterLink {
    return {
      readable: true,
      write: (bytes, timeoutMs) => this.write(bytes, timeoutMs).catch(async (e: unknown) => {
        // A port that failed a write (adapter unplugged, flow control stuck) is opened afresh next time.
        await this.close();
        throw e;
      }),
      readByte: (timeoutMs) => this.readByte(timeoutMs),
      discardInput: () => this.discardInput(),
      close: async () => undefined,
    };
  }

  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (!this.port.isOpen) return Promise.reject(new PosError('PRINTER_OFFLINE', `${this.target}: the port closed`, { details: { target: this.target } }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new PosError('PRINTER_ERROR', `${this.target}: the printer took no data for ${timeoutMs} ms (flow control held: paper out or cover open?)`, { details: { target: this.target } }));
      }, timeoutMs);
      this.port.write(Buffer.from(bytes));
      // drain resolves once the OS has passed every byte to the line, not just buffered it.
      this.port.drain((err) => {
        clearTimeout(timer);
        if (err) reject(serialOpenError(this.target, err));
        else resolve();
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.readByte(timeoutMs);
  }

  discardInput(): void {
    this.inbox.discard();
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}

export class SerialPrinterTransport extends RawPrinterTransport {
  readonly target: string;
  private readonly options: SerialPrinterOptions;
  private open: SerialLink | null = null;

  constructor(options: SerialPrinterOptions) {
    super(options);
    this.options = options;
    this.target = `serial:${options.path}`;
  }

  protected async openLink(): Promise<PrinterLink> {
    if (this.open?.isOpen) return this.open.lease();
    // serialport opens the path itself: it gets the checked real path of a character device on the
    // platform's allowlist, never a file it would open read-write and write over (issue 10 item 6).
    const path = await checkPrinterDevice(this.options.path, this.target);
    const port = new SerialPort({ path, baudRate: this.options.baudRate ?? 9600, rtscts: this.options.rtscts ?? false, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(serialOpenError(this.target, err)) : resolve())));
    this.open = new SerialLink(port, this.target);
    return this.open.lease();
  }

  override async close(): Promise<void> {
    await this.open?.close();
    this.open = null;
  }
}
