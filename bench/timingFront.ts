// A loopback server in front of a training gateway that notes when each request arrives, then
// passes the request and the signed answer through unchanged. The scan→request figures (Alipay,
// WeChat, with and without a head-office syncer) all time "code received → request here".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type TimingFront = { url: string; arrivedAt(): number; close(): void };

/** Headers a WeChat v3 request and answer need through the front; Alipay's only need content-type. */
const REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'wechatpay-serial'];

export async function startTimingFront(targetUrl: string): Promise<TimingFront> {
  let arrivedAt = 0;
  const front = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const h of REQUEST_HEADERS) if (req.headers[h]) headers[h] = String(req.headers[h]);
      const r = await fetch(`${targetUrl}${req.url}`, { method: req.method, headers, ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}) });
      const back: Record<string, string> = {};
      r.headers.forEach((v, k) => { if (k.startsWith('wechatpay-') || k === 'content-type') back[k] = v; });
      res.writeHead(r.status, back);
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const port = (front.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, arrivedAt: () => arrivedAt, close: () => front.close() };
}

/** The p-th percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
