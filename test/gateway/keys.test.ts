import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalisePrivateKey, normalisePublicKey } from '../../app/gateway/keys.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

describe('normalisePrivateKey', () => {
  it.each([
    ['PKCS#8 PEM', pkcs8],
    ['PKCS#1 PEM', pkcs1],
    ['bare PKCS#8 base64 (Alipay key tool)', bare(pkcs8)],
    ['bare PKCS#1 base64', bare(pkcs1)],
  ])('reads %s as the same key in PKCS#8', (_name, text) => {
    expect(normalisePrivateKey(text, 'k')).toBe(pkcs8);
  });

  it('refuses what is not an RSA private key, naming the source', () => {
    expect(() => normalisePrivateKey('hello', 'alipay.privateKeyPath')).toThrow(/alipay.privateKeyPath is not an RSA private key/);
    expect(() => normalisePrivateKey('', 'x')).toThrow(/empty/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => normalisePrivateKey(ec, 'x')).toThrow(/not an RSA private key/);
  });
});

describe('normalisePublicKey', () => {
  it('reads PEM and bare base64', () => {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(normalisePublicKey(bare(pem), 'p')).toBe(pem);
    expect(normalisePublicKey(pem, 'p')).toBe(pem);
    expect(() => normalisePublicKey(bare(pkcs8), 'p')).toThrow(/not an RSA public key/);
  });
});
