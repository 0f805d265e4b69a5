// Decodes boot-protocol keyboard reports ([modifiers, reserved, k1..k6], HID usage page 0x07) from a
// scanner in keyboard mode read through node-hid, pure so it is tested on recorded byte vectors.
// A scanner sends a "press" report and then an all-zero "release" for each character; a key counts
// once, when it first appears (hardware-notes.md section 1). Enter and Tab come out as '\r' and '\t'
// for the line assembler to end the code on.

const SHIFT_BITS = 0x02 | 0x20;
const ERROR_ROLL_OVER = 0x01;

const UNSHIFTED: Readonly<Record<number, string>> = {};
const SHIFTED: Readonly<Record<number, string>> = {};
(() => {
  const u = UNSHIFTED as Record<number, string>;
  const s = SHIFTED as Record<number, string>;
  for (let i = 0; i < 26; i++) {
    u[0x04 + i] = String.fromCharCode(0x61 + i);
    s[0x04 + i] = String.fromCharCode(0x41 + i);
  }
  const row = '1234567890';
  const rowShifted = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) {
    u[0x1e + i] = row[i] as string;
    s[0x1e + i] = rowShifted[i] as string;
  }
  const pairs: [number, string, string][] = [
    [0x28, '\r', '\r'], [0x2b, '\t', '\t'], [0x2c, ' ', ' '], [0x2d, '-', '_'], [0x2e, '=', '+'], [0x2f, '[', '{'], [0x30, ']', '}'],
    [0x31, '\\', '|'], [0x33, ';', ':'], [0x34, "'", '"'], [0x35, '`', '~'], [0x36, ',', '<'], [0x37, '.', '>'], [0x38, '/', '?'],
    [0x54, '/', '/'], [0x55, '*', '*'], [0x56, '-', '-'], [0x57, '+', '+'], [0x58, '\r', '\r'], [0x63, '.', '.'],
  ];
  for (const [usage, plain, shifted] of pairs) {
    u[usage] = plain;
    s[usage] = shifted;
  }
  // Keypad 1–9 then 0; NumLock state is the host's business, a scanner means digits.
  for (let i = 0; i < 10; i++) {
    u[0x59 + i] = row[i] as string;
    s[0x59 + i] = row[i] as string;
  }
})();

export type BootKeyboardOptions = {
  /** The report ID the device prefixes to each report (numbered reports), or null for none. */
  reportId?: number | null;
};

export class BootKeyboardDecoder {
  readonly #reportId: number | null;
  #previous: number[] = [];

  constructor(options: BootKeyboardOptions = {}) {
    this.#reportId = options.reportId ?? null;
  }

  /** Feeds one report; returns the characters of the keys newly pressed in it ('' for releases). */
  push(report: Uint8Array): string {
    let r = report;
    if (this.#reportId !== null) {
      if (r[0] !== this.#reportId) return '';
      r = r.subarray(1);
    }
    if (r.length < 3) return '';
    const keys = [...r.subarray(2, 8)].filter((k) => k !== 0);
    // ErrorRollOver: too many keys down; the report says nothing about which. Keep the last state.
    if (keys.includes(ERROR_ROLL_OVER)) return '';
    const shifted = ((r[0] ?? 0) & SHIFT_BITS) !== 0;
    const table = shifted ? SHIFTED : UNSHIFTED;
    let text = '';
    for (const k of keys) if (!this.#previous.includes(k)) text += table[k] ?? '';
    this.#previous = keys;
    return text;
  }

  reset(): void {
    this.#previous = [];
  }
}
