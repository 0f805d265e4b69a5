// A shop logo for tests and the docs' screenshots: a PNG drawn with the till's own PNG writer (app/printing/png.ts) (an orange
// awning over a shop front), so no image file is checked in and no image library is needed.
import { pngFile } from '../../app/printing/png.ts';

type Rgba = readonly [number, number, number, number];

/** An RGBA PNG of width x height, each pixel from `colourAt(x, y)` on the unit square. */
export function rgbaPng(width: number, height: number, colourAt: (x: number, y: number) => Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (width * 4 + 1);
    for (let x = 0; x < width; x++) raw.set(colourAt((x + 0.5) / width, (y + 0.5) / height), o + 1 + x * 4);
  }
  return pngFile(ihdr, raw);
}

const ORANGE: Rgba = [0xff, 0x7a, 0x1a, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const DOOR: Rgba = [0x2b, 0x3a, 0x55, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** The test shop's logo, 2:1: a scalloped orange awning and a door, on transparent. */
export function shopLogoPng(width = 240, height = 120): Buffer {
  return rgbaPng(width, height, (x, y) => {
    const sx = x * 2; // the square units of the 2:1 picture
    if (y < 0.42) {
      const stripe = Math.floor(sx * 5) % 2 === 0;
      // Scallops along the awning's lower edge.
      const scallop = y > 0.32 && Math.hypot((sx * 5) % 1 - 0.5, (y - 0.32) * 10) > 0.5;
      return scallop ? CLEAR : stripe ? ORANGE : WHITE;
    }
    if (y > 0.46 && y < 0.98 && sx > 0.2 && sx < 1.8) return sx > 0.8 && sx < 1.2 && y > 0.56 ? DOOR : ORANGE;
    return CLEAR;
  });
}
