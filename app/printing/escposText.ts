// ESC/POS in text mode: the printer draws the characters with its own font. Commands (initialise,
// QR, cut) come from @point-of-sale/receipt-printer-encoder; it has no Chinese (hardware-notes.md §4:
// `总计` came out as "??"), so each line with Chinese goes in as raw bytes: FS & (Chinese mode on),
// the line in GB18030 from iconv-lite, FS . (off) — field-notes.md item 10.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import type { LineStyle, PaperWidth, ReceiptLayout } from '../common/receipt/model.ts';
import { charWidth } from '../common/receipt/width.ts';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
const LF = 0x0a;

const CHINESE_ON = [FS, 0x26];
const CHINESE_OFF = [FS, 0x2e];

/**
 * Which characters the printer's Chinese font has. Most 58/80 mm printers carry GBK (GB2312 plus
 * 21,000 more hanzi); a few carry all of GB18030. GB18030 gives the characters outside GBK four
 * bytes, which a GBK printer prints as two junk glyphs (field-notes.md item 11), so with 'gbk' they
 * print as a full-width ？ instead, keeping the columns.
 */
export type FontCoverage = 'gbk' | 'gb18030';

export type TextModeOptions = {
  fontCoverage?: FontCoverage;
  /** Lines fed before the cut: the cutter sits above the print head. */
  feedBeforeCutLines?: number;
};

/** QR module size in dots: about 4 cm wide on either paper, easy for a handheld scanner. */
export const QR_MODULE_DOTS: Readonly<Record<PaperWidth, number>> = { 58: 6, 80: 8 };

const STYLE_ON: Readonly<Record<LineStyle, number[]>> = {
  normal: [],
  bold: [ESC, 0x45, 1],
  // GS ! doubles ASCII; FS ! doubles the Chinese font on printers that keep the two apart.
  large: [ESC, 0x45, 1, GS, 0x21, 0x11, FS, 0x21, 0x0c],
};
const STYLE_OFF: Readonly<Record<LineStyle, number[]>> = {
  normal: [],
  bold: [ESC, 0x45, 0],
  large: [ESC, 0x45, 0, GS, 0x21, 0x00, FS, 0x21, 0x00],
};

/** Whether GB18030 gave any character four bytes (second byte 0x30–0x39): those are outside GBK. */
function hasFourByteChars(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const second = bytes[i + 1] ?? 0;
    if (second >= 0x30 && second <= 0x39) return true;
    i++;
  }
  return false;
}

function outsideGbkAsQuestionMarks(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || iconv.encode(ch, 'gb18030').length < 4) out += ch;
    else out += charWidth(cp) === 2 ? '？' : '?';
  }
  return out;
}

/** One line's bytes: plain ASCII as it is, anything else wrapped in the printer's Chinese mode. */
export function encodeLineText(text: string, coverage: FontCoverage = 'gbk'): number[] {
  if (/^[\x20-\x7e]*$/.test(text)) return Array.from(text, (c) => c.charCodeAt(0));
  let bytes: Uint8Array = iconv.encode(text, 'gb18030');
  if (coverage === 'gbk' && hasFourByteChars(bytes)) bytes = iconv.encode(outsideGbkAsQuestionMarks(text), 'gb18030');
  return [...CHINESE_ON, ...bytes, ...CHINESE_OFF];
}

/** The receipt as ESC/POS for a printer with a Chinese font: initialise, the lines, QR codes, cut. */
export function encodeEscPosText(layout: ReceiptLayout, options: TextModeOptions = {}): Uint8Array {
  const coverage = options.fontCoverage ?? 'gbk';
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: layout.columns,
    newline: '\n',
    feedBeforeCut: options.feedBeforeCutLines ?? 4,
  });
  encoder.initialize();
  for (const line of layout.lines) {
    if (line.kind === 'qr') {
      // The encoder's align() is not sent before raw() or a symbol (hardware-notes.md §4), so ESC a by hand.
      encoder.raw([ESC, 0x61, 1]);
      encoder.qrcode(line.data, { model: 2, size: QR_MODULE_DOTS[layout.paper], errorlevel: 'm' });
      encoder.raw([ESC, 0x61, 0]);
      continue;
    }
    encoder.raw([...STYLE_ON[line.style], ...encodeLineText(line.text, coverage), ...STYLE_OFF[line.style], LF]);
  }
  encoder.cut('partial');
  return encoder.encode();
}
