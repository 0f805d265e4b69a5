// Both halves of Alipay's v2 RSA2 signing, written from the protocol rather than borrowed from
// alipay-sdk: a gateway that reused the client's own sign() would agree with any bug in it.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';

/**
 * The text a request signature covers: every parameter but `sign`, sorted by key, `k=v` joined
 * with `&`, values as decoded. Empty values are left out, as Alipay's own gateway does, so a client
 * that signs `app_auth_token=` is refused here exactly as it would be live (barcode-pay.md).
 */
export function requestSignText(params: ReadonlyMap<string, string>): string {
  return [...params.entries()]
    .filter(([k, v]) => k !== 'sign' && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function requestSignatureValid(params: ReadonlyMap<string, string>, tillPublicKey: string): boolean {
  const sign = params.get('sign');
  if (!sign) return false;
  try {
    return createVerify('RSA-SHA256').update(requestSignText(params), 'utf8').verify(tillPublicKey, sign, 'base64');
  } catch {
    // A malformed signature is a refused request, not a crash of the gateway.
    return false;
  }
}

/**
 * The answer body. alipay-sdk verifies the exact characters between `"<key>":` and `,"sign"`, so
 * the inner object is serialised once and that very text is both signed and sent.
 */
export function signedAnswerBody(responseKey: string, inner: object, gatewayPrivateKey: string, alipayCertSn?: string): string {
  const innerText = JSON.stringify(inner);
  const sign = createSign('RSA-SHA256').update(innerText, 'utf8').sign(gatewayPrivateKey, 'base64');
  // Cert mode: the serial sits beside the inner object, outside what the signature covers.
  const sn = alipayCertSn === undefined ? '' : `,"alipay_cert_sn":${JSON.stringify(alipayCertSn)}`;
  return `{${JSON.stringify(responseKey)}:${innerText}${sn},"sign":${JSON.stringify(sign)}}`;
}

/** A key nobody trusts, for the forged-answer behaviour: generated once per process, on first use. */
let throwawayKey: string | undefined;
export function throwawayPrivateKey(): string {
  throwawayKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return throwawayKey;
}
