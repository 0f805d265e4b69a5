// The one place an alipay-sdk client is built, shared by the payment gateway and the bill download
// (app/reconcile): both must sign with the same key and verify every answer the same way. The SDK
// skips answer verification when the public key is empty, so a client without one is refused
// (model-codebases.md: fail closed).
import { AlipaySdk } from 'alipay-sdk';
import { PosError } from '../common/errors.ts';
import type { AlipayCertContents } from './alipayCerts.ts';
import { normalisePrivateKey, normalisePublicKey } from './keys.ts';

export type AlipayClientOptions = {
  appId: string;
  privateKey: string;
  alipayPublicKey: string;
  gatewayUrl: string;
  /** Per request; a timeout means the outcome is unknown. */
  requestTimeoutMs: number;
  /**
   * Certificate mode (公钥证书, alipayCerts.ts): the SDK signs with app_cert_sn/alipay_root_cert_sn
   * and verifies with the key inside the Alipay certificate (then `alipayPublicKey` is not used).
   * Answers must also be checked for `alipay_cert_sn`, which the SDK does not do: AlipayClient does.
   */
  certs?: AlipayCertContents | undefined;
};

export function createAlipaySdk(o: AlipayClientOptions): AlipaySdk {
  if (!o.appId) throw new PosError('INVALID_CONFIG', 'alipay.appId is missing');
  if (o.certs) {
    return new AlipaySdk({
      appId: o.appId,
      privateKey: normalisePrivateKey(o.privateKey, 'alipay.privateKeyPath'),
      keyType: 'PKCS8',
      appCertContent: o.certs.appCert,
      alipayPublicCertContent: o.certs.alipayPublicCert,
      alipayRootCertContent: o.certs.alipayRootCert,
      gateway: o.gatewayUrl,
      timeout: o.requestTimeoutMs,
    });
  }
  if (!o.alipayPublicKey) throw new PosError('INVALID_CONFIG', 'the Alipay public key is missing: without it answers cannot be verified, so the till will not charge');
  return new AlipaySdk({
    appId: o.appId,
    privateKey: normalisePrivateKey(o.privateKey, 'alipay.privateKeyPath'),
    keyType: 'PKCS8',
    alipayPublicKey: normalisePublicKey(o.alipayPublicKey, 'alipay.alipayPublicKeyPath'),
    gateway: o.gatewayUrl,
    timeout: o.requestTimeoutMs,
  });
}
