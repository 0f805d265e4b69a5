// A 1-bit bitmap as printers take it: rows of bytes, most significant bit leftmost, 1 = a black
// dot. It is exactly the data of ESC/POS `GS v 0`, so any drawing of a receipt (this module's
// rasteriser, or a renderer's canvas reduced to 1 bit) prints through the same path.

export type Bitmap = {
  width: number;
  height: number;
  /** Bytes per row: ceil(width / 8). */
  stride: number;
  data: Uint8Array;
};

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height < 0) throw new RangeError(`bad bitmap size ${width}×${height}`);
  const stride = Math.ceil(width / 8);
  return { width, height, stride, data: new Uint8Array(stride * height) };
}

export function getDot(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false;
  return ((b.data[y * b.stride + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
}

export function setDot(b: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return;
  const i = y * b.stride + (x >> 3);
  b.data[i] = b.data[i]! | (0x80 >> (x & 7));
}

export function fillRect(b: Bitmap, x: number, y: number, w: number, h: number): void {
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) setDot(b, xx, yy);
}

/**
 * Reduces RGBA pixels (a canvas's ImageData) to dots: dark enough is black, transparent is paper.
 * For a receipt the renderer draws with the system's Chinese fonts.
 */
export function bitmapFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 128): Bitmap {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const b = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3]! / 255;
      const luma = (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) * alpha + 255 * (1 - alpha);
      if (luma < threshold) setDot(b, x, y);
    }
  }
  return b;
}
