// Issue 15: the settings form sends the WeChat Pay ids that changed and the key files only when
// chosen — saving the shop name never re-sends (or drops) a key.
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { draftOf, patchOf } from '../../renderer/settings/settingsDraft.ts';

const VIEW = {
  mode: 'training', shopName: '店', language: 'zh-CN',
  alipay: { appId: null, hasPrivateKey: false, hasAlipayPublicKey: false, storeId: null, terminalId: null, operatorId: null },
  scanner: { source: 'wedge', path: null }, printer: { url: null, paperWidthMm: 80, printOnSuccess: true },
  wechat: { mchId: '1900000109', appId: null, certSerialNo: null, wechatPayPublicKeyId: null, hasPrivateKey: true, hasWechatPayPublicKey: false },
} as SettingsView;

describe('the WeChat Pay part of the settings form', () => {
  it('sends changed ids and chosen key files, nothing for an untouched form', () => {
    const d = draftOf(VIEW);
    expect(d).toMatchObject({ wechatMchId: '1900000109', wechatAppId: '', wechatPrivateKey: null, wechatPayPublicKey: null });
    expect(patchOf(VIEW, d)).toEqual({});
    expect(patchOf(VIEW, { ...d, shopName: '新店' })).toEqual({ shopName: '新店' });
    const patch = patchOf(VIEW, { ...d, wechatAppId: ' wx8888888888888888 ', wechatPayPublicKeyId: 'PUB_KEY_ID_01', wechatPayPublicKey: { name: 'pub_key.pem', text: 'PEM' } });
    expect(patch).toEqual({ wechat: { appId: 'wx8888888888888888', wechatPayPublicKeyId: 'PUB_KEY_ID_01', wechatPayPublicKeyPem: 'PEM' } });
  });
});
