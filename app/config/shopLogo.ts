// The shop's logo on the customer display (issue 9 item 15), from the config file's shop.logoPath.
// Only PNG and JPEG, recognised by their bytes, not by the file's name: an SVG is a document that
// can carry script and fetch other files, so it is refused rather than sanitised (the message says
// to export it as PNG). Small, because it travels to the display as a data URL inside the view
// (no route serves files from outside the built renderer, and the display may call nothing).
import { readFileSync, statSync } from 'node:fs';
import { PosError } from '../common/errors.ts';

export const MAX_LOGO_BYTES = 256 * 1024;
export const MAX_LOGO_SIDE_PX = 2048;

export type ShopLogo = { type: 'image/png' | 'image/jpeg'; widthPx: number; heightPx: number; dataUrl: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Where the path came from, as the refusal names it: the config file's key, or the settings screen's field. */
export type LogoSource = { en: string; zh: string };
export const CONFIG_LOGO: LogoSource = { en: 'shop.logoPath', zh: '门店标志（shop.logoPath）' };
export const SETTINGS_LOGO: LogoSource = { en: 'the logo file', zh: '门店标志文件' };

function refuse(path: string, en: string, zh: string, from: LogoSource = CONFIG_LOGO): never {
  throw new PosError('INVALID_CONFIG', `${from.en} ${path}: ${en}`, { detailZh: `${from.zh} ${path}：${zh}`, details: { logoPath: path } });
}

function tooLarge(path: string, sizeBytes: number, from?: LogoSource): never {
  const kb = Math.ceil(sizeBytes / 1024);
  refuse(path, `${kb} KB is too large (at most ${MAX_LOGO_BYTES / 1024} KB); save it smaller`, `文件 ${kb} KB，太大（最多 ${MAX_LOGO_BYTES / 1024} KB），请缩小后再用`, from);
}

/** Width and height from the IHDR chunk, which a PNG must start with; null if it is not there whole. */
function pngSize(b: Buffer): { w: number; h: number } | null {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR' || b.readUInt32BE(8) !== 13) return null;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

/** Width and height from the first start-of-frame segment; null if the segments end before one. */
function jpegSize(b: Buffer): { w: number; h: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // Markers with no length: TEM, RSTn. SOS means the picture data began without a frame header.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const length = b.readUInt16BE(i + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return i + 9 <= b.length ? { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) } : null;
    i += 2 + length;
  }
  return null;
}

function looksLikeSvg(b: Buffer): boolean {
  const head = b.toString('utf8', 0, Math.min(b.length, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') && (head.includes('<svg') || head.startsWith('<?xml'));
}

/** Checks bytes said to be the shop's logo; `path` names them in the error. */
export function checkShopLogo(bytes: Buffer, path: string, from: LogoSource = CONFIG_LOGO): ShopLogo {
  if (bytes.length === 0) refuse(path, 'the file is empty', '文件是空的', from);
  if (bytes.length > MAX_LOGO_BYTES) tooLarge(path, bytes.length, from);
  if (looksLikeSvg(bytes)) refuse(path, 'SVG is not accepted (an SVG can carry scripts); export the logo as PNG', '不接受 SVG（SVG 可能夹带脚本），请导出为 PNG 图片', from);
  let type: ShopLogo['type'];
  let size: { w: number; h: number } | null;
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    type = 'image/png';
    size = pngSize(bytes);
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    type = 'image/jpeg';
    size = jpegSize(bytes);
  } else {
    refuse(path, 'not a PNG or JPEG image', '不是 PNG 或 JPEG 图片', from);
  }
  if (!size) refuse(path, `the ${type === 'image/png' ? 'PNG' : 'JPEG'} file is damaged or cut short`, `${type === 'image/png' ? 'PNG' : 'JPEG'} 文件已损坏或不完整`, from);
  if (size.w < 1 || size.h < 1 || size.w > MAX_LOGO_SIDE_PX || size.h > MAX_LOGO_SIDE_PX) {
    refuse(path, `${size.w}x${size.h} pixels is outside 1–${MAX_LOGO_SIDE_PX} on a side`, `${size.w}x${size.h} 像素，边长须在 1–${MAX_LOGO_SIDE_PX} 之间`, from);
  }
  return { type, widthPx: size.w, heightPx: size.h, dataUrl: `data:${type};base64,${bytes.toString('base64')}` };
}

/** Reads and checks the logo file; undefined path: no logo (the display draws the name's first character). */
export function loadShopLogo(path: string | undefined, from: LogoSource = CONFIG_LOGO): ShopLogo | null {
  if (path === undefined) return null;
  let bytes: Buffer;
  try {
    // Asked before reading, so a huge file or a device is refused without being read.
    const st = statSync(path);
    if (!st.isFile()) refuse(path, 'is not a file', '不是文件', from);
    if (st.size > MAX_LOGO_BYTES) tooLarge(path, st.size, from);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof PosError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') refuse(path, 'no such file', '文件不存在', from);
    refuse(path, `cannot be read (${code ?? (e as Error).message})`, `无法读取（${code ?? (e as Error).message}）`, from);
  }
  return checkShopLogo(bytes, path, from);
}
