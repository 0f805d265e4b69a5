// Raster mode for printers without a Chinese font: the receipt drawn with the Unifont bitmap font
// (Debian's `unifont` package), sent as GS v 0 bands, read back by the ESC/POS reader and read
// again as text by matching glyphs. Also writes the PNG of each layout to test-results/receipts/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPosError } from '../../app/common/errors.ts';
import { layoutReceipt, layoutTestPage } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth, type ReceiptData } from '../../app/common/receipt/model.ts';
import { bitmapFromRgba, createBitmap, fillRect, getDot, type Bitmap } from '../../app/printing/bitmap.ts';
import { encodeEscPosRaster, rasterImageCommands } from '../../app/printing/escposRaster.ts';
import { HexFont, loadHexFont } from '../../app/printing/hexFont.ts';
import { encodePng } from '../../app/printing/png.ts';
import { rasterizeLayout } from '../../app/printing/rasterize.ts';
import { joinImages, readEscPos } from '../helpers/escpos-reader.ts';
import { readQrModules, RasterOcr } from './rasterOcr.ts';
import { refundReceipt, reportReceipt, saleReceipt } from './receipts.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-results', 'receipts');

let font: HexFont;
let ocr: RasterOcr;
beforeAll(() => {
  font = loadHexFont();
  ocr = new RasterOcr(font);
});

const RECEIPTS: Array<[string, ReceiptData]> = [
  ['sale', saleReceipt()],
  ['sale-training', saleReceipt({ training: true })],
  ['refund', refundReceipt()],
  ['report-x', reportReceipt({ kind: 'X', unresolved: 1 })],
  ['report-z', reportReceipt()],
];

/** Decodes our own 1-bit greyscale PNGs back into dots (1 = black), to check the file, not trust it. */
function decodePng(png: Buffer): Bitmap {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString('latin1', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([1, 0]); // 1 bit, greyscale
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const b = createBitmap(width, height);
  for (let y = 0; y < height; y++) for (let i = 0; i < b.stride; i++) b.data[y * b.stride + i] = ~raw[y * (b.stride + 1) + 1 + i]! & 0xff;
  return b;
}

describe.each([58, 80] as PaperWidth[])('raster mode on %i mm', (paper) => {
  it.each(RECEIPTS)('%s: GS v 0 bytes read back as the same text lines, at the printer\'s width', (name, receipt) => {
    const layout = layoutReceipt(receipt, paper);
    const { placements, bitmap } = rasterizeLayout(layout, font);
    const bytes = encodeEscPosRaster(bitmap);
    const doc = readEscPos(bytes);
    expect(doc.problems).toEqual([]);
    expect(doc.cuts).toBe(1);
    expect(doc.lines.filter((l) => l.text !== '')).toEqual([]); // no text: the printer's font is not used
    const picture = joinImages(doc.images);
    expect(picture.width).toBe(PAPER[paper].dots);
    for (const p of placements) {
      const line = layout.lines[p.index]!;
      if (line.kind === 'qr') {
        const want = QRCode.create(line.data, { errorCorrectionLevel: 'M' }).modules;
        const got = readQrModules(picture, p.top, p.height);
        expect(got.length).toBe(want.size);
        expect(got.every((row, r) => row.every((dark, c) => dark === (want.get(r, c) === 1)))).toBe(true);
        continue;
      }
      expect(ocr.readLine(picture, p.top, line.style, layout.columns), `${name} line ${p.index}`).toBe(line.text.trimEnd());
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = encodePng(bitmap);
    writeFileSync(join(ARTIFACTS, `${name}-${paper}mm.png`), png);
    const back = decodePng(png);
    expect([back.width, back.height]).toEqual([bitmap.width, bitmap.height]);
    expect(Buffer.from(back.data).equals(Buffer.from(bitmap.data))).toBe(true);
  });

  it('draws the print-test page too (artifact)', () => {
    const { bitmap } = rasterizeLayout(layoutTestPage(paper, 'tcp://127.0.0.1:9100', Date.UTC(2026, 10, 21, 6, 0, 0)), font);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `print-test-${paper}mm.png`), encodePng(bitmap));
    expect(bitmap.width).toBe(PAPER[paper].dots);
  });
});

describe('raster details', () => {
  it('sends a tall picture in GS v 0 bands that stack back into the same dots', () => {
    const b = createBitmap(384, 600);
    fillRect(b, 10, 250, 100, 20); // across the first band boundary
    fillRect(b, 200, 590, 30, 10);
    const doc = readEscPos(rasterImageCommands(b, 256));
    expect(doc.images.map((im) => im.height)).toEqual([256, 256, 88]);
    const joined = joinImages(doc.images);
    expect(Buffer.from(joined.data).equals(Buffer.from(b.data))).toBe(true);
  });

  it('prints any 1-bit bitmap, such as a canvas drawn by the renderer reduced from RGBA', () => {
    const w = 16;
    const h = 2;
    const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
    for (const x of [0, 5, 15]) rgba.set([20, 20, 20, 255], (w + x) * 4); // dark dots on row 1
    rgba.set([0, 0, 0, 0], 3 * 4); // transparent is paper
    const b = bitmapFromRgba(rgba, w, h);
    const dots = Array.from({ length: w * h }, (_, i) => getDot(b, i % w, Math.floor(i / w)));
    expect(dots.flatMap((d, i) => (d ? [i] : []))).toEqual([16, 21, 31]);
    const doc = readEscPos(encodeEscPosRaster(b));
    expect(doc.images[0]!.data).toEqual(b.data);
  });

  it('draws a box where the font has no glyph, keeping the columns', () => {
    const empty = new HexFont('0041:0000000018242442427E424242420000\n');
    const { bitmap } = rasterizeLayout({ paper: 58, columns: 32, lines: [{ kind: 'text', text: 'A中A', style: 'normal' }] }, empty);
    // 'A' in column 0, a box over columns 1–2, 'A' in column 3.
    expect(getDot(bitmap, 12 + 2, 12)).toBe(true); // the box's left edge
    expect(getDot(bitmap, 36 + 5, 20)).toBe(getDot(bitmap, 5, 20));
  });

  it('says how to get the font when it is missing', () => {
    try {
      loadHexFont('/nonexistent/unifont.hex');
      expect.unreachable();
    } catch (e) {
      expect(isPosError(e) && e.code).toBe('RECEIPT_FONT_MISSING');
      expect((e as Error).message).toContain('apt-get install unifont');
    }
  });
});
