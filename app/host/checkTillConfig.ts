// What opening the till checks of a configuration before it touches the network or the data
// folder, run on a settings change before anything is written (issue 10 item 4): the keys load,
// a live till does not carry the training gateway's key, the gateway client can be built.
import { readFileSync } from 'node:fs';
import { PosError } from '../common/errors.ts';
import type { ResolvedConfig } from '../config/config.ts';
import { AlipayGateway } from '../gateway/AlipayGateway.ts';
import { loadTrainingKeys } from '../gateway/training/keys.ts';

function readKey(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PosError('INVALID_CONFIG', `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const body = (k: string) => k.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

export function checkTillConfig(config: ResolvedConfig): void {
  if (config.mode === 'training') return;
  const a = config.alipay;
  const privateKey = a.privateKeyPem ?? readKey(a.privateKeyPath!, 'the app private key (alipay.privateKeyPath)');
  const alipayPublicKey = a.alipayPublicKeyPem ?? readKey(a.alipayPublicKeyPath!, 'the Alipay public key (alipay.alipayPublicKeyPath)');
  if (body(alipayPublicKey) === body(loadTrainingKeys().gatewayPublicKey)) {
    throw new PosError('INVALID_CONFIG', 'the Alipay public key is the training gateway\'s public key; a live till needs the Alipay public key from the Alipay console', { detailZh: '支付宝公钥是培训网关的公钥；正式收款需要支付宝开放平台上的支付宝公钥' });
  }
  if (!a.gateway) throw new PosError('INVALID_CONFIG', 'live mode has no gateway address');
  new AlipayGateway({ appId: a.appId, privateKey, alipayPublicKey, gatewayUrl: a.gateway, requestTimeoutMs: config.payment.requestTimeoutMs, training: false });
}
