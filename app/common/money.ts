// Money is an integer number of fen (design.md "Contracts"). Yuan strings exist only at the gateway
// edge and on screen; "12.34" is parsed by splitting the string, never by parseFloat * 100
// (field-notes.md item 5: 0.1 + 0.2).
import { PosError } from './errors.ts';

export type Fen = number & { readonly __brand: 'Fen' };
/** A yuan amount as the gateway writes it: "12.34". */
export type YuanString = string & { readonly __brand: 'YuanString' };

export const MIN_AMOUNT_FEN = 1 as Fen;
/** 100,000,000.00 yuan, Alipay's ceiling for one trade. */
export const MAX_AMOUNT_FEN = 10_000_000_000 as Fen;

const YUAN_PATTERN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * A payment code scanned or typed into the amount field must not be echoed in full (issue 8 item
 * 10): a run of 10 or more digits is shown as its last four only, in the message and in details.
 */
export function maskCodeLike(input: string): string {
  return input.replace(/\d{10,}/g, (run) => `${'*'.repeat(run.length - 4)}${run.slice(-4)}`);
}

function invalid(input: string, why: string, whyZh: string): PosError {
  const shown = maskCodeLike(input);
  const code = shown !== input ? { looksLikeCode: true } : {};
  const hint = shown !== input ? ' (this looks like a payment code: scan it after Enter, not into the amount)' : '';
  const hintZh = shown !== input ? '（这像是付款码：请先输入金额按回车，再扫码）' : '';
  return new PosError('INVALID_AMOUNT', `"${shown}" ${why}${hint}`, { detailZh: `“${shown}”${whyZh}${hintZh}`, details: { input: shown, ...code } });
}

/** Parses what a cashier or a config typed ("12", "12.3", "12.34") into fen, refusing anything else. */
export function parseYuan(input: string): Fen {
  const text = input.trim();
  if (text === '') throw invalid(input, 'is empty', '为空');
  if (/[０-９．]/.test(text)) throw invalid(input, 'uses full-width digits; type half-width digits', '含全角数字，请使用半角数字');
  if (text.startsWith('-')) throw invalid(input, 'is negative', '为负数');
  if (/e/i.test(text)) throw invalid(input, 'uses exponent notation', '不能使用科学计数法');
  const m = YUAN_PATTERN.exec(text);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) throw invalid(input, 'has more than two decimals (the smallest unit is 0.01 yuan)', '小数超过两位（最小单位为 0.01 元）');
    throw invalid(input, 'is not an amount like 12.34', '不是形如 12.34 的金额');
  }
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return checkFen(fen, input);
}

/** Guards a number that claims to be fen (from IPC, a config or the journal). */
export function checkFen(fen: number, input: string = String(fen)): Fen {
  if (!Number.isSafeInteger(fen)) throw invalid(input, 'is not a whole number of fen', '不是整数分');
  if (fen < MIN_AMOUNT_FEN) throw invalid(input, 'must be at least 0.01 yuan', '必须至少为 0.01 元');
  if (fen > MAX_AMOUNT_FEN) throw invalid(input, 'must be at most 100000000.00 yuan', '不能超过 100000000.00 元');
  return fen as Fen;
}

/** fen → "12.34", the gateway's wire format. */
export function fenToYuan(fen: number): YuanString {
  if (!Number.isSafeInteger(fen)) throw new PosError('INVALID_AMOUNT', `${fen} is not a whole number of fen`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as YuanString;
}

/** Reads a gateway's yuan string ("12.34", "12.3", "12") back into fen; zero allowed (refunds left). */
export function yuanToFen(text: string): number {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new PosError('INVALID_AMOUNT', `"${text}" is not a yuan amount`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** For the screen and receipts: "¥12.34" (negative as "-¥12.34"). */
export function formatYuan(fen: number): string {
  const y = fenToYuan(fen);
  return y.startsWith('-') ? `-¥${y.slice(1)}` : `¥${y}`;
}
