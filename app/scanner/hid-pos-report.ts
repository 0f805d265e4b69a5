// Decodes HID POS barcode scanner reports (usage page 0x8C, "Scanned Data Report"), pure code so it
// is tested on recorded byte vectors: there is no HID device on the build machines (design.md).
// The layout is the vendor's (hardware-notes.md section 1); one reassembly loop covers both known
// ones: append each report's data until the continuation flag is clear.

export const HID_POS_USAGE_PAGE = 0x8c;

export type HidPosLayout = {
  name: string;
  /** First byte of a scanned-data report; reports with another ID (attributes, settings) are skipped. */
  reportId: number;
  lengthOffset: number;
  dataOffset: number;
  /** Most bytes of data one report can carry. */
  maxData: number;
  /** Where the "more reports follow" flag lives, or null if the layout has none. */
  continuation: { offset: number; mask: number } | null;
};

/** Access-IS: ID 2, length, AIM symbology id (`]Q0`), up to 56 data bytes, bit 0 of byte 63 = more. */
export const ACCESS_IS_LAYOUT: HidPosLayout = { name: 'access-is', reportId: 2, lengthOffset: 1, dataOffset: 5, maxData: 56, continuation: { offset: 63, mask: 0x01 } };
/** Newland (FM430 notes): ID 2, length, data in bytes 2–57, symbology byte at 62, no continuation. */
export const NEWLAND_LAYOUT: HidPosLayout = { name: 'newland', reportId: 2, lengthOffset: 1, dataOffset: 2, maxData: 56, continuation: null };

export type HidPosLayoutName = 'auto' | 'access-is' | 'newland';

/** An AIM symbology identifier (`]` then a letter and a modifier) sits where Access-IS puts it. */
function hasAimId(report: Uint8Array): boolean {
  const [close, letter, modifier] = [report[2], report[3], report[4]];
  return close === 0x5d && letter !== undefined && modifier !== undefined && /[A-Za-z]/.test(String.fromCharCode(letter)) && /[0-9A-Za-z]/.test(String.fromCharCode(modifier));
}

export function layoutFor(name: HidPosLayoutName, report: Uint8Array): HidPosLayout {
  if (name === 'access-is') return ACCESS_IS_LAYOUT;
  if (name === 'newland') return NEWLAND_LAYOUT;
  return hasAimId(report) ? ACCESS_IS_LAYOUT : NEWLAND_LAYOUT;
}

export class HidPosDecoder {
  readonly #layoutName: HidPosLayoutName;
  #parts: string[] = [];

  constructor(layout: HidPosLayoutName = 'auto') {
    this.#layoutName = layout;
  }

  /** Feeds one input report (report ID first); returns the code once its last report is in. */
  push(report: Uint8Array): string | null {
    // The first report of a code decides the layout; continuation reports repeat its header.
    const layout = layoutFor(this.#layoutName, report);
    if (report[0] !== layout.reportId) return null;
    const declared = report[layout.lengthOffset] ?? 0;
    const length = Math.min(declared, layout.maxData, Math.max(0, report.length - layout.dataOffset));
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(report[layout.dataOffset + i] as number);
    this.#parts.push(text);
    const more = layout.continuation !== null && ((report[layout.continuation.offset] ?? 0) & layout.continuation.mask) !== 0;
    if (more) return null;
    // Some scanners keep their keyboard-mode suffix in HID POS data; it is not part of the code.
    const code = this.#parts.join('').replace(/[\r\n\t\0]+$/, '');
    this.#parts = [];
    return code === '' ? null : code;
  }

  /** Drops a half-received code (the device went away mid-code). */
  reset(): void {
    this.#parts = [];
  }
}
