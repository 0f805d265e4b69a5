// Certificate serial numbers (SN) as Alipay computes them, written from the rule rather than
// borrowed from alipay-sdk (the till's side uses the SDK's own; test/gateway/certMode.test.ts holds
// the two to the same answers): md5 of the issuer's attributes in reverse order, `CN=…,OU=…,O=…,C=…`,
// followed by the certificate's serial number in decimal. A root bundle's SN is the SNs of its
// RSA-signed certificates (signature OID 1.2.840.113549.1.1.*) joined by `_` (qr-bills-transfers.md §4).
import { createHash, X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function certSn(pem: string): string {
  return snOf(new X509Certificate(pem));
}

export function rootCertSn(bundlePem: string): string {
  return (bundlePem.match(PEM_BLOCK) ?? [])
    .map((block) => new X509Certificate(block))
    .filter((c) => (c.signatureAlgorithmOid ?? '').startsWith('1.2.840.113549.1.1'))
    .map(snOf)
    .join('_');
}

function snOf(c: X509Certificate): string {
  // node prints the issuer one attribute per line, in the certificate's order.
  const principal = c.issuer.split('\n').filter(Boolean).reverse().join(',');
  const decimal = BigInt(`0x${c.serialNumber}`).toString(10);
  return createHash('md5').update(principal + decimal, 'utf8').digest('hex');
}
