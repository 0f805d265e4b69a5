// A stand-in for the node-hid module: there is no HID device (nor uhid/uinput) on the build
// machines (hardware-notes.md section 1), so the adapter is tested at its JS boundary. Devices are
// EventEmitters emitting 'data' Buffers and 'error', as node-hid's HID objects do.
import { EventEmitter } from 'node:events';
import type { HidDeviceInfo, HidModule } from '../../../native/scanner/hid-scan-source.ts';

export class FakeHidDevice extends EventEmitter {
  readonly path: string;
  readonly options: { nonExclusive?: boolean } | undefined;
  closed = false;
  constructor(path: string, options?: { nonExclusive?: boolean }) {
    super();
    this.path = path;
    this.options = options;
  }
  close(): void {
    this.closed = true;
    this.removeAllListeners();
  }
}

export class FakeHid {
  present: HidDeviceInfo[] = [];
  opened: FakeHidDevice[] = [];
  /** Path → the error `new HID(path)` throws, as node-hid does for a device it cannot open. */
  openErrors = new Map<string, Error>();
  enumerations = 0;

  readonly module: HidModule = {
    devices: () => {
      this.enumerations++;
      return this.present.map((d) => ({ ...d }));
    },
    HID: ((): HidModule['HID'] => {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below needs the fake's state
      const fake = this;
      return class {
        constructor(path: string, options?: { nonExclusive?: boolean }) {
          const error = fake.openErrors.get(path);
          if (error) throw error;
          if (!fake.present.some((d) => d.path === path)) throw new Error(`cannot open device with path ${path}`);
          const device = new FakeHidDevice(path, options);
          fake.opened.push(device);
          return device;
        }
      } as unknown as HidModule['HID'];
    })(),
  };

  /** The device most recently opened and not closed. */
  get device(): FakeHidDevice {
    const d = this.opened.filter((o) => !o.closed).at(-1);
    if (!d) throw new Error('no open fake HID device');
    return d;
  }

  /** Sends reports from the open device, each as its own 'data' event. */
  report(...hex: string[]): void {
    for (const h of hex) this.device.emit('data', Buffer.from(h, 'hex'));
  }

  /** The cable is pulled: reads fail (node-hid emits 'error') and the device leaves the list. */
  unplug(path: string): void {
    this.present = this.present.filter((d) => d.path !== path);
    for (const d of this.opened) if (d.path === path && !d.closed) d.emit('error', new Error('could not read from HID device'));
  }
}

/** HID POS scanned-data reports (Access-IS layout) for `code`, 56 bytes of data per report. */
export function posReports(code: string, piecesOf = 56): string[] {
  const data = Buffer.from(code, 'latin1');
  const reports: string[] = [];
  for (let i = 0; i < data.length; i += piecesOf) {
    const chunk = data.subarray(i, i + piecesOf);
    const r = Buffer.alloc(64);
    r[0] = 2;
    r[1] = chunk.length;
    r.write(']Q0', 2, 'latin1');
    chunk.copy(r, 5);
    r[63] = i + piecesOf < data.length ? 1 : 0;
    reports.push(r.toString('hex'));
  }
  return reports;
}

const KEY_USAGE: Record<string, number> = { '\r': 0x28, '\t': 0x2b };
for (let i = 0; i < 9; i++) KEY_USAGE[String(i + 1)] = 0x1e + i;
KEY_USAGE['0'] = 0x27;

/** Boot keyboard reports for digits (+ Enter/Tab): a press and an all-zero release per character. */
export function keyboardReports(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const usage = KEY_USAGE[ch];
    if (usage === undefined) throw new RangeError(`no boot keyboard usage for ${JSON.stringify(ch)} in this helper`);
    out.push(Buffer.from([0, 0, usage, 0, 0, 0, 0, 0]).toString('hex'), '0000000000000000');
  }
  return out;
}
