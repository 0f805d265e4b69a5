// Draws the receipt's lines into a 1-bit bitmap the printer's width, for printers without a
// Chinese font (field-notes.md item 10) and for PNG previews. The grid is the printer's own:
// a column is 12 dots and a line 24 dots, so 32 columns fill 384 dots (58 mm) and 48 fill 576
// (80 mm), and the picture lines up exactly as the text-mode print does.
import QRCode from 'qrcode';
import { PAPER, type LineStyle, type ReceiptLayout } from '../common/receipt/model.ts';
import { charWidth } from '../common/receipt/width.ts';
import { createBitmap, fillRect, setDot, type Bitmap } from './bitmap.ts';
import { QR_MODULE_DOTS } from './escposText.ts';
import type { Glyph, GlyphFont } from './hexFont.ts';

export const COLUMN_DOTS = 12;
export const TEXT_HEIGHT_DOTS = 24;
/** Gap under each text line: 24 + 6 is the printer's default 30-dot line pitch. */
export const LINE_GAP_DOTS = 6;
/** Blank dots above and below a QR code, besides its own quiet zone. */
export const QR_MARGIN_DOTS = 12;

/** Where a layout line landed in the bitmap: what a reader of the picture needs to find it again. */
export type LinePlacement = { index: number; top: number; height: number; style: LineStyle | 'qr' };

export type RasterReceipt = { bitmap: Bitmap; placements: LinePlacement[] };

/** Scale of a 16-dot font glyph, as numerator/denominator: 3/2 gives 24 dots, 3/1 gives 48 (large). */
export function glyphScale(style: LineStyle): { num: number; den: number } {
  return style === 'large' ? { num: 3, den: 1 } : { num: 3, den: 2 };
}

function lineHeight(style: LineStyle): number {
  return style === 'large' ? 2 * TEXT_HEIGHT_DOTS + LINE_GAP_DOTS : TEXT_HEIGHT_DOTS + LINE_GAP_DOTS;
}

export function qrMatrix(data: string): { size: number; dark: (row: number, col: number) => boolean } {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, dark: (r, c) => qr.modules.get(r, c) === 1 };
}

function qrModuleDots(size: number, paperDots: number, preferred: number): number {
  let m = preferred;
  while (m > 1 && (size + 8) * m > paperDots) m--;
  return m;
}

/** The dots of one character cell (`cellWidth` × 24·scale), glyph centred; a box where the font has no glyph. */
export function drawGlyph(b: Bitmap, glyph: Glyph | undefined, x: number, y: number, cellWidth: number, style: LineStyle): void {
  const { num, den } = glyphScale(style);
  const height = (16 * num) / den;
  if (!glyph) {
    const inset = 2;
    fillRect(b, x + inset, y + inset, cellWidth - 2 * inset, 1);
    fillRect(b, x + inset, y + height - inset - 1, cellWidth - 2 * inset, 1);
    fillRect(b, x + inset, y + inset, 1, height - 2 * inset);
    fillRect(b, x + cellWidth - inset - 1, y + inset, 1, height - 2 * inset);
    return;
  }
  const width = (glyph.width * num) / den;
  const left = Math.floor((cellWidth - width) / 2);
  const bold = style !== 'normal';
  for (let dy = 0; dy < height; dy++) {
    const row = glyph.rows[Math.floor((dy * den) / num)] ?? 0;
    for (let dx = 0; dx < width; dx++) {
      const cx = left + dx;
      if (cx < 0 || cx >= cellWidth) continue;
      const sx = Math.floor((dx * den) / num);
      if (((row >> (glyph.width - 1 - sx)) & 1) === 0) continue;
      setDot(b, x + cx, y + dy);
      // Emphasis as printers do it: each dot printed twice, one dot apart.
      if (bold) setDot(b, x + cx + 1, y + dy);
    }
  }
}

/** Rasterises `layout` with `font` at the printer's width (384 or 576 dots). */
export function rasterizeLayout(layout: ReceiptLayout, font: GlyphFont): RasterReceipt {
  const paperDots = PAPER[layout.paper].dots;
  const qrs = new Map<number, ReturnType<typeof qrMatrix>>();
  const placements: LinePlacement[] = [];
  let top = 0;
  layout.lines.forEach((line, index) => {
    if (line.kind === 'qr') {
      const qr = qrMatrix(line.data);
      qrs.set(index, qr);
      const m = qrModuleDots(qr.size, paperDots, QR_MODULE_DOTS[layout.paper]);
      const height = (qr.size + 8) * m + 2 * QR_MARGIN_DOTS;
      placements.push({ index, top, height, style: 'qr' });
      top += height;
      return;
    }
    const height = lineHeight(line.style);
    placements.push({ index, top, height, style: line.style });
    top += height;
  });
  const bitmap = createBitmap(paperDots, top);
  for (const p of placements) {
    const line = layout.lines[p.index]!;
    if (line.kind === 'qr') {
      const qr = qrs.get(p.index)!;
      const m = qrModuleDots(qr.size, paperDots, QR_MODULE_DOTS[layout.paper]);
      const left = Math.floor((paperDots - qr.size * m) / 2);
      const y0 = p.top + QR_MARGIN_DOTS + 4 * m;
      for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) fillRect(bitmap, left + c * m, y0 + r * m, m, m);
      continue;
    }
    const columnDots = line.style === 'large' ? 2 * COLUMN_DOTS : COLUMN_DOTS;
    let x = 0;
    for (const ch of line.text) {
      const cp = ch.codePointAt(0)!;
      const cell = charWidth(cp) * columnDots;
      if (cell === 0) continue;
      if (ch !== ' ') drawGlyph(bitmap, font.glyph(cp), x, p.top, cell, line.style);
      x += cell;
    }
  }
  return { bitmap, placements };
}
