// Reads a gateway.do request the way alipay-sdk sends it: common parameters in the URL query,
// biz_content and the rest in an application/x-www-form-urlencoded body. Both are merged.
import type { IncomingMessage } from 'node:http';

/** Far above any real request (biz_content is a few hundred bytes); stops a runaway client. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; params: Map<string, string> } | { ok: false; status: number; why: string };

export async function readGatewayParams(req: IncomingMessage): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_REQUEST_BYTES) return { ok: false, status: 413, why: 'request body too large' };
    chunks.push(chunk);
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params = new Map(url.searchParams);
  const body = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (body !== '') {
    if (type !== '' && !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return { ok: false, status: 415, why: `expected an application/x-www-form-urlencoded body, got ${type}` };
    }
    for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  }
  return { ok: true, params };
}

/** For the request log: the out_trade_no a request is about, when it names one. */
export function outTradeNoOf(params: ReadonlyMap<string, string>): string | undefined {
  return bizField(params, 'out_trade_no');
}

/** For the request log: the out_biz_no of a transfer or transfer query. */
export function outBizNoOf(params: ReadonlyMap<string, string>): string | undefined {
  return bizField(params, 'out_biz_no');
}

/** For the request log: the request's biz_content as sent (tests check which fields arrived). */
export function bizOf(params: ReadonlyMap<string, string>): Record<string, unknown> | undefined {
  try {
    const biz: unknown = JSON.parse(params.get('biz_content') ?? '');
    return biz !== null && typeof biz === 'object' && !Array.isArray(biz) ? (biz as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function bizField(params: ReadonlyMap<string, string>, key: string): string | undefined {
  try {
    const biz: unknown = JSON.parse(params.get('biz_content') ?? '');
    const v = biz !== null && typeof biz === 'object' ? (biz as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
