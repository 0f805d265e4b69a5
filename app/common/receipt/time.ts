// Receipts show China Standard Time whatever zone the machine is set to. UTC+8 has had no
// daylight saving since 1991, so a fixed offset is exact and needs no Intl time-zone data.
import type { ReceiptTime } from './model.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** "2026-11-21 14:03:05" in Shanghai; a string is taken as already formatted. */
export function formatReceiptTime(time: ReceiptTime): string {
  if (typeof time === 'string') return time;
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${time}`);
  const d = new Date(time + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
