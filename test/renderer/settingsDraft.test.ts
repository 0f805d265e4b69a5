import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { draftOf, patchOf } from '../../renderer/settings/settingsDraft.ts';

const saved: SettingsView = {
  mode: 'training',
  shopName: '收银台',
  language: 'zh-CN',
  alipay: { appId: null, hasPrivateKey: false, hasAlipayPublicKey: false, storeId: 'S01', terminalId: null, operatorId: null },
  scanner: { source: 'wedge', path: null },
  printer: { url: null, paperWidthMm: 80, printOnSuccess: true },
};

describe('patchOf', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchOf(saved, draftOf(saved))).toEqual({});
  });

  it('sends only what changed', () => {
    expect(patchOf(saved, { ...draftOf(saved), shopName: ' 南京西路店 ', language: 'en' })).toEqual({ shopName: '南京西路店', language: 'en' });
    expect(patchOf(saved, { ...draftOf(saved), terminalId: 'T01' })).toEqual({ alipay: { terminalId: 'T01' } });
  });

  it('sends keys only when a file was chosen, with the live switch', () => {
    const d = { ...draftOf(saved), training: false, appId: '2021000000000001', privateKey: { name: 'app.pem', text: 'PRIVATE' }, alipayPublicKey: { name: 'alipay.pem', text: 'PUBLIC' } };
    expect(patchOf(saved, d)).toEqual({ training: false, alipay: { appId: '2021000000000001', privateKeyPem: 'PRIVATE', alipayPublicKeyPem: 'PUBLIC' } });
  });

  it('clears the printer and the scanner path with null, and never sends an empty id', () => {
    const withPrinter: SettingsView = { ...saved, printer: { url: 'tcp://10.0.0.9:9100', paperWidthMm: 58, printOnSuccess: false }, scanner: { source: 'serial', path: '/dev/ttyACM0' } };
    const d = { ...draftOf(withPrinter), printerUrl: '  ', scannerSource: 'wedge' as const, scannerPath: '', storeId: '' };
    expect(patchOf(withPrinter, d)).toEqual({ scanner: { source: 'wedge', path: null }, printer: { url: null, paperWidthMm: 58, printOnSuccess: false } });
  });
});
