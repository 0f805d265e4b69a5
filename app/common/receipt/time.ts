// Receipts show China Standard Time whatever zone the machine is set to. UTC+8 has had no
// daylight saving since 1991, so a fixed offset is exact and needs no Intl time-zone data.
import type { ReceiptTime } from './model.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

// WeChat's success_time is RFC 3339 ("2026-12-02T10:32:01+08:00"); Alipay's gmt_payment is already
// "2026-12-02 10:32:01" in Shanghai. Both print the same way on the slip.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** "2026-11-21 14:03:05" in Shanghai; an RFC 3339 string is converted, any other string is taken as already formatted. */
export function formatReceiptTime(time: ReceiptTime): string {
  if (typeof time === 'string') {
    const ms = RFC3339.test(time) ? Date.parse(time) : NaN;
    return Number.isFinite(ms) ? formatReceiptTime(ms) : time;
  }
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${time}`);
  const d = new Date(time + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
