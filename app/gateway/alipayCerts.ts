// Certificate mode (公钥证书) files as Alipay's console hands them out: the app's public-key
// certificate (appCertPublicKey_<appid>.crt), Alipay's public-key certificate
// (alipayCertPublicKey_RSA2.crt) and Alipay's root bundle (alipayRootCert.crt). Alipay accepts
// fund-out methods (red packets) only from apps signing in this mode (qr-bills-transfers.md §4).
// Everything checkable is checked here, before any request, with the config key in the message.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { PosError } from '../common/errors.ts';

export type AlipayCertContents = { appCert: string; alipayPublicCert: string; alipayRootCert: string };

/** Which config key each file came from, for the messages. */
export type CertSources = { appCert: string; alipayPublicCert: string; alipayRootCert: string };

const DEFAULT_SOURCES: CertSources = { appCert: 'alipay.appCertPath', alipayPublicCert: 'alipay.alipayPublicCertPath', alipayRootCert: 'alipay.alipayRootCertPath' };
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function bad(source: string, en: string, zh: string): PosError {
  return new PosError('INVALID_CONFIG', `${source}: ${en}`, { detailZh: `${source}：${zh}` });
}

function certificate(text: string, source: string, what: string, whatZh: string): X509Certificate {
  const block = text.match(PEM_BLOCK)?.[0];
  if (!block) throw bad(source, `is not a PEM certificate (${what})`, `不是 PEM 格式的证书（${whatZh}）`);
  try {
    return new X509Certificate(block);
  } catch {
    throw bad(source, `cannot be read as an X.509 certificate (${what})`, `无法读取为 X.509 证书（${whatZh}）`);
  }
}

/** Throws a clear INVALID_CONFIG for the first thing wrong with the three files and the private key. */
export function checkCertFiles(c: AlipayCertContents, privateKeyPem: string, sources: CertSources = DEFAULT_SOURCES, nowMs = Date.now()): void {
  const app = certificate(c.appCert, sources.appCert, 'the app public-key certificate appCertPublicKey_<appid>.crt', '应用公钥证书 appCertPublicKey_<appid>.crt');
  const alipay = certificate(c.alipayPublicCert, sources.alipayPublicCert, 'the Alipay public-key certificate alipayCertPublicKey_RSA2.crt', '支付宝公钥证书 alipayCertPublicKey_RSA2.crt');
  if (!app.checkPrivateKey(createPrivateKey(privateKeyPem))) {
    throw bad(sources.appCert, 'does not certify the app private key (alipay.privateKeyPath): upload the CSR made from this key at Alipay and download the certificate it issues', '与应用私钥不匹配：请用此私钥生成的 CSR 在支付宝开放平台申请并下载证书');
  }
  if (alipay.publicKey.asymmetricKeyType !== 'rsa') throw bad(sources.alipayPublicCert, 'does not hold an RSA key (RSA2 signing)', '不含 RSA 公钥（RSA2 签名）');
  for (const [cert, source] of [[app, sources.appCert], [alipay, sources.alipayPublicCert]] as const) {
    if (Date.parse(cert.validTo) <= nowMs) throw bad(source, `expired on ${cert.validTo}; download the renewed certificate from the Alipay console`, `证书已于 ${cert.validTo} 过期，请在支付宝开放平台下载新证书`);
  }
  const roots = (c.alipayRootCert.match(PEM_BLOCK) ?? []).map((b) => {
    try {
      return new X509Certificate(b);
    } catch {
      throw bad(sources.alipayRootCert, 'holds a certificate that cannot be read', '含有无法读取的证书');
    }
  });
  if (!roots.some((r) => (r.signatureAlgorithmOid ?? '').startsWith('1.2.840.113549.1.1'))) {
    throw bad(sources.alipayRootCert, 'holds no RSA root certificate (alipayRootCert.crt from the Alipay console)', '不含 RSA 根证书（应为支付宝开放平台下载的 alipayRootCert.crt）');
  }
}

/** The SPKI PEM inside the Alipay certificate: answers are verified with it. */
export function alipayPublicKeyOf(alipayPublicCert: string): string {
  const block = alipayPublicCert.match(PEM_BLOCK)?.[0] ?? alipayPublicCert;
  return new X509Certificate(block).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
