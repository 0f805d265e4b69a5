// The amount as the cashier types it, before it is a number: "12.3" is a valid moment of typing
// that parseYuan would accept only once confirmed. Keys that would make it unparseable are refused
// here, so the screen never shows an amount the core would turn down for its shape.
import { PosError, type ErrorData } from '../../app/common/errors.ts';
import { parseYuan, type Fen } from '../../app/common/money.ts';

/** parseYuan takes at most 9 integer digits and 2 decimals. */
const MAX_INTEGER_DIGITS = 9;
const MAX_DECIMALS = 2;

export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'Backspace' | 'Clear';

export const AMOUNT_KEYS: ReadonlySet<string> = new Set<AmountKey>(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '.', 'Backspace', 'Clear']);

export function isAmountKey(key: string): key is AmountKey {
  return AMOUNT_KEYS.has(key);
}

function typeDigit(text: string, digit: string): string {
  const dot = text.indexOf('.');
  if (dot >= 0) return text.length - dot - 1 >= MAX_DECIMALS ? text : text + digit;
  if (text === '0') return digit;
  if (text.length >= MAX_INTEGER_DIGITS) return text;
  return text + digit;
}

export function typeAmountKey(text: string, key: AmountKey): string {
  switch (key) {
    case 'Backspace':
      return text.slice(0, -1);
    case 'Clear':
      return '';
    case '.':
      if (text.includes('.')) return text;
      return text === '' ? '0.' : `${text}.`;
    case '00':
      return typeDigit(typeDigit(text, '0'), '0');
    default:
      return typeDigit(text, key);
  }
}

/** The same validation as the core (money.ts), as data for the screen. */
export function checkAmount(text: string): { ok: true; fen: Fen } | { ok: false; error: ErrorData } {
  try {
    // "12." is a cashier who stopped typing, not a malformed amount.
    return { ok: true, fen: parseYuan(text.endsWith('.') ? text.slice(0, -1) : text) };
  } catch (e) {
    if (e instanceof PosError) return { ok: false, error: e.toData() };
    throw e;
  }
}
