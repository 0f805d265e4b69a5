// Both halves of WeChat Pay APIv3 signing (wechat-pay.md §1.6), over node:crypto only, shared by the
// adapter and the training gateway. The training gateway has its own tests against
// wechatpay-axios-plugin, an independent implementation, so a bug here cannot agree with itself.
import { createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** WeChat rejects answers (and requests) whose timestamp is further than this from now. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** "METHOD\n/path?query\nunixSeconds\nnonce\nbody\n": the body line is empty for a GET. */
export function requestSignText(method: string, pathAndQuery: string, timestampSeconds: number | string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestampSeconds}\n${nonce}\n${body}\n`;
}

/** "ts\nnonce\nrawBody\n" over the exact bytes received (re-serialised JSON would not verify). */
export function responseSignText(timestampSeconds: number | string, nonce: string, body: string): string {
  return `${timestampSeconds}\n${nonce}\n${body}\n`;
}

export function rsaSign(text: string, privateKey: string | KeyObject): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(text: string, signature: string, publicKey: string | KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    // A malformed signature (or a SIGNTEST probe) is a failed verification, never a crash.
    return false;
  }
}

export function nonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export type RequestSigner = { mchId: string; certSerialNo: string; privateKey: string | KeyObject };

/** The Authorization header value for one request. */
export function authorization(s: RequestSigner, method: string, pathAndQuery: string, body: string, nowMs: number, nonceText = nonce()): string {
  const ts = Math.floor(nowMs / 1000);
  const signature = rsaSign(requestSignText(method, pathAndQuery, ts, nonceText, body), s.privateKey);
  return `${AUTH_SCHEME} mchid="${s.mchId}",nonce_str="${nonceText}",timestamp="${ts}",serial_no="${s.certSerialNo}",signature="${signature}"`;
}

export type ParsedAuthorization = { mchid: string; nonce_str: string; timestamp: string; serial_no: string; signature: string };

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  const { mchid, nonce_str, timestamp, serial_no, signature } = fields;
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return undefined;
  return { mchid, nonce_str, timestamp, serial_no, signature };
}

/**
 * The keys that may sign answers, by the `Wechatpay-Serial` they are named with: the WeChat Pay
 * public key (`PUB_KEY_ID_…`, the only mode new merchants get) and/or platform certificates (by
 * certificate serial). A PEM public key or an X.509 certificate PEM are both accepted.
 */
export type AnswerKeys = ReadonlyMap<string, KeyObject>;

export function answerKeys(entries: Iterable<[serial: string, pem: string]>): AnswerKeys {
  const m = new Map<string, KeyObject>();
  for (const [serial, pem] of entries) m.set(serial.toUpperCase(), createPublicKey(pem));
  return m;
}

export type AnswerHeaders = { timestamp?: string | null; nonce?: string | null; signature?: string | null; serial?: string | null };

export type Verification = { ok: true } | { ok: false; reason: string };

/** Checks one answer: all four headers, the clock within ±300 s, a known serial, RSA-SHA256. */
export function verifyAnswer(h: AnswerHeaders, rawBody: string, keys: AnswerKeys, nowMs: number): Verification {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return { ok: false, reason: 'the answer has no Wechatpay-Timestamp/-Nonce/-Signature/-Serial headers' };
  if (!/^\d{1,12}$/.test(h.timestamp)) return { ok: false, reason: `Wechatpay-Timestamp ${JSON.stringify(h.timestamp.slice(0, 20))} is not unix seconds` };
  const skew = Math.abs(nowMs / 1000 - Number(h.timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: `Wechatpay-Timestamp is ${Math.round(skew)} s from this machine's clock (limit ${MAX_CLOCK_SKEW_SECONDS} s): check the till's clock` };
  const key = keys.get(h.serial.toUpperCase());
  if (!key) return { ok: false, reason: `the answer is signed with key ${h.serial.slice(0, 48)}, which this till does not have (check wechat.wechatPayPublicKeyId)` };
  // SIGNTEST probes (WECHATPAY/SIGNTEST/…) are deliberately wrong: they fail here like any forgery.
  if (!rsaVerify(responseSignText(h.timestamp, h.nonce, rawBody), h.signature, key)) return { ok: false, reason: "the answer's signature does not verify with the WeChat Pay public key" };
  return { ok: true };
}
