// ESC/POS in raster mode: the receipt goes as a picture (`GS v 0`), so a printer without a Chinese
// font still prints Chinese (field-notes.md item 10). Initialise, feed and cut still come from
// @point-of-sale/receipt-printer-encoder; its own image() wants RGBA and dithers, which a 1-bit
// bitmap does not need.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Bitmap } from './bitmap.ts';
import { GS } from './escposText.ts';

/**
 * Rows per `GS v 0` command. Printers with a small receive buffer stall or drop a single image of
 * a whole receipt (thousands of rows); bands keep each command small and print seamlessly.
 */
export const RASTER_BAND_ROWS = 256;

/** `GS v 0` commands for the bitmap, in bands of `bandRows` rows. */
export function rasterImageCommands(bitmap: Bitmap, bandRows: number = RASTER_BAND_ROWS): Uint8Array {
  const bands = Math.ceil(bitmap.height / bandRows);
  const out = new Uint8Array(bitmap.data.length + bands * 8);
  let o = 0;
  for (let y = 0; y < bitmap.height; y += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - y);
    out.set([GS, 0x76, 0x30, 0, bitmap.stride & 0xff, bitmap.stride >> 8, rows & 0xff, rows >> 8], o);
    o += 8;
    out.set(bitmap.data.subarray(y * bitmap.stride, (y + rows) * bitmap.stride), o);
    o += rows * bitmap.stride;
  }
  return out;
}

export type RasterModeOptions = { feedBeforeCutLines?: number; bandRows?: number };

/** A whole job: initialise, the picture, feed, cut. Any 1-bit bitmap will do, however it was drawn. */
export function encodeEscPosRaster(bitmap: Bitmap, options: RasterModeOptions = {}): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', newline: '\n', feedBeforeCut: options.feedBeforeCutLines ?? 4 });
  return encoder.initialize().raw(rasterImageCommands(bitmap, options.bandRows)).cut('partial').encode();
}
