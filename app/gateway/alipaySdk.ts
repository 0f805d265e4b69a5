// The one place an alipay-sdk client is built, shared by the payment gateway and the bill download
// (app/reconcile): both must sign with the same key and verify every answer the same way. The SDK
// skips answer verification when the public key is empty, so a client without one is refused
// (model-codebases.md: fail closed).
import { AlipaySdk } from 'alipay-sdk';
import { PosError } from '../common/errors.ts';
import { normalisePrivateKey, normalisePublicKey } from './keys.ts';

export type AlipayClientOptions = {
  appId: string;
  privateKey: string;
  alipayPublicKey: string;
  gatewayUrl: string;
  /** Per request; a timeout means the outcome is unknown. */
  requestTimeoutMs: number;
};

export function createAlipaySdk(o: AlipayClientOptions): AlipaySdk {
  if (!o.appId) throw new PosError('INVALID_CONFIG', 'alipay.appId is missing');
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
