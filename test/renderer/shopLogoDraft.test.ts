// The settings form's logo field (issue 9 item 15): sent only when changed; emptied means "back to
// the config file's" (null), and a logo that comes from the config file is not shown as typed.
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { draftOf, patchOf } from '../../renderer/settings/settingsDraft.ts';

const saved: SettingsView = {
  mode: 'training', shopName: '测试便利店', language: 'zh-CN',
  alipay: { appId: null, hasPrivateKey: false, hasAlipayPublicKey: false, storeId: null, terminalId: null, operatorId: null },
  scanner: { source: 'wedge', path: null }, printer: { url: null, paperWidthMm: 80, printOnSuccess: true },
};

describe('the logo field', () => {
  it('sends a typed path, and nothing when untouched', () => {
    expect(patchOf(saved, draftOf(saved))).toEqual({});
    expect(patchOf(saved, { ...draftOf(saved), shopLogoPath: ' /srv/logo.png ' })).toEqual({ shopLogoPath: '/srv/logo.png' });
  });

  it('empties a logo set on the screen as null (back to the config file\'s)', () => {
    const withLogo: SettingsView = { ...saved, shopLogo: { path: '/srv/logo.png', from: 'settings' } };
    expect(draftOf(withLogo).shopLogoPath).toBe('/srv/logo.png');
    expect(patchOf(withLogo, { ...draftOf(withLogo), shopLogoPath: '' })).toEqual({ shopLogoPath: null });
  });

  it('leaves the config file\'s logo out of the field, so saving does not copy it into the settings', () => {
    const fromConfig: SettingsView = { ...saved, shopLogo: { path: '/etc/till/logo.png', from: 'config' } };
    expect(draftOf(fromConfig).shopLogoPath).toBe('');
    expect(patchOf(fromConfig, draftOf(fromConfig))).toEqual({});
  });
});
