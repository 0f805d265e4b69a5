// Draws the app icon — a receipt with ¥ on Alipay blue — into assets/icons/ as PNG, with nothing but
// node:zlib: 512x512.png and 256x256.png (Linux takes the sizes from the names) and icon.png, from
// which electron-builder makes the Windows .ico and the macOS .icns. Run: node scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const BLUE_TOP: Rgba = [0x2f, 0x8c, 0xff, 255];
const BLUE_BOTTOM: Rgba = [0x10, 0x5c, 0xe0, 255];
const PAPER: Rgba = [255, 255, 255, 255];
const INK: Rgba = [0x10, 0x5c, 0xe0, 255];
const RULE: Rgba = [0xb8, 0xc4, 0xd6, 255];

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.max(x0 + r, Math.min(x1 - r, x));
  const cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return Math.hypot(x - cx, y - cy) <= r;
}

/** The colour at a point of the unit square, or null where the icon is transparent. */
function colourAt(x: number, y: number): Rgba | null {
  if (!inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  const stroke = (w: number, ...s: [number, number, number, number]) => segmentDistance(x, y, ...s) <= w / 2;
  const yen =
    stroke(0.05, 0.385, 0.27, 0.5, 0.43) || stroke(0.05, 0.615, 0.27, 0.5, 0.43) ||
    stroke(0.05, 0.5, 0.43, 0.5, 0.64) || stroke(0.04, 0.41, 0.48, 0.59, 0.48) || stroke(0.04, 0.41, 0.56, 0.59, 0.56);
  // The receipt: a sheet whose bottom edge is torn into teeth.
  const toothPeriod = 0.46 / 6;
  const phase = ((x - 0.27) % toothPeriod) / toothPeriod;
  const toothDepth = 0.05 * (1 - Math.abs(2 * phase - 1));
  const onPaper = x >= 0.27 && x <= 0.73 && y >= 0.15 && y <= 0.8 + toothDepth;
  if (onPaper) {
    if (yen) return INK;
    if (stroke(0.022, 0.35, 0.72, 0.65, 0.72)) return RULE;
    return PAPER;
  }
  const t = (y - 0.04) / 0.92;
  return BLUE_TOP.map((c, i) => Math.round(c + (BLUE_BOTTOM[i]! - c) * t)) as unknown as Rgba;
}

/** RGBA pixels, each the average of 4×4 samples so the edges are smooth. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round(a / (n * n));
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG (colour type 6, 8 bits), every row with filter 0. */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = resolve(import.meta.dirname, '..', 'assets', 'icons');
  mkdirSync(dir, { recursive: true });
  for (const size of [512, 256]) {
    const png = encodeRgbaPng(size, size, drawIcon(size));
    writeFileSync(join(dir, `${size}x${size}.png`), png);
    if (size === 512) writeFileSync(join(dir, 'icon.png'), png);
  }
  console.log(`wrote ${dir}/{512x512,256x256,icon}.png`);
}
