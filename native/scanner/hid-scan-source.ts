// A scanner read through node-hid: HID POS scanners (usage page 0x8C) and scanners in keyboard
// mode (boot keyboard reports). This file is a thin shell: the report decoding is pure code in
// app/scanner/, tested on recorded reports. node-hid is imported only when HID mode is chosen,
// because its Linux prebuild needs libusb-1.0.so.0 at load time even for hidraw
// (hardware-notes.md section 1) and a till on a serial or wedge scanner must not depend on it.
// The device list is polled while the scanner is missing, so unplug → re-plug needs no restart.
import { accessSync, constants } from 'node:fs';
import { PosError } from '../../app/common/errors.ts';
import { BootKeyboardDecoder } from '../../app/scanner/boot-keyboard-report.ts';
import { HID_POS_USAGE_PAGE, HidPosDecoder } from '../../app/scanner/hid-pos-report.ts';
import { LineAssembler } from '../../app/scanner/line-assembler.ts';
import { Listeners, StatusListeners } from '../../app/scanner/listeners.ts';
import type { Scan, ScanSource, ScanStatus } from '../../app/scanner/scan-source.ts';
import { HidScanConfigSchema, type HidScanConfig } from '../../app/scanner/source-config.ts';
import { realTimers, type TimerHandle, type Timers } from '../../app/scanner/timers.ts';

/** The part of node-hid this source uses; tests pass a fake with the same shape. */
export type HidDeviceInfo = { vendorId: number; productId: number; path?: string | undefined; usagePage?: number | undefined; usage?: number | undefined; product?: string | undefined; manufacturer?: string | undefined };
export interface HidDevice {
  on(event: string, listener: (value: unknown) => void): unknown;
  close(): void;
}
export type HidModule = {
  devices(): HidDeviceInfo[];
  devicesAsync?: () => Promise<HidDeviceInfo[]>;
  HID: new (path: string, options?: { nonExclusive?: boolean }) => HidDevice;
};

/** Generic Desktop / Keyboard: a scanner in keyboard mode. */
const KEYBOARD_USAGE_PAGE = 0x01;
const KEYBOARD_USAGE = 0x06;
/** Boot keyboard reports are 8 bytes (9 with a report ID); HID POS reports are 64. */
const KEYBOARD_REPORT_MAX_BYTES = 9;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Loads node-hid and its native binding, turning a missing libusb into an instruction. */
export async function loadNodeHid(): Promise<HidModule> {
  try {
    const mod = (await import('node-hid')) as unknown as { default?: HidModule & { getHidapiVersion(): string } } & HidModule & { getHidapiVersion(): string };
    const hid = mod.default ?? mod;
    // node-hid loads its binding lazily; make it load now, so a missing library is reported here.
    hid.getHidapiVersion();
    return hid;
  } catch (error) {
    throw hidLoadError(error);
  }
}

export function hidLoadError(error: unknown): PosError {
  const message = error instanceof Error ? error.message : String(error);
  if (/libusb/i.test(message)) {
    return new PosError('SCANNER_UNAVAILABLE', 'HID mode needs the libusb-1.0 library, which is missing: install it (Debian/Ubuntu: sudo apt-get install libusb-1.0-0), or use the scanner in serial or keyboard-wedge mode', { cause: error, detailZh: 'HID 模式需要 libusb-1.0 库：请安装 libusb-1.0-0，或改用串口/键盘模式' });
  }
  return new PosError('SCANNER_UNAVAILABLE', `node-hid could not be loaded: ${message}`, { cause: error });
}

export type HidScanSourceOptions = Partial<Omit<HidScanConfig, 'kind'>> & {
  loadHid?: () => Promise<HidModule>;
  timers?: Timers;
  platform?: NodeJS.Platform;
  /** Whether this process may open a device node (Linux hidraw). */
  canAccess?: (path: string) => 'ok' | 'denied' | 'missing';
};

function defaultCanAccess(path: string): 'ok' | 'denied' | 'missing' {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return 'ok';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'missing';
  }
}

export class HidScanSource implements ScanSource {
  readonly kind = 'hid' as const;
  readonly config: HidScanConfig;
  readonly #loadHid: () => Promise<HidModule>;
  readonly #timers: Timers;
  readonly #platform: NodeJS.Platform;
  readonly #canAccess: (path: string) => 'ok' | 'denied' | 'missing';
  readonly #scans = new Listeners<Scan>();
  readonly #status = new StatusListeners<ScanStatus>({ state: 'disconnected', message: 'not started' });
  #hid: HidModule | null = null;
  #running = false;
  #device: { handle: HidDevice; info: HidDeviceInfo; mode: 'pos' | 'keyboard' | 'auto' } | null = null;
  #poll: TimerHandle | undefined;
  #idle: TimerHandle | undefined;
  #pos = new HidPosDecoder();
  #keyboard = new BootKeyboardDecoder();
  #lines = new LineAssembler('auto');

  constructor(options: HidScanSourceOptions = {}) {
    const { loadHid, timers, platform, canAccess, ...config } = options;
    this.config = HidScanConfigSchema.parse({ ...config, kind: 'hid' });
    this.#loadHid = loadHid ?? loadNodeHid;
    this.#timers = timers ?? realTimers;
    this.#platform = platform ?? process.platform;
    this.#canAccess = canAccess ?? defaultCanAccess;
  }

  /** Rejects with SCANNER_UNAVAILABLE when node-hid cannot be loaded; a missing device is only a status. */
  async start(): Promise<void> {
    if (this.#running) return;
    if (!this.#hid) {
      try {
        this.#hid = await this.#loadHid();
      } catch (error) {
        const e = error instanceof PosError ? error : hidLoadError(error);
        this.#status.set({ state: 'error', code: e.code, message: e.message });
        throw e;
      }
    }
    this.#running = true;
    await this.#pollOnce();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#timers.clearTimeout(this.#poll);
    this.#closeDevice();
    this.#status.set({ state: 'disconnected', message: 'stopped' });
  }

  onScan(listener: (scan: Scan) => void): () => void {
    return this.#scans.add(listener);
  }

  onStatus(listener: (status: ScanStatus) => void): () => void {
    return this.#status.add(listener);
  }

  /** What the config selects, for messages. */
  describeSelection(): string {
    const c = this.config;
    const parts = [
      c.path ? `path ${c.path}` : '',
      c.vendorId !== undefined ? `vendor ${hex4(c.vendorId)}` : '',
      c.productId !== undefined ? `product ${hex4(c.productId)}` : '',
      c.usagePage !== undefined ? `usage page 0x${c.usagePage.toString(16)}` : '',
      c.usage !== undefined ? `usage 0x${c.usage.toString(16)}` : '',
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : `a HID POS scanner (usage page 0x${HID_POS_USAGE_PAGE.toString(16)})`;
  }

  /** The device to open: the configured one, preferring its HID POS interface over its keyboard one. */
  choose(list: readonly HidDeviceInfo[]): HidDeviceInfo | null {
    const c = this.config;
    const selected = c.path !== undefined || c.vendorId !== undefined || c.productId !== undefined || c.usagePage !== undefined || c.usage !== undefined;
    const matches = list.filter((d) =>
      d.path !== undefined &&
      (c.path === undefined || d.path === c.path) &&
      (c.vendorId === undefined || d.vendorId === c.vendorId) &&
      (c.productId === undefined || d.productId === c.productId) &&
      (c.usagePage === undefined || d.usagePage === c.usagePage) &&
      (c.usage === undefined || d.usage === c.usage) &&
      (selected || d.usagePage === HID_POS_USAGE_PAGE));
    const rank = (d: HidDeviceInfo): number => (d.usagePage === HID_POS_USAGE_PAGE ? 0 : d.usagePage === KEYBOARD_USAGE_PAGE && d.usage === KEYBOARD_USAGE ? 1 : 2);
    return [...matches].sort((a, b) => rank(a) - rank(b))[0] ?? null;
  }

  async #pollOnce(): Promise<void> {
    if (!this.#running || this.#device || !this.#hid) return;
    let list: HidDeviceInfo[];
    try {
      list = this.#hid.devicesAsync ? await this.#hid.devicesAsync() : this.#hid.devices();
    } catch (error) {
      list = [];
      const e = new PosError('SCANNER_UNAVAILABLE', `cannot list HID devices: ${error instanceof Error ? error.message : String(error)}`);
      this.#status.set({ state: 'error', code: e.code, message: e.message });
    }
    if (!this.#running || this.#device) return;
    const info = this.choose(list);
    if (!info) {
      if (this.#status.current.state !== 'error') this.#status.set({ state: 'disconnected', message: `waiting for ${this.describeSelection()}` });
    } else {
      this.#open(info);
    }
    if (!this.#device) this.#schedulePoll();
  }

  #schedulePoll(): void {
    this.#timers.clearTimeout(this.#poll);
    this.#poll = this.#timers.setTimeout(() => void this.#pollOnce(), this.config.pollMs);
  }

  #open(info: HidDeviceInfo): void {
    const hid = this.#hid as HidModule;
    const path = info.path as string;
    let handle: HidDevice;
    try {
      // macOS lets a process read a keyboard only non-exclusively (and after the user allows it).
      handle = new hid.HID(path, this.#platform === 'darwin' ? { nonExclusive: true } : undefined);
    } catch (error) {
      this.#status.set(this.#openFailure(info, error));
      return;
    }
    const usageMode: 'pos' | 'keyboard' | 'auto' = info.usagePage === HID_POS_USAGE_PAGE ? 'pos' : info.usagePage === KEYBOARD_USAGE_PAGE && info.usage === KEYBOARD_USAGE ? 'keyboard' : 'auto';
    const device = { handle, info, mode: this.config.mode !== 'auto' ? this.config.mode : usageMode };
    this.#device = device;
    this.#resetDecoders();
    handle.on('data', (data) => {
      if (this.#device === device) this.#onReport(data as Uint8Array);
    });
    handle.on('error', (error) => {
      if (this.#device !== device) return;
      // node-hid reports an unplug as a read error; poll until the device is back.
      this.#closeDevice();
      if (!this.#running) return;
      this.#status.set({ state: 'disconnected', message: `scanner ${hex4(info.vendorId)}:${hex4(info.productId)} went away (${error instanceof Error ? error.message : String(error)}); waiting for it to come back` });
      this.#schedulePoll();
    });
    const name = [info.manufacturer, info.product].filter(Boolean).join(' ');
    this.#status.set({ state: 'connected', message: `${name ? `${name} ` : ''}${hex4(info.vendorId)}:${hex4(info.productId)} (${device.mode === 'auto' ? 'mode from first report' : device.mode === 'pos' ? 'HID POS' : 'keyboard mode'})` });
  }

  #openFailure(info: HidDeviceInfo, error: unknown): ScanStatus {
    const path = info.path as string;
    const id = `${hex4(info.vendorId)}:${hex4(info.productId)}`;
    const why = error instanceof Error ? error.message : String(error);
    const keyboard = info.usagePage === KEYBOARD_USAGE_PAGE && info.usage === KEYBOARD_USAGE;
    let e: PosError;
    if (this.#platform === 'linux' && path.startsWith('/dev/') && this.#canAccess(path) === 'denied') {
      e = new PosError('SCANNER_PERMISSION_DENIED', `no permission to open ${path} (scanner ${id}); add the udev rule from docs/scanner.md, e.g. SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${hex4(info.vendorId)}", ATTRS{idProduct}=="${hex4(info.productId)}", MODE="0660", TAG+="uaccess", then re-plug the scanner`, { detailZh: `无权打开 ${path}：请按 docs/scanner.md 添加 udev 规则后重新插拔扫码枪` });
    } else if (keyboard && this.#platform === 'win32') {
      e = new PosError('SCANNER_DEVICE_BUSY', `Windows keeps keyboard-mode scanners (${id}) to itself; switch the scanner to HID POS mode (its manual has the setting barcode) or use keyboard-wedge mode`, { detailZh: 'Windows 独占键盘模式的扫码枪：请将扫码枪设为 HID POS 模式，或改用键盘模式' });
    } else if (keyboard && this.#platform === 'darwin') {
      e = new PosError('SCANNER_PERMISSION_DENIED', `macOS needs permission to read a keyboard-mode scanner (${id}): allow the till under System Settings › Privacy & Security › Input Monitoring, or switch the scanner to HID POS mode`, { detailZh: '请在“系统设置 › 隐私与安全性 › 输入监控”中允许收银台，或将扫码枪设为 HID POS 模式' });
    } else {
      e = new PosError('SCANNER_DEVICE_BUSY', `cannot open scanner ${id} at ${path}: ${why}; another program (or the OS, for keyboard-mode scanners) may hold it`);
    }
    return { state: 'error', code: e.code, message: e.message };
  }

  #onReport(report: Uint8Array): void {
    const device = this.#device;
    if (!device) return;
    // No usage information (libusb backend): the report's size tells the two protocols apart.
    if (device.mode === 'auto') device.mode = report.length <= KEYBOARD_REPORT_MAX_BYTES ? 'keyboard' : 'pos';
    if (device.mode === 'pos') {
      const code = this.#pos.push(report);
      if (code !== null) this.#emit(code, device.info);
      return;
    }
    // Boot keyboard reports carry a leading report ID only when the device numbers its reports.
    const text = this.#keyboard.push(report.length === KEYBOARD_REPORT_MAX_BYTES ? report.subarray(1) : report);
    for (const code of this.#lines.push(text)) this.#emit(code, device.info);
    this.#timers.clearTimeout(this.#idle);
    if (this.#lines.hasPending) {
      this.#idle = this.#timers.setTimeout(() => {
        const code = this.#lines.flush();
        if (code !== null && this.#device === device) this.#emit(code, device.info);
      }, this.config.idleMs);
    }
  }

  #emit(code: string, info: HidDeviceInfo): void {
    if (this.#running) this.#scans.emit({ code, source: `hid:${hex4(info.vendorId)}:${hex4(info.productId)}`, at: this.#timers.now() });
  }

  #resetDecoders(): void {
    this.#timers.clearTimeout(this.#idle);
    this.#pos = new HidPosDecoder(this.config.layout);
    this.#keyboard = new BootKeyboardDecoder();
    this.#lines = new LineAssembler('auto');
  }

  #closeDevice(): void {
    const device = this.#device;
    this.#device = null;
    this.#resetDecoders();
    if (!device) return;
    try {
      device.handle.close();
    } catch {
      // Closing a device that was unplugged can throw; it is gone either way.
    }
  }
}
