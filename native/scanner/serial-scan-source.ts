// A scanner on a serial port (RS-232, or USB in CDC/virtual-COM mode) over `serialport`. Bytes are
// framed into codes by the LineAssembler (suffix or silence); when the port disappears — the USB
// cable pulled, the pty gone — the source says so and reopens the same path until it is back.
import { SerialPort } from 'serialport';
import { PosError } from '../../app/common/errors.ts';
import { LineAssembler } from '../../app/scanner/line-assembler.ts';
import { Listeners, StatusListeners } from '../../app/scanner/listeners.ts';
import type { Scan, ScanSource, ScanStatus } from '../../app/scanner/scan-source.ts';
import { SerialScanConfigSchema, type SerialScanConfig } from '../../app/scanner/source-config.ts';
import { realTimers, type TimerHandle, type Timers } from '../../app/scanner/timers.ts';

export type SerialScanSourceOptions = Omit<SerialScanConfig, 'kind' | 'baudRate' | 'suffix' | 'idleMs' | 'reconnectMs'> &
  Partial<Pick<SerialScanConfig, 'baudRate' | 'suffix' | 'idleMs' | 'reconnectMs'>> & { timers?: Timers };

/** What an open failure means for the installer. serialport's errors carry only a message. */
export function serialOpenStatus(path: string, error: unknown): ScanStatus {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such file|ENOENT/i.test(message)) return { state: 'disconnected', message: `waiting for ${path} (not present)` };
  if (/permission denied|EACCES/i.test(message)) {
    const e = new PosError('SCANNER_PERMISSION_DENIED', `no permission to open ${path}; on Linux add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)`);
    return { state: 'error', code: e.code, message: e.message };
  }
  if (/cannot lock port|resource temporarily unavailable|EBUSY|busy/i.test(message)) {
    const e = new PosError('SCANNER_DEVICE_BUSY', `${path} is open in another program (${message})`);
    return { state: 'error', code: e.code, message: e.message };
  }
  const e = new PosError('SCANNER_UNAVAILABLE', `cannot open ${path}: ${message}`);
  return { state: 'error', code: e.code, message: e.message };
}

export class SerialScanSource implements ScanSource {
  readonly kind = 'serial' as const;
  readonly config: SerialScanConfig;
  readonly #timers: Timers;
  readonly #scans = new Listeners<Scan>();
  readonly #status = new StatusListeners<ScanStatus>({ state: 'disconnected', message: 'not started' });
  #assembler: LineAssembler;
  #running = false;
  /** Bumped by every start and stop, so an open still in flight from an earlier run gives up. */
  #run = 0;
  #port: SerialPort | null = null;
  #retry: TimerHandle | undefined;
  #idle: TimerHandle | undefined;

  constructor(options: SerialScanSourceOptions) {
    const { timers, ...config } = options;
    this.config = SerialScanConfigSchema.parse({ ...config, kind: 'serial' });
    this.#timers = timers ?? realTimers;
    this.#assembler = new LineAssembler(this.config.suffix);
  }

  get name(): string {
    return `serial:${this.config.path}`;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#run++;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#run++;
    this.#timers.clearTimeout(this.#retry);
    this.#timers.clearTimeout(this.#idle);
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.#assembler = new LineAssembler(this.config.suffix);
    this.#status.set({ state: 'disconnected', message: 'stopped' });
  }

  onScan(listener: (scan: Scan) => void): () => void {
    return this.#scans.add(listener);
  }

  onStatus(listener: (status: ScanStatus) => void): () => void {
    return this.#status.add(listener);
  }

  async #connect(): Promise<void> {
    const { path, baudRate } = this.config;
    const run = this.#run;
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    } catch (error) {
      if (run !== this.#run) return;
      this.#status.set(serialOpenStatus(path, error));
      this.#scheduleRetry();
      return;
    }
    if (run !== this.#run || this.#port) {
      port.close();
      return;
    }
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.#onData(chunk));
    // A vanished device surfaces as 'close' (with `disconnected` set), not as 'error'.
    port.on('error', (error: Error) => {
      if (this.#port !== port) return;
      const e = new PosError('SCANNER_UNAVAILABLE', `${path}: ${error.message}`);
      this.#status.set({ state: 'error', code: e.code, message: e.message });
      // A read error (EIO from a hung-up pty or a pulled adapter) may come without the 'close':
      // close it ourselves, so the 'close' below marks it disconnected and reopening starts.
      if (port.isOpen) port.close(() => undefined);
    });
    port.on('close', () => {
      if (this.#port !== port) return;
      this.#port = null;
      this.#timers.clearTimeout(this.#idle);
      // Half a code from before the unplug must not prefix the first code after it.
      this.#assembler = new LineAssembler(this.config.suffix);
      if (!this.#running) return;
      this.#status.set({ state: 'disconnected', message: `${path} went away; reopening every ${this.config.reconnectMs} ms` });
      this.#scheduleRetry();
    });
    this.#status.set({ state: 'connected', message: `${path} at ${baudRate} baud` });
  }

  #scheduleRetry(): void {
    this.#timers.clearTimeout(this.#retry);
    this.#retry = this.#timers.setTimeout(() => {
      if (this.#running && !this.#port) void this.#connect();
    }, this.config.reconnectMs);
  }

  #onData(chunk: Buffer): void {
    for (const code of this.#assembler.push(chunk.toString('latin1'))) this.#emit(code);
    this.#timers.clearTimeout(this.#idle);
    if (this.#assembler.hasPending) {
      this.#idle = this.#timers.setTimeout(() => {
        const code = this.#assembler.flush();
        if (code !== null) this.#emit(code);
      }, this.config.idleMs);
    }
  }

  #emit(code: string): void {
    if (this.#running) this.#scans.emit({ code, source: this.name, at: this.#timers.now() });
  }
}
