// GET /billdownload: the bill file behind a bill_download_url. The link is signed by this gateway
// and dies 30 s after it was issued, as Alipay's does; a dead or forged link gets a web page, not a
// file, which is what a client that waits too long sees. `billFault` serves a bad file on purpose.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { gbkZip } from '../../reconcile/training/alipayBillFile.ts';
import { TRAINING_BILL_USER_ID, trainingBillZip } from './bill-file.ts';
import type { BillStore } from './bill-store.ts';

export const BILL_PATH = '/billdownload';
export const BILL_LINK_LIFETIME_MS = 30_000;

/** Bad bills the gateway can serve instead of the real one, for the till's refusal tests. */
export type BillFault = 'truncated-zip' | 'html-page' | 'unknown-columns' | 'summary-mismatch';

export type BillRoute = {
  link(origin: string, day: string, nowMs: number): string;
  serve(url: URL, res: ServerResponse, nowMs: number): void;
};

const EXPIRED_PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>支付宝</title></head><body><p>链接已失效，请重新获取账单下载地址 (the link has expired)</p></body></html>';

export function billRoute(store: () => BillStore, fault: BillFault | undefined): BillRoute {
  const secret = randomBytes(32);
  const sig = (day: string, expires: string) => createHmac('sha256', secret).update(`${day}|${expires}`).digest('hex');
  return {
    link(origin, day, nowMs) {
      const expires = String(nowMs + BILL_LINK_LIFETIME_MS);
      const q = new URLSearchParams({ bizType: 'trade', userId: TRAINING_BILL_USER_ID, fileType: 'csv.zip', bizDates: day.replaceAll('-', ''), day, expires, sig: sig(day, expires) });
      return `${origin}${BILL_PATH}?${q}`;
    },
    serve(url, res, nowMs) {
      const day = url.searchParams.get('day') ?? '';
      const expires = url.searchParams.get('expires') ?? '';
      const given = Buffer.from(url.searchParams.get('sig') ?? '', 'hex');
      const want = Buffer.from(sig(day, expires), 'hex');
      const valid = given.length === want.length && timingSafeEqual(given, want) && nowMs <= Number(expires);
      if (!valid || fault === 'html-page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(EXPIRED_PAGE);
        return;
      }
      let zip = Buffer.from(trainingBillZip(store(), day, nowMs));
      if (fault === 'truncated-zip') zip = zip.subarray(0, Math.floor(zip.length / 2));
      if (fault === 'unknown-columns' || fault === 'summary-mismatch') zip = Buffer.from(tamper(zip, fault));
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length, 'content-disposition': `attachment; filename="${day}.csv.zip"` });
      res.end(zip);
    },
  };
}

/** Rewrites the detail file inside the zip: renamed columns, or a summary that no longer adds up. */
function tamper(zip: Uint8Array, fault: 'unknown-columns' | 'summary-mismatch'): Uint8Array {
  const files = Object.entries(unzipSync(zip)).map(([n, bytes]) => {
    const name = iconv.decode(Buffer.from(n, 'latin1'), 'gbk');
    let text = iconv.decode(Buffer.from(bytes), 'gbk');
    if (name.endsWith('_业务明细.csv')) {
      text = fault === 'unknown-columns' ? text.replace('商户订单号', 'merchant_order_no') : text.replace(/#交易合计：(\d+)笔/, (_, n: string) => `#交易合计：${Number(n) + 1}笔`);
    }
    return { name, text };
  });
  return gbkZip(files);
}
