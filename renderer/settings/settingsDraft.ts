// The settings form as typed, and the patch it makes: only what changed is sent, so saving the
// shop name never re-sends (or drops) the Alipay keys. Keys are sent only when a file was chosen.
import type { SettingsPatch } from '../../app/common/ipc/contract.ts';
import type { ScannerSourceKind, SettingsView } from '../../app/common/ipc/views.ts';
import type { Language } from '../i18n/catalogue.ts';

export type KeyFile = { name: string; text: string };

export type SettingsDraft = {
  shopName: string;
  /** The customer display's logo file as typed; empty: the config file's (issue 9 item 15). */
  shopLogoPath: string;
  language: Language;
  training: boolean;
  appId: string;
  storeId: string;
  terminalId: string;
  operatorId: string;
  scannerSource: ScannerSourceKind;
  scannerPath: string;
  printerUrl: string;
  paperWidthMm: 58 | 80;
  printOnSuccess: boolean;
  privateKey: KeyFile | null;
  alipayPublicKey: KeyFile | null;
  /** WeChat Pay (issue 15): the ids as typed, the two key files only when chosen. */
  wechatMchId: string;
  wechatAppId: string;
  wechatCertSerialNo: string;
  wechatPayPublicKeyId: string;
  wechatPrivateKey: KeyFile | null;
  wechatPayPublicKey: KeyFile | null;
};

export type WechatIdField = 'wechatMchId' | 'wechatAppId' | 'wechatCertSerialNo' | 'wechatPayPublicKeyId';
const WECHAT_ID_FIELDS = [['wechatMchId', 'mchId'], ['wechatAppId', 'appId'], ['wechatCertSerialNo', 'certSerialNo'], ['wechatPayPublicKeyId', 'wechatPayPublicKeyId']] as const;

export function draftOf(v: SettingsView): SettingsDraft {
  return {
    shopName: v.shopName,
    shopLogoPath: v.shopLogo?.from === 'settings' ? v.shopLogo.path ?? '' : '',
    language: v.language,
    training: v.mode === 'training',
    appId: v.alipay.appId ?? '',
    storeId: v.alipay.storeId ?? '',
    terminalId: v.alipay.terminalId ?? '',
    operatorId: v.alipay.operatorId ?? '',
    scannerSource: v.scanner.source,
    scannerPath: v.scanner.path ?? '',
    printerUrl: v.printer.url ?? '',
    paperWidthMm: v.printer.paperWidthMm,
    printOnSuccess: v.printer.printOnSuccess,
    privateKey: null,
    alipayPublicKey: null,
    wechatMchId: v.wechat?.mchId ?? '',
    wechatAppId: v.wechat?.appId ?? '',
    wechatCertSerialNo: v.wechat?.certSerialNo ?? '',
    wechatPayPublicKeyId: v.wechat?.wechatPayPublicKeyId ?? '',
    wechatPrivateKey: null,
    wechatPayPublicKey: null,
  };
}

/** What differs between the form and the saved settings, as the core's patch. */
export function patchOf(v: SettingsView, d: SettingsDraft): SettingsPatch {
  const was = draftOf(v);
  const patch: SettingsPatch = {};
  const shopName = d.shopName.trim();
  if (shopName !== was.shopName && shopName !== '') patch.shopName = shopName;
  if (d.language !== was.language) patch.language = d.language;
  const logo = d.shopLogoPath.trim();
  if (logo !== was.shopLogoPath) patch.shopLogoPath = logo === '' ? null : logo;
  if (d.training !== was.training) patch.training = d.training;
  const alipay: NonNullable<SettingsPatch['alipay']> = {};
  // The core cannot clear an id (its schema takes a value or nothing), so an emptied field is left as it was.
  for (const k of ['appId', 'storeId', 'terminalId', 'operatorId'] as const) {
    const value = d[k].trim();
    if (value !== '' && value !== was[k]) alipay[k] = value;
  }
  if (d.privateKey) alipay.privateKeyPem = d.privateKey.text;
  if (d.alipayPublicKey) alipay.alipayPublicKeyPem = d.alipayPublicKey.text;
  if (Object.keys(alipay).length > 0) patch.alipay = alipay;
  const wechat: NonNullable<SettingsPatch['wechat']> = {};
  for (const [field, key] of WECHAT_ID_FIELDS) {
    const value = d[field].trim();
    if (value !== '' && value !== was[field]) wechat[key] = value;
  }
  if (d.wechatPrivateKey) wechat.privateKeyPem = d.wechatPrivateKey.text;
  if (d.wechatPayPublicKey) wechat.wechatPayPublicKeyPem = d.wechatPayPublicKey.text;
  if (Object.keys(wechat).length > 0) patch.wechat = wechat;
  const scannerPath = d.scannerPath.trim() === '' ? null : d.scannerPath.trim();
  if (d.scannerSource !== was.scannerSource || scannerPath !== v.scanner.path) patch.scanner = { source: d.scannerSource, path: scannerPath };
  const printerUrl = d.printerUrl.trim() === '' ? null : d.printerUrl.trim();
  if (printerUrl !== v.printer.url || d.paperWidthMm !== was.paperWidthMm || d.printOnSuccess !== was.printOnSuccess) {
    patch.printer = { url: printerUrl, paperWidthMm: d.paperWidthMm, printOnSuccess: d.printOnSuccess };
  }
  return patch;
}
