// Key mode (支付宝公钥) or certificate mode (公钥证书) for the Alipay client, as the config says.
// An app signs in one mode, set in the Alipay console; fund-out methods such as cash red packets
// accept only certificate mode (qr-bills-transfers.md §4). Each half-set or mixed config is refused
// with what to add or remove, in both languages.
import { PosError } from '../common/errors.ts';

export type SigningFields = {
  appId?: string | undefined;
  privateKeyPath?: string | undefined;
  alipayPublicKeyPath?: string | undefined;
  appCertPath?: string | undefined;
  alipayPublicCertPath?: string | undefined;
  alipayRootCertPath?: string | undefined;
};

export type SignMode = 'key' | 'cert';

const CERT_KEYS = ['appCertPath', 'alipayPublicCertPath', 'alipayRootCertPath'] as const;

function refuse(source: string, en: string, zh: string): PosError {
  return new PosError('INVALID_CONFIG', `${source}: ${en}`, { detailZh: `${source}：${zh}` });
}

/** The mode the `alipay` section asks for; throws INVALID_CONFIG for a config that is neither. */
export function signModeOf(a: SigningFields, live: boolean, source: string, needsCert: boolean): SignMode {
  const certGiven = CERT_KEYS.filter((k) => a[k]);
  const certMissing = CERT_KEYS.filter((k) => !a[k]);
  if (certGiven.length > 0 && certMissing.length > 0) {
    const list = certMissing.map((k) => `alipay.${k}`).join(', ');
    throw refuse(source, `certificate mode needs all three certificate files; ${list} ${certMissing.length > 1 ? 'are' : 'is'} missing`, `公钥证书模式需要三个证书文件，缺少 ${list}`);
  }
  const cert = certGiven.length === CERT_KEYS.length;
  if (cert && a.alipayPublicKeyPath) {
    throw refuse(source, 'alipay.alipayPublicKeyPath (key mode) and the certificate files (certificate mode) are both set; an Alipay app signs in one mode: keep the one set in the Alipay console', '同时配置了 alipay.alipayPublicKeyPath（公钥模式）和证书文件（公钥证书模式）；一个支付宝应用只能使用一种加签方式，请保留开放平台上设置的那一种');
  }
  if (live) {
    if (!a.privateKeyPath) throw refuse(source, 'alipay.appId is set (live mode) but alipay.privateKeyPath is missing', '已设置 alipay.appId（正式模式），但缺少 alipay.privateKeyPath（应用私钥）');
    if (!cert && !a.alipayPublicKeyPath) {
      throw refuse(source, 'alipay.appId is set (live mode) but alipay.alipayPublicKeyPath is missing (key mode), and so are alipay.appCertPath, alipay.alipayPublicCertPath and alipay.alipayRootCertPath (certificate mode); without one or the other answers cannot be verified', '已设置 alipay.appId（正式模式），但既未配置 alipay.alipayPublicKeyPath（公钥模式），也未配置 alipay.appCertPath、alipay.alipayPublicCertPath、alipay.alipayRootCertPath（公钥证书模式），无法验证支付宝应答');
    }
  }
  if (needsCert && !cert && live) {
    throw refuse(source, 'promotions (cash red packets) need certificate mode: Alipay accepts fund transfers only from apps signing with certificates; set alipay.appCertPath, alipay.alipayPublicCertPath and alipay.alipayRootCertPath, or remove promotions', '现金红包（promotions）需要公钥证书模式：支付宝资金支出类接口仅接受证书加签；请配置 alipay.appCertPath、alipay.alipayPublicCertPath、alipay.alipayRootCertPath，或删除 promotions');
  }
  return cert ? 'cert' : 'key';
}
