import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { fenToYuan, formatYuan, parseYuan, yuanToFen } from '../../app/common/money.ts';

function refusal(input: string): PosError {
  try {
    parseYuan(input);
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error(`"${input}" was accepted`);
}

describe('parseYuan', () => {
  it.each([
    ['12.34', 1234], ['12.3', 1230], ['12', 1200], ['0.01', 1], ['0.10', 10], ['100000000.00', 10_000_000_000], [' 7.5 ', 750],
    ['0.29', 29], ['1.15', 115], ['4.35', 435], // each of these is off by one fen through parseFloat * 100
  ])('reads %s as %i fen by splitting the string', (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it('differs from float arithmetic where float is wrong', () => {
    expect(Math.trunc(parseFloat('4.35') * 100)).toBe(434);
    expect(parseYuan('4.35')).toBe(435);
  });

  it.each([
    ['0', /at least 0.01/], ['0.00', /at least 0.01/], ['0.001', /more than two decimals/], ['-1', /negative/], ['abc', /not an amount/],
    ['1e3', /exponent/], ['１２', /full-width/], ['', /empty/], ['100000000.01', /at most 100000000.00/], ['12.', /not an amount/], ['.5', /not an amount/], ['1,000', /not an amount/],
  ])('refuses %j with a reason', (input, reason) => {
    const e = refusal(input);
    expect(e.code).toBe('INVALID_AMOUNT');
    expect(e.message).toMatch(reason);
    expect(e.toData().messageZh).toMatch(/金额无效/);
  });
});

describe('fenToYuan / yuanToFen / formatYuan', () => {
  it('round-trips every fen value in a range', () => {
    for (let f = 0; f < 20_000; f += 7) expect(yuanToFen(fenToYuan(f))).toBe(f);
  });
  it('writes the gateway format', () => {
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(10_000_000_000)).toBe('100000000.00');
    expect(formatYuan(1234)).toBe('¥12.34');
    expect(formatYuan(-50)).toBe('-¥0.50');
  });
  it('refuses a fractional fen', () => {
    expect(() => fenToYuan(1.5)).toThrow(PosError);
  });
});
