// Issue 12: the sale's undiscountable part and the cashier id, checked before anything is sent.
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import type { Fen } from '../../app/common/money.ts';
import { checkCashierId, splitAmount } from '../../app/common/payment/amountParts.ts';

const fen = (n: number) => n as Fen;

function refusal(f: () => unknown): ReturnType<PosError['toData']> {
  try {
    f();
  } catch (e) {
    if (e instanceof PosError) return e.toData();
    throw e;
  }
  throw new Error('not refused');
}

describe('splitAmount', () => {
  it('splits by yuan string or fen; absent, empty and zero mean the whole sale is discountable', () => {
    expect(splitAmount(fen(1200), '10.00')).toEqual({ undiscountableFen: 1000, discountableFen: 200 });
    expect(splitAmount(fen(1200), '10.5')).toEqual({ undiscountableFen: 1050, discountableFen: 150 });
    expect(splitAmount(fen(1200), 1000)).toEqual({ undiscountableFen: 1000, discountableFen: 200 });
    expect(splitAmount(fen(1200), '12.00')).toEqual({ undiscountableFen: 1200, discountableFen: 0 });
    for (const none of [undefined, null, '', 0, '0', '0.00']) expect(splitAmount(fen(1200), none)).toEqual({ undiscountableFen: 0, discountableFen: 1200 });
  });

  it('refuses more than the total, in both languages, naming both amounts', () => {
    const e = refusal(() => splitAmount(fen(1200), '12.01'));
    expect(e.code).toBe('INVALID_AMOUNT');
    expect(e.message).toContain('more than the sale\'s total (12.00)');
    expect(e.messageZh).toContain('不参与优惠金额（12.01）不能大于订单金额（12.00）');
    expect(e.details).toMatchObject({ field: 'undiscountable', undiscountableFen: 1201, totalFen: 1200 });
  });

  it('refuses what is not whole fen or not an amount, saying which field', () => {
    for (const bad of ['1.001', 'abc', '-1', '1e3', '１０', 10.5, -3]) {
      const e = refusal(() => splitAmount(fen(100000), bad));
      expect(e.code).toBe('INVALID_AMOUNT');
      expect(e.message).toMatch(/not eligible for promotions/);
      expect(e.messageZh).toMatch(/^金额无效：不参与优惠金额：/);
      expect(e.details).toMatchObject({ field: 'undiscountable' });
    }
  });
});

describe('checkCashierId', () => {
  it('takes 1–28 letters, digits, _ . - (Alipay operator_id is at most 28), trimmed', () => {
    expect(checkCashierId(' C007 ')).toBe('C007');
    expect(checkCashierId('a'.repeat(28))).toBe('a'.repeat(28));
  });

  it('refuses anything else in both languages', () => {
    for (const bad of ['', 'has space', 'a'.repeat(29), '张三', 'x;y']) {
      const e = refusal(() => checkCashierId(bad));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.messageZh).toContain('收银员编号');
    }
  });
});
