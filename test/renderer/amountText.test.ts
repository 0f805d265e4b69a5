import { describe, expect, it } from 'vitest';
import { checkAmount, typeAmountKey, type AmountKey } from '../../renderer/sale/amountText.ts';

function typed(keys: AmountKey[]): string {
  return keys.reduce(typeAmountKey, '');
}

describe('typeAmountKey', () => {
  it('types an amount the way a cashier does', () => {
    expect(typed(['1', '2', '.', '3', '4'])).toBe('12.34');
    expect(typed(['.', '5'])).toBe('0.5');
    expect(typed(['2', '00'])).toBe('200');
  });

  it('refuses keys that would make an amount the core turns down for its shape', () => {
    expect(typed(['1', '.', '2', '3', '4'])).toBe('1.23');
    expect(typed(['1', '.', '.', '5'])).toBe('1.5');
    expect(typed(['0', '0', '7'])).toBe('7');
    expect(typed(Array<AmountKey>(12).fill('9'))).toBe('999999999');
  });

  it('backspaces and clears', () => {
    expect(typeAmountKey('12.3', 'Backspace')).toBe('12.');
    expect(typeAmountKey('', 'Backspace')).toBe('');
    expect(typeAmountKey('12.3', 'Clear')).toBe('');
  });
});

describe('checkAmount', () => {
  it('validates with the core rules and gives integer fen', () => {
    expect(checkAmount('12.34')).toEqual({ ok: true, fen: 1234 });
    expect(checkAmount('0.1')).toEqual({ ok: true, fen: 10 });
    expect(checkAmount('12.')).toEqual({ ok: true, fen: 1200 });
  });

  it('refuses with the core error, in both languages', () => {
    const zero = checkAmount('0');
    expect(zero.ok).toBe(false);
    if (!zero.ok) {
      expect(zero.error.code).toBe('INVALID_AMOUNT');
      expect(zero.error.messageZh).toContain('0.01');
    }
    expect(checkAmount('').ok).toBe(false);
  });
});
