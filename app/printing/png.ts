// A 1-bit bitmap as a PNG file (greyscale, bit depth 1), for `pos receipt --format png` and test
// artifacts: a few lines of node:zlib instead of an image library.
import { crc32, deflateSync } from 'node:zlib';
import type { Bitmap } from './bitmap.ts';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG of the bitmap; black dots stay black on white paper. */
export function encodePng(bitmap: Bitmap): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bitmap.width, 0);
  ihdr.writeUInt32BE(Math.max(1, bitmap.height), 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const rows = Math.max(1, bitmap.height);
  const raw = Buffer.alloc(rows * (bitmap.stride + 1));
  for (let y = 0; y < bitmap.height; y++) {
    const o = y * (bitmap.stride + 1);
    raw[o] = 0; // filter: none
    // In greyscale 1 is white; in the bitmap 1 is a black dot.
    for (let i = 0; i < bitmap.stride; i++) raw[o + 1 + i] = ~bitmap.data[y * bitmap.stride + i]! & 0xff;
  }
  if (bitmap.height === 0) raw.fill(0xff, 1);
  return pngFile(ihdr, raw);
}

/** A PNG file from its IHDR fields and its filtered scanlines (each row led by its filter byte). */
export function pngFile(ihdr: Buffer, raw: Buffer): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
