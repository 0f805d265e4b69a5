// The shop's logo from the settings screen (issue 9 item 15), against a real TillHost: a file path
// on the till's machine, checked before anything is written (a bad file refused with its path and
// the reason in Chinese and English), and displays already connected get the new logo at once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../app/common/ipc/views.ts';
import { parseConfig } from '../../app/config/config.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { shopLogoPng } from '../helpers/logoPng.ts';
import { tempDir } from '../helpers/tempDir.ts';

const hosts: TillHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function openHost(dir: string, shop: object = {}) {
  const seen: CustomerView[] = [];
  const host = new TillHost({ config: parseConfig({ dataDir: 'data', shop: { name: '测试便利店', ...shop } }, dir), box: filePermissionBox, push: (e, p) => e === 'pos:customer:changed' && seen.push(p as CustomerView), version: 'test', reconcileIntervalMs: 3_600_000 });
  hosts.push(host);
  await host.open();
  return { host, seen };
}

const dataUrl = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;

describe('the logo on the settings screen', () => {
  it('is set by a file path; a connected display gets it when the till reopens, and the view says where it is from', async () => {
    const dir = tempDir();
    const logo = shopLogoPng();
    writeFileSync(join(dir, 'logo.png'), logo);
    const { host, seen } = await openHost(dir);
    expect(host.customerView()).toMatchObject({ idle: true, logo: null });
    const r = await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: join(dir, 'logo.png') });
    expect(r).toMatchObject({ ok: true, data: { shopLogo: { path: join(dir, 'logo.png'), from: 'settings' } } });
    expect(seen.at(-1)).toEqual({ idle: true, training: true, shopName: '测试便利店', logo: dataUrl(logo) });
    expect(host.customerView()).toMatchObject({ logo: dataUrl(logo) });
  });

  it('refuses a missing file, an SVG and a relative path before writing anything, saying why in both languages', async () => {
    const dir = tempDir();
    const { host } = await openHost(dir);
    const missing = await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: join(dir, 'nope.png') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    const e = (missing as { error: { message: string; messageZh: string } }).error;
    expect(e.message).toContain(`the logo file ${join(dir, 'nope.png')}: no such file`);
    expect(e.messageZh).toContain('门店标志文件');
    expect(e.messageZh).toContain('文件不存在');
    writeFileSync(join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const svg = await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: join(dir, 'logo.svg') });
    expect((svg as { error: { messageZh: string } }).error.messageZh).toContain('不接受 SVG');
    const relative = await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: 'logo.png' });
    expect(relative).toMatchObject({ ok: false });
    const view = await dispatch(host.handlers, 'pos:settings:get', {});
    expect(view).toMatchObject({ ok: true, data: { shopLogo: { path: null, from: null } } });
  });

  it('null goes back to the config file\'s logo', async () => {
    const dir = tempDir();
    const fromConfig = shopLogoPng(100, 50);
    const fromScreen = shopLogoPng();
    writeFileSync(join(dir, 'config-logo.png'), fromConfig);
    writeFileSync(join(dir, 'screen-logo.png'), fromScreen);
    const { host } = await openHost(dir, { logoPath: 'config-logo.png' });
    expect(host.customerView()).toMatchObject({ logo: dataUrl(fromConfig) });
    expect(await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: join(dir, 'screen-logo.png') })).toMatchObject({ ok: true });
    expect(host.customerView()).toMatchObject({ logo: dataUrl(fromScreen) });
    expect(await dispatch(host.handlers, 'pos:settings:set', { shopLogoPath: null })).toMatchObject({ ok: true, data: { shopLogo: { from: 'config' } } });
    expect(host.customerView()).toMatchObject({ logo: dataUrl(fromConfig) });
  });
});
