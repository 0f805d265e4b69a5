// One signed request to WeChat Pay v3 over Node's own fetch, with an explicit timeout, and what came
// back, verified. The till needs exact control here (issue 15): a timeout, a dropped connection, a
// 5xx or an answer that does not verify are all "no answer we can trust"; nothing is ever re-sent
// by this layer (Node's fetch does not retry a POST; the caller decides what to send next).
import { authorization, verifyAnswer, type AnswerKeys, type RequestSigner } from './signing.ts';
import { parseJson } from './wire.ts';

export type Reply =
  /** A verified answer. */
  | { kind: 'answer'; status: number; body: unknown; text: string }
  /** Something came back that we cannot trust or read: treat like no answer. */
  | { kind: 'untrusted'; status: number; reason: string; signature: boolean; text: string }
  /** Nothing came back (timeout, refused, reset, dropped). */
  | { kind: 'none'; reason: string };

export type HttpOptions = {
  baseUrl: string;
  signer: RequestSigner;
  keys: AnswerKeys;
  /** Sent as `Wechatpay-Serial`, so answers are signed with the key the till has (wechat-pay.md §1.6). */
  wechatPayKeyId: string;
  requestTimeoutMs: number;
  now: () => number;
};

export async function send(o: HttpOptions, method: 'GET' | 'POST', pathAndQuery: string, body?: Record<string, unknown>): Promise<Reply> {
  // Serialised once: the signed text and the sent bytes are the same string.
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'till (WeChat Pay APIv3)',
    'wechatpay-serial': o.wechatPayKeyId,
    authorization: authorization(o.signer, method, pathAndQuery, text, o.now()),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  let raw: string;
  try {
    res = await fetch(new URL(pathAndQuery, o.baseUrl), { method, headers, body: body === undefined ? undefined : text, signal: AbortSignal.timeout(o.requestTimeoutMs), redirect: 'error' });
    raw = Buffer.from(await res.arrayBuffer()).toString('utf8');
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === 'TimeoutError' ? `no answer within ${o.requestTimeoutMs} ms` : `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message ?? ''})` : ''}`;
    return { kind: 'none', reason: `${method} ${pathAndQuery.split('?')[0]}: ${reason}` };
  }
  const where = `${method} ${pathAndQuery.split('?')[0]} → HTTP ${res.status}`;
  const v = verifyAnswer(
    { timestamp: res.headers.get('wechatpay-timestamp'), nonce: res.headers.get('wechatpay-nonce'), signature: res.headers.get('wechatpay-signature'), serial: res.headers.get('wechatpay-serial') },
    raw, o.keys, o.now(),
  );
  if (!v.ok) return { kind: 'untrusted', status: res.status, reason: `${where}: ${v.reason}`, signature: true, text: raw.slice(0, 300) };
  const parsed = raw === '' ? {} : parseJson(raw);
  if (parsed === undefined) return { kind: 'untrusted', status: res.status, reason: `${where}: the body is not JSON`, signature: false, text: raw.slice(0, 300) };
  return { kind: 'answer', status: res.status, body: parsed, text: raw };
}
