// Identifiers and times shaped like Alipay's, so receipts, journals and screens in training mode
// look exactly like live ones. Times are Beijing time (UTC+8) whatever the machine's zone.
import { createHash } from 'node:crypto';

const BEIJING_OFFSET_MS = 8 * 3600_000;

function beijingParts(ms: number): [string, string, string, string, string, string] {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  return [p(d.getUTCFullYear(), 4), p(d.getUTCMonth() + 1), p(d.getUTCDate()), p(d.getUTCHours()), p(d.getUTCMinutes()), p(d.getUTCSeconds())];
}

/** "2026-11-22 08:15:03", the format of gmt_payment, send_pay_date and gmt_refund_pay. */
export function beijingDateTime(ms: number): string {
  const [y, mo, d, h, mi, s] = beijingParts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** 28 digits like Alipay's: the Beijing date, a fixed channel part, then the store's sequence. */
export function tradeNoFor(sequence: number, createdAtMs: number): string {
  const [y, mo, d] = beijingParts(createdAtMs);
  return `${y}${mo}${d}220014${String(sequence).padStart(14, '0')}`;
}

export type Buyer = { buyerUserId: string; buyerLogonId: string };

/** The same paying customer for the same code (or QR trade), so repeated answers agree. */
export function buyerFor(seed: string): Buyer {
  const digits = BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`).toString().padStart(20, '0');
  // A mobile number's second digit is 3–9; the logon id is masked as Alipay masks it: 159****5620.
  const second = String(3 + (Number(digits[12]) % 7));
  return { buyerUserId: `2088${digits.slice(0, 12)}`, buyerLogonId: `1${second}${digits[13]}****${digits.slice(14, 18)}` };
}
