// How the screen writes things the core hands over as data.
import { formatYuan } from '../../app/common/money.ts';
import { shanghaiDateTime } from '../../app/common/time.ts';

/**
 * A buyer's account as it may be shown: Alipay already masks buyer_logon_id (159****5620,
 * abc***@x.com); anything that arrives unmasked is masked here, so a full account never reaches
 * the screen or a photo of it.
 */
export function maskBuyer(buyer: string | null): string | null {
  if (buyer === null || buyer === '') return null;
  if (buyer.includes('*')) return buyer;
  const at = buyer.indexOf('@');
  if (at > 0) return `${buyer.slice(0, Math.min(3, at - 1) || 1)}***${buyer.slice(at)}`;
  if (/^\d{11}$/.test(buyer)) return `${buyer.slice(0, 3)}****${buyer.slice(7)}`;
  if (buyer.length <= 4) return `${buyer.charAt(0)}***`;
  return `${buyer.slice(0, 2)}${'*'.repeat(Math.min(buyer.length - 4, 6))}${buyer.slice(-2)}`;
}

/** "14:03:05" in China Standard Time, whatever zone the machine keeps. */
export function clockTime(ms: number): string {
  return shanghaiDateTime(ms).slice(11);
}

export function dateTime(ms: number): string {
  return shanghaiDateTime(ms);
}

/** Whole seconds since `sinceMs`, never negative (the clocks of two machines may disagree). */
export function elapsedSeconds(nowMs: number, sinceMs: number): number {
  return Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
}

/** Thousands separators in the whole yuan: "12345.6" → "12,345.6" (issue 9 item 10). */
export function groupDigits(text: string): string {
  const sign = text.startsWith('-') ? '-' : '';
  const [whole = '', ...rest] = text.slice(sign.length).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (rest.length ? `.${rest.join('.')}` : '');
}

/** An amount as the cashier reads it: ¥12,345.60 (formatYuan keeps the plain form for receipts and files). */
export function yuan(fen: number): string {
  return groupDigits(formatYuan(fen)).replace(/^(-?)¥?/, (_, sign: string) => `${sign}¥`);
}
