// Reads the text back out of a raster receipt by matching each character cell against the font's
// glyphs: the raster path's round trip (layout → bitmap → GS v 0 bytes → reader → text). Cells
// are found on the printer's grid (12 dots a column); the candidates are ASCII, CJK ideographs,
// CJK and full-width punctuation — the whole of what a receipt prints, not only what this one has.
import type { LineStyle } from '../../app/common/receipt/model.ts';
import { createBitmap, getDot, type Bitmap } from '../../app/printing/bitmap.ts';
import type { HexFont } from '../../app/printing/hexFont.ts';
import { COLUMN_DOTS, drawGlyph, glyphScale } from '../../app/printing/rasterize.ts';
import { charWidth } from '../../app/common/receipt/width.ts';
import type { RasterImage } from '../helpers/escpos-reader.ts';

const CANDIDATES: Array<[number, number]> = [[0x20, 0x7e], [0x2000, 0x206f], [0x3000, 0x303f], [0x4e00, 0x9fff], [0xff00, 0xffef]];

type Picture = Bitmap | RasterImage;

/** A cell's dots as a string key; bold spills one dot into the next cell, so its first column is left out. */
function cellKey(p: Picture, x: number, y: number, w: number, h: number, skipFirstColumn: boolean): string {
  let key = '';
  for (let yy = 0; yy < h; yy++) {
    let row = 0n;
    for (let xx = skipFirstColumn ? 1 : 0; xx < w; xx++) row = (row << 1n) | (getDot(p as Bitmap, x + xx, y + yy) ? 1n : 0n);
    key += row.toString(36) + '.';
  }
  return key;
}

export class RasterOcr {
  private readonly maps = new Map<LineStyle, { narrow: Map<string, string>; wide: Map<string, string> }>();
  private readonly font: HexFont;

  constructor(font: HexFont) {
    this.font = font;
  }

  private templates(style: LineStyle): { narrow: Map<string, string>; wide: Map<string, string> } {
    const cached = this.maps.get(style);
    if (cached) return cached;
    const { num, den } = glyphScale(style);
    const height = (16 * num) / den;
    const col = style === 'large' ? 2 * COLUMN_DOTS : COLUMN_DOTS;
    const skip = style !== 'normal';
    const narrow = new Map<string, string>();
    const wide = new Map<string, string>();
    for (const [from, to] of CANDIDATES) {
      for (let cp = from; cp <= to; cp++) {
        const w = charWidth(cp);
        if (w === 0) continue;
        const glyph = this.font.glyph(cp);
        if (!glyph) continue;
        const cell = createBitmap(w * col, height);
        drawGlyph(cell, glyph, 0, 0, w * col, style);
        const key = cellKey(cell, 0, 0, w * col, height, skip);
        const map = w === 2 ? wide : narrow;
        if (!map.has(key)) map.set(key, String.fromCodePoint(cp));
      }
    }
    const made = { narrow, wide };
    this.maps.set(style, made);
    return made;
  }

  /** The text of one line whose top is at `top`, `columns` columns wide. */
  readLine(p: Picture, top: number, style: LineStyle, columns: number): string {
    const { narrow, wide } = this.templates(style);
    const { num, den } = glyphScale(style);
    const height = (16 * num) / den;
    const col = style === 'large' ? 2 * COLUMN_DOTS : COLUMN_DOTS;
    const cells = style === 'large' ? columns / 2 : columns;
    const skip = style !== 'normal';
    let out = '';
    let c = 0;
    while (c < cells) {
      const one = narrow.get(cellKey(p, c * col, top, col, height, skip));
      if (one === ' ') { out += ' '; c += 1; continue; }
      const two = c + 1 < cells ? wide.get(cellKey(p, c * col, top, 2 * col, height, skip)) : undefined;
      if (two !== undefined) { out += two; c += 2; continue; }
      out += one ?? '\ufffd';
      c += 1;
    }
    return out.trimEnd();
  }
}

/** The QR code's modules, sampled at their centres, from a band of the picture holding one QR code. */
export function readQrModules(p: Picture, top: number, height: number): boolean[][] {
  let first = -1;
  let row = -1;
  for (let y = top; y < top + height && first < 0; y++) {
    for (let x = 0; x < p.width; x++) if (getDot(p as Bitmap, x, y)) { first = x; row = y; break; }
  }
  if (first < 0) throw new Error('no QR code in the band');
  // The top-left finder pattern's first row is seven dark modules.
  let run = 0;
  while (getDot(p as Bitmap, first + run, row)) run++;
  const m = run / 7;
  let last = first;
  for (let x = first; x < p.width; x++) if (getDot(p as Bitmap, x, row)) last = x;
  const size = Math.round((last - first + 1) / m);
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => getDot(p as Bitmap, first + Math.floor((c + 0.5) * m), row + Math.floor((r + 0.5) * m))));
}
