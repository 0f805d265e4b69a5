// alipay-sdk's `exec` returns only the inner answer object; in certificate mode the serial of the
// Alipay certificate that signed the answer (`alipay_cert_sn`) sits beside it in the body, and
// `exec` never checks it (qr-bills-transfers.md §4). The till checks it itself, so it needs the raw
// body: every request through the shared `urllib` object that carries an `alipay-request-id` the
// till registered hands its body to that registration (the SDK sends `traceId` as that header).
import urllib from 'urllib';

const MARK = Symbol.for('till.urllib.answerTap');
type Patchable = typeof urllib & { [MARK]?: true };
const waiting = new Map<string, (body: string) => void>();

function install(): void {
  const u = urllib as Patchable;
  if (u[MARK]) return;
  const original = u.request;
  u.request = (async (url: Parameters<typeof original>[0], options?: Parameters<typeof original>[1]) => {
    const res = await original(url, options);
    const headers = (options?.headers ?? {}) as Record<string, unknown>;
    const id = headers['alipay-request-id'];
    if (typeof id === 'string') waiting.get(id)?.(typeof res.data === 'string' ? res.data : Buffer.isBuffer(res.data) ? res.data.toString('utf8') : '');
    return res;
  }) as typeof original;
  u[MARK] = true;
}

/** Runs `call` with `traceId` registered; returns its result and the raw answer body, if one came. */
export async function withRawAnswer<T>(traceId: string, call: () => Promise<T>): Promise<{ result: T; body: string | undefined }> {
  install();
  let body: string | undefined;
  waiting.set(traceId, (b) => (body = b));
  try {
    const result = await call();
    return { result, body };
  } finally {
    waiting.delete(traceId);
  }
}

/** The top-level `alipay_cert_sn` of an answer body; undefined when absent or unreadable. */
export function answerCertSn(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const v = (JSON.parse(body) as Record<string, unknown>).alipay_cert_sn;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
