// The shop's logo (issue 9 item 15): PNG or JPEG by their bytes, small, whole; an SVG refused as a
// script risk; every refusal names the file and says why in Chinese and English.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { parseConfig } from '../../app/config/config.ts';
import { checkShopLogo, loadShopLogo, MAX_LOGO_BYTES } from '../../app/config/shopLogo.ts';
import { rgbaPng, shopLogoPng } from '../helpers/logoPng.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** A baseline JPEG's first segments: SOI, APP0 (JFIF), SOF0 with 320x200, then SOS. */
function jpegHead(widthPx: number, heightPx: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, heightPx >> 8, heightPx & 0xff, widthPx >> 8, widthPx & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9])]);
}

function refusal(f: () => unknown): PosError {
  try {
    f();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the shop logo file', () => {

  it('takes a PNG and a JPEG by their bytes, whatever the name, as a data URL with its size', () => {
    const png = checkShopLogo(shopLogoPng(), 'logo.jpg');
    expect(png).toMatchObject({ type: 'image/png', widthPx: 240, heightPx: 120 });
    expect(png.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(checkShopLogo(jpegHead(320, 200), 'logo.png')).toMatchObject({ type: 'image/jpeg', widthPx: 320, heightPx: 200 });
  });

  it('refuses an SVG as a script risk, and says to export a PNG', () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const e = refusal(() => checkShopLogo(svg, '/shop/logo.svg'));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toContain('/shop/logo.svg');
    expect(e.message).toMatch(/SVG is not accepted .*export the logo as PNG/);
    expect(e.detailZh).toMatch(/不接受 SVG.*导出为 PNG/);
    expect(refusal(() => checkShopLogo(Buffer.from('\uFEFF  <svg viewBox="0 0 1 1"/>'), 'a.png')).message).toContain('SVG');
  });

  it('refuses what is not a PNG or JPEG, an empty file, and a damaged one', () => {
    expect(refusal(() => checkShopLogo(Buffer.from('GIF89a\x01\x00\x01\x00'), 'a.gif')).detailZh).toContain('不是 PNG 或 JPEG 图片');
    expect(refusal(() => checkShopLogo(Buffer.alloc(0), 'a.png')).message).toContain('the file is empty');
    expect(refusal(() => checkShopLogo(shopLogoPng().subarray(0, 20), 'a.png')).detailZh).toContain('PNG 文件已损坏或不完整');
    expect(refusal(() => checkShopLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'a.jpg')).message).toContain('JPEG file is damaged');
  });

  it('refuses a file over the size limit and a picture too large on a side', () => {
    const big = Buffer.concat([shopLogoPng(), Buffer.alloc(MAX_LOGO_BYTES)]);
    const e = refusal(() => checkShopLogo(big, 'big.png'));
    expect(e.message).toMatch(/KB is too large \(at most 256 KB\)/);
    expect(e.detailZh).toContain('太大');
    expect(refusal(() => checkShopLogo(rgbaPng(4000, 1, () => [0, 0, 0, 255]), 'wide.png')).message).toContain('4000x1 pixels');
  });

  it('names a missing file, a folder, and one too large before reading it, in both languages', () => {
    const dir = tempDir('till-logo-');
    const missing = refusal(() => loadShopLogo(join(dir, 'nope.png')));
    expect(missing.message).toContain(join(dir, 'nope.png'));
    expect(missing.message).toContain('no such file');
    expect(missing.detailZh).toContain('文件不存在');
    mkdirSync(join(dir, 'folder.png'));
    expect(refusal(() => loadShopLogo(join(dir, 'folder.png'))).detailZh).toContain('不是文件');
    writeFileSync(join(dir, 'huge.png'), Buffer.alloc(MAX_LOGO_BYTES + 1));
    expect(refusal(() => loadShopLogo(join(dir, 'huge.png'))).message).toContain('too large');
    expect(loadShopLogo(undefined)).toBeNull();
  });

  it('is read from shop.logoPath, relative to the config file', () => {
    const dir = tempDir('till-logo-');
    writeFileSync(join(dir, 'logo.png'), shopLogoPng());
    const config = parseConfig({ shop: { name: '测试便利店', logoPath: 'logo.png' } }, dir);
    expect(config.shopLogoPath).toBe(join(dir, 'logo.png'));
    expect(loadShopLogo(config.shopLogoPath)?.widthPx).toBe(240);
    expect(parseConfig({}, dir).shopLogoPath).toBeUndefined();
    expect(() => parseConfig({ shop: { logoPath: '' } }, dir)).toThrow(/shop.logoPath/);
  });
});
