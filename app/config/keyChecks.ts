// Key files that pass a format check but make the till useless or unsafe (issue 8 item 7), caught
// before anything is opened or sent: the app's own public key or a private key given as the
// Alipay public key (every answer would then fail verification: the till would charge, refund by
// cancel, and end UNKNOWN forever), and RSA keys under 2048 bits (Alipay's RSA2 needs 2048).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { PosError } from '../common/errors.ts';

export const MIN_RSA_BITS = 2048;

function body(text: string): Buffer {
  return Buffer.from(text.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function asPrivate(text: string): KeyObject | undefined {
  const t = text.trim();
  const tries: Array<() => KeyObject> = t.includes('-----BEGIN')
    ? [() => createPrivateKey(t)]
    : [() => createPrivateKey({ key: body(t), format: 'der', type: 'pkcs8' }), () => createPrivateKey({ key: body(t), format: 'der', type: 'pkcs1' })];
  for (const f of tries) {
    try {
      return f();
    } catch {
      // not this encoding
    }
  }
  return undefined;
}

function asPublic(text: string): KeyObject | undefined {
  const t = text.trim();
  try {
    return t.includes('-----BEGIN') ? createPublicKey(t) : createPublicKey({ key: body(t), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

function bits(k: KeyObject): number {
  return k.asymmetricKeyDetails?.modulusLength ?? 0;
}

function spki(k: KeyObject): Buffer {
  return k.export({ type: 'spki', format: 'der' });
}

/** Refuses (INVALID_CONFIG) a live till's keys that cannot work; a key that does not parse at all is left to the gateway's own check. */
export function checkLiveKeys(privateKeyText: string, alipayPublicKeyText: string, src: { privateKey: string; alipayPublicKey: string }): void {
  const priv = asPrivate(privateKeyText);
  if (priv?.asymmetricKeyType === 'rsa' && bits(priv) < MIN_RSA_BITS) {
    throw new PosError('INVALID_CONFIG', `${src.privateKey} is a ${bits(priv)}-bit RSA key; Alipay's RSA2 needs at least ${MIN_RSA_BITS} bits — make a new key pair with the Alipay key tool`, {
      detailZh: `${src.privateKey} 是 ${bits(priv)} 位 RSA 密钥，支付宝 RSA2 至少需要 ${MIN_RSA_BITS} 位——请用支付宝密钥工具重新生成`,
    });
  }
  if (/PRIVATE KEY/.test(alipayPublicKeyText) || (!alipayPublicKeyText.includes('-----BEGIN') && asPrivate(alipayPublicKeyText))) {
    throw new PosError('INVALID_CONFIG', `${src.alipayPublicKey} is a private key, not the Alipay public key (支付宝公钥, copied from the Alipay console); never give a private key here`, {
      detailZh: `${src.alipayPublicKey} 是私钥而不是支付宝公钥（请从支付宝开放平台复制“支付宝公钥”），此处不可填写私钥`,
    });
  }
  const pub = asPublic(alipayPublicKeyText);
  if (!pub) return;
  if (pub.asymmetricKeyType === 'rsa' && bits(pub) < MIN_RSA_BITS) {
    throw new PosError('INVALID_CONFIG', `${src.alipayPublicKey} is a ${bits(pub)}-bit RSA key; the Alipay public key for RSA2 has at least ${MIN_RSA_BITS} bits`, {
      detailZh: `${src.alipayPublicKey} 是 ${bits(pub)} 位 RSA 公钥，RSA2 的支付宝公钥至少为 ${MIN_RSA_BITS} 位`,
    });
  }
  if (priv && spki(createPublicKey(priv)).equals(spki(pub))) {
    throw new PosError('INVALID_CONFIG', `${src.alipayPublicKey} is this app's own public key (应用公钥), the other half of ${src.privateKey}; the till needs the Alipay public key (支付宝公钥) from the Alipay console to verify Alipay's answers`, {
      detailZh: `${src.alipayPublicKey} 是本应用自己的公钥（应用公钥），与 ${src.privateKey} 成对；收银台需要支付宝开放平台上的“支付宝公钥”来验证支付宝的应答`,
    });
  }
}
