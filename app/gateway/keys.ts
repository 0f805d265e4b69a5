// Key files as Alipay's key tool and openssl write them: PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8
// "PRIVATE KEY") or the bare base64 body. alipay-sdk wraps the body in the header its `keyType`
// names, so a PKCS#1 key passed as PKCS8 fails at the first signature (barcode-pay.md): we
// normalise every private key to PKCS#8 PEM here and always tell the SDK 'PKCS8'.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { PosError } from '../common/errors.ts';

function body(text: string): string {
  return text.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
}

export function normalisePrivateKey(text: string, source: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new PosError('INVALID_CONFIG', `the private key ${source} is empty`);
  const attempts: Array<() => ReturnType<typeof createPrivateKey>> = trimmed.includes('-----BEGIN')
    ? [() => createPrivateKey(trimmed)]
    : [
        () => createPrivateKey({ key: Buffer.from(body(trimmed), 'base64'), format: 'der', type: 'pkcs8' }),
        () => createPrivateKey({ key: Buffer.from(body(trimmed), 'base64'), format: 'der', type: 'pkcs1' }),
      ];
  for (const attempt of attempts) {
    try {
      const key = attempt();
      if (key.asymmetricKeyType !== 'rsa') throw new Error(`not an RSA key (${key.asymmetricKeyType})`);
      return key.export({ type: 'pkcs8', format: 'pem' }).toString();
    } catch {
      // try the next encoding
    }
  }
  throw new PosError('INVALID_CONFIG', `${source} is not an RSA private key in PKCS#1 or PKCS#8 form`);
}

export function normalisePublicKey(text: string, source: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new PosError('INVALID_CONFIG', `the Alipay public key ${source} is empty`);
  try {
    const key = trimmed.includes('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(body(trimmed), 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new PosError('INVALID_CONFIG', `${source} is not an RSA public key (the "支付宝公钥" from the Alipay console)`);
  }
}
