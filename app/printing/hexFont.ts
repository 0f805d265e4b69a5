// The bitmap font of the raster path: GNU Unifont's .hex format, one glyph per line
// ("4E2D:0100…", 16 rows of 8 or 16 dots). It covers every Chinese character of Unicode's Basic
// Multilingual Plane, Debian ships it (`apt-get install unifont` → /usr/share/unifont/unifont.hex),
// and it needs no font engine: a printer without a Chinese font still prints Chinese as an image.
import { readFileSync } from 'node:fs';
import { PosError } from '../common/errors.ts';

export const DEFAULT_HEX_FONT_PATH = '/usr/share/unifont/unifont.hex';

export type Glyph = {
  /** 8 (half width) or 16 (full width) dots. */
  width: number;
  height: number;
  /** One number per row, most significant of `width` bits leftmost. */
  rows: readonly number[];
};

export interface GlyphFont {
  glyph(codePoint: number): Glyph | undefined;
}

export class HexFont implements GlyphFont {
  private readonly hex = new Map<number, string>();
  private readonly decoded = new Map<number, Glyph>();

  /** Reads a .hex font's text; lines that are not `HEX:HEX` (comments, blanks) are skipped. */
  constructor(text: string) {
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      if (colon < 1) continue;
      const bits = line.slice(colon + 1).trim();
      if (bits.length !== 32 && bits.length !== 64) continue;
      this.hex.set(parseInt(line.slice(0, colon), 16), bits);
    }
  }

  get size(): number {
    return this.hex.size;
  }

  codePoints(): IterableIterator<number> {
    return this.hex.keys();
  }

  glyph(codePoint: number): Glyph | undefined {
    const cached = this.decoded.get(codePoint);
    if (cached) return cached;
    const bits = this.hex.get(codePoint);
    if (bits === undefined) return undefined;
    const perRow = bits.length / 16;
    const rows = Array.from({ length: 16 }, (_, r) => parseInt(bits.slice(r * perRow, (r + 1) * perRow), 16));
    const glyph = { width: perRow * 4, height: 16, rows };
    this.decoded.set(codePoint, glyph);
    return glyph;
  }
}

const loaded = new Map<string, HexFont>();

/** Loads (once per path) a .hex font; a missing file is RECEIPT_FONT_MISSING with the install hint. */
export function loadHexFont(path: string = process.env.POS_RECEIPT_FONT ?? DEFAULT_HEX_FONT_PATH): HexFont {
  const cached = loaded.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    throw new PosError('RECEIPT_FONT_MISSING', `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}); install it with \`apt-get install unifont\` or set POS_RECEIPT_FONT`, { cause: e, details: { path } });
  }
  const font = new HexFont(text);
  if (font.size === 0) throw new PosError('RECEIPT_FONT_MISSING', `${path} has no glyphs in the .hex format`, { details: { path } });
  loaded.set(path, font);
  return font;
}
