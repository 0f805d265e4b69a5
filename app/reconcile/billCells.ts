// Reading the cells of a bill exactly: a yuan amount is split into digits, never parsed as a float
// (design.md "Money"), and anything that is not an amount refuses the whole bill.
import { PosError } from '../common/errors.ts';

/** A BILL_INVALID refusal naming the file line; nothing is matched from a bill that fails. */
export function badBill(provider: string, why: string, whyZh: string, details: Record<string, unknown> = {}): PosError {
  return new PosError('BILL_INVALID', `${provider} bill: ${why}`, { detailZh: `${provider === 'alipay' ? '支付宝' : '微信支付'}账单：${whyZh}`, details: { provider, ...details } });
}

const AMOUNT = /^([+-]?)(\d{1,12})(?:\.(\d{1,5}))?$/;

/**
 * "12.34", "-0.50", "0.00006" as an integer count of 10^-decimals yuan: decimals 2 gives fen,
 * 5 gives thousandths of a fen. More decimals than asked for is not an amount of that kind.
 */
export function yuanUnits(text: string, decimals: 2 | 5): number | undefined {
  // Most cells of a bill are zero: skip the pattern for them (a 100,000-line bill has ~800,000 amount cells).
  if (text === '0.00') return 0;
  const m = AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > decimals) return undefined;
  const v = Number(m[2]) * 10 ** decimals + Number(frac.padEnd(decimals, '0'));
  return m[1] === '-' ? -v : v;
}

export const FEN_TO_MILLI = 1000;

/** Rounds thousandths of a fen to fen, half away from zero, as providers round a day's fee. */
export function milliToFen(milli: number): number {
  const sign = milli < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(milli) + 500) / 1000);
}

/** A bill sometimes arrives as a web page (an expired link, a login wall): never parse it as data. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<?xml') || head.startsWith('<');
}
