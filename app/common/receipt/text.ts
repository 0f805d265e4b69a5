// Text for a receipt line: made printable, measured by display width (width.ts), wrapped and padded
// by columns, never by string.length, and never splitting a character (field-notes.md item 12).
import { charWidth, displayWidth, isZeroWidth } from './width.ts';

// The narrow currency and math signs of Latin-1 have no double-byte GB code: GB18030 gives them
// four bytes that GBK printers print as two junk glyphs (field-notes.md item 11: `¥`). Their
// full-width forms are double-byte GB codes every Chinese printer font has.
const FULL_WIDTH_FORM: Readonly<Record<string, string>> = {
  '¥': '￥', '¢': '￠', '£': '￡', '¬': '￢', '¯': '￣', '¦': '￤', '₩': '￦',
};

/**
 * What the till can print: after this every character is either ASCII (one column, one byte) or
 * wide (two columns, one double-byte glyph in the printer's Chinese mode), so the display width
 * of a line is exactly the number of columns the printer uses for it.
 */
export function toPrintable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t' || ch === '\n' || ch === '\r') { out += ' '; continue; }
    if (isZeroWidth(cp)) continue;
    const full = FULL_WIDTH_FORM[ch];
    if (full !== undefined) { out += full; continue; }
    if (cp < 0x80 || charWidth(cp) === 2) { out += ch; continue; }
    // A narrow non-ASCII character (half-width katakana, Thai, …): its compatibility form is
    // often wide (ｱ → ア); otherwise the printer has no glyph that fits one column.
    const compat = ch.normalize('NFKC');
    out += [...compat].every((c) => c.codePointAt(0)! < 0x80 || charWidth(c.codePointAt(0)!) === 2) ? compat : '?';
  }
  return out;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Centred in `width` columns; an odd spare column goes to the right. */
export function center(text: string, width: number): string {
  const spare = Math.max(0, width - displayWidth(text));
  return ' '.repeat(Math.floor(spare / 2)) + text;
}

/**
 * Splits `text` into lines of at most `width` columns. A wide character that does not fit in the
 * last column moves to the next line whole. A run of ASCII letters and digits (a word, a number)
 * breaks at the last space before it when there is one; Chinese breaks between any two characters.
 */
export function wrap(text: string, width: number): string[] {
  if (width < 2) throw new RangeError(`cannot wrap to ${width} columns: a wide character needs 2`);
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) {
      const midWord = /[!-~]/.test(ch) && /[!-~]/.test(line.at(-1) ?? '');
      const breakAt = midWord ? line.lastIndexOf(' ') : -1;
      if (breakAt > 0) {
        lines.push(line.slice(0, breakAt).join('').trimEnd());
        line = line.slice(breakAt + 1);
      } else {
        lines.push(line.join('').trimEnd());
        line = [];
      }
      used = displayWidth(line.join(''));
      if (ch === ' ' && line.length === 0) continue;
    }
    line.push(ch);
    used += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join('').trimEnd());
  return lines;
}
