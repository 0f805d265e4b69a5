// The `wechat` section of the till's configuration (issue 15; these names exactly). `mchId` set
// means live WeChat Pay: then the key paths, the certificate serial and the WeChat Pay public key id
// are required, and a missing one is refused naming the field (an unreadable file is refused when
// the till opens, app/till.ts). Without `mchId` WeChat codes go to the training gateway — unless
// another provider is live, in which case WeChat is simply not configured (never mixed).
import { z } from 'zod';
import { PosError } from '../common/errors.ts';

const nonEmpty = z.string().trim().min(1);
const id = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const WechatSectionSchema = z.object({
  mchId: z.string().trim().regex(/^\d{8,10}$/, 'a WeChat Pay merchant number (商户号), 8–10 digits').optional(),
  appId: z.string().trim().regex(/^wx[0-9A-Za-z]{16}$/, 'an AppID like wx8888888888888888').optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  privateKeyPath: nonEmpty.optional(),
  certSerialNo: z.string().trim().regex(/^[0-9A-Fa-f]{8,64}$/, 'the merchant API certificate serial (证书序列号), hex').optional(),
  wechatPayPublicKeyPath: nonEmpty.optional(),
  // A platform-certificate merchant names the certificate's serial instead (and its PEM as the path).
  wechatPayPublicKeyId: z.string().trim().regex(/^(PUB_KEY_ID_[0-9A-Za-z]{1,64}|[0-9A-Fa-f]{8,64})$/, 'PUB_KEY_ID_… (微信支付公钥ID), or a platform certificate serial').optional(),
  subMchId: z.string().trim().regex(/^\d{8,10}$/, 'the sub-merchant number (子商户号)').optional(),
  subAppId: z.string().trim().regex(/^wx[0-9A-Za-z]{16}$/, 'an AppID like wx8888888888888888').optional(),
  storeId: id.optional(),
  deviceId: id.optional(),
  /** notify_url of WeChat Native QR codes: required by WeChat, never relied on (the till polls). */
  notifyUrl: z.string().trim().max(256).optional(),
}).strict();

export type WechatSection = z.infer<typeof WechatSectionSchema>;

export type WechatConfig = {
  /** undefined: WeChat is not live (training, or not configured on a live till). */
  mchId: string | undefined;
  appId: string | undefined;
  /** undefined in training: start the WeChat training gateway inside this process. */
  baseUrl: string | undefined;
  privateKeyPath: string | undefined;
  certSerialNo: string | undefined;
  wechatPayPublicKeyPath: string | undefined;
  wechatPayPublicKeyId: string | undefined;
  /** Keys imported on the settings screen (sealed in the data folder); they win over the paths. */
  privateKeyPem?: string | undefined;
  wechatPayPublicKeyPem?: string | undefined;
  subMchId: string | undefined;
  subAppId: string | undefined;
  storeId: string | undefined;
  deviceId: string | undefined;
  /** https; undefined: a live till offers no WeChat QR code (training uses a placeholder). */
  notifyUrl?: string | undefined;
};

export const LIVE_WECHAT_BASE_URL = 'https://api.mch.weixin.qq.com';

const REQUIRED_LIVE = ['appId', 'privateKeyPath', 'certSerialNo', 'wechatPayPublicKeyPath', 'wechatPayPublicKeyId'] as const;

export function resolveWechat(w: WechatSection | undefined, at: (p: string | undefined) => string | undefined, source: string, checkUrl: (url: string, what: string) => void): WechatConfig {
  const x = w ?? {};
  const live = x.mchId !== undefined;
  if (live) {
    const missing = REQUIRED_LIVE.filter((k) => !x[k]);
    if (missing.length) {
      throw new PosError('INVALID_CONFIG', `${source}: wechat.mchId is set (live WeChat Pay) but ${missing.map((m) => `wechat.${m}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; without the WeChat Pay public key answers cannot be verified`, {
        detailZh: `${source}：已设置 wechat.mchId（微信支付正式环境），但缺少 ${missing.map((m) => `wechat.${m}`).join('、')}`,
      });
    }
    if (x.baseUrl) checkUrl(x.baseUrl, `${source}: wechat.baseUrl`);
  } else {
    const stray = (['appId', 'privateKeyPath', 'certSerialNo', 'wechatPayPublicKeyPath', 'wechatPayPublicKeyId', 'subMchId', 'subAppId'] as const).filter((k) => x[k]);
    if (stray.length) throw new PosError('INVALID_CONFIG', `${source}: ${stray.map((s) => `wechat.${s}`).join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but wechat.mchId is missing`, { detailZh: `${source}：已配置微信支付参数但缺少 wechat.mchId` });
  }
  if (x.notifyUrl !== undefined) checkNotifyUrl(x.notifyUrl, source);
  if (x.subAppId && !x.subMchId) throw new PosError('INVALID_CONFIG', `${source}: wechat.subAppId is set but wechat.subMchId is missing (service-provider mode needs the sub-merchant)`);
  return {
    mchId: x.mchId,
    appId: x.appId,
    baseUrl: x.baseUrl ?? (live ? LIVE_WECHAT_BASE_URL : undefined),
    privateKeyPath: at(x.privateKeyPath),
    certSerialNo: x.certSerialNo,
    wechatPayPublicKeyPath: at(x.wechatPayPublicKeyPath),
    wechatPayPublicKeyId: x.wechatPayPublicKeyId,
    subMchId: x.subMchId,
    subAppId: x.subAppId,
    storeId: x.storeId,
    deviceId: x.deviceId,
    notifyUrl: x.notifyUrl,
  };
}

/** WeChat calls notify_url from the internet: an https address it can reach, never one on this machine. */
function checkNotifyUrl(url: string, source: string): void {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  const local = u !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u?.protocol === 'https:' && !local && !u.username && !u.password) return;
  throw new PosError('INVALID_CONFIG', `${source}: wechat.notifyUrl ${JSON.stringify(url)} must be an https:// address WeChat Pay can reach (e.g. https://hq.example.com/wechat/notify); the till itself polls, nothing is relied on there`, {
    detailZh: `${source}：wechat.notifyUrl ${JSON.stringify(url)} 必须是微信支付可访问的 https:// 地址（如总部的 https://hq.example.com/wechat/notify）；收银台自行查询结果，不依赖该通知`,
  });
}
