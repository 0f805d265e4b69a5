// Certificate mode at the training gateway: a request that carries app_cert_sn is in cert mode;
// its serials must name the app certificate and the root bundle this gateway was given, its
// signature is checked with the key inside that app certificate, and the answer names the Alipay
// certificate that signed it (alipay_cert_sn), as Alipay's gateway does.
import { X509Certificate } from 'node:crypto';
import { invalidArgument, type Inner } from './answers.ts';
import { certSn, rootCertSn } from './cert-sn.ts';
import type { TrainingCertContents } from './certs.ts';

export type GatewayCerts = {
  appCertSn: string;
  alipayCertSn: string;
  alipayRootCertSn: string;
  /** SPKI PEM from the app certificate: what cert-mode requests are verified with. */
  appPublicKey: string;
};

export function gatewayCerts(c: TrainingCertContents): GatewayCerts {
  return {
    appCertSn: certSn(c.appCert),
    alipayCertSn: certSn(c.alipayPublicCert),
    alipayRootCertSn: rootCertSn(c.alipayRootCert),
    appPublicKey: new X509Certificate(c.appCert).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export type CertCheck = { ok: true; certMode: boolean } | { ok: false; answer: Inner };

export function checkCertParams(params: ReadonlyMap<string, string>, certs: GatewayCerts | undefined): CertCheck {
  const appSn = params.get('app_cert_sn');
  const rootSn = params.get('alipay_root_cert_sn');
  if (appSn === undefined && rootSn === undefined) return { ok: true, certMode: false };
  if (!certs) return { ok: false, answer: invalidArgument('isv.cert-mode-not-enabled', '应用未配置公钥证书，请使用公钥模式 (this training gateway runs without a certificate chain)') };
  if (appSn !== certs.appCertSn) {
    return { ok: false, answer: invalidArgument('isv.invalid-app-cert-sn', `应用公钥证书序列号不匹配 (app_cert_sn ${appSn ?? '(missing)'} is not the app certificate uploaded for this app)`) };
  }
  if (rootSn !== certs.alipayRootCertSn) {
    return { ok: false, answer: invalidArgument('isv.invalid-alipay-root-cert-sn', `支付宝根证书序列号不匹配 (alipay_root_cert_sn ${rootSn ?? '(missing)'} is not Alipay's root bundle)`) };
  }
  return { ok: true, certMode: true };
}

/** A serial of the right shape for a certificate the till was never given. */
export function forgedCertSn(real: string): string {
  return [...real].reverse().join('');
}
