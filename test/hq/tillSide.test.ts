// TRY item 14: the chain reconcile's by-till row showed the bill's sum as if it were the till's
// (paid 2 ¥18.34 where the till took 17.34). The till's own side is the bill's share corrected by
// that till's differences, and each printed row says whose figures it holds.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { tillSide } from '../../app/hq/hqReconcile.ts';
import { tillRow } from '../../cli/commands/hqReconcile.ts';

const t = (count: number, amountFen: number) => ({ count, amountFen });

describe('tillSide', () => {
  it('an amount that differs counts at the till\'s amount (the …12 line billed 1.00 high)', () => {
    const bill = { payments: t(2, 1834), refunds: t(0, 0) };
    const side = tillSide(bill, [{ kind: 'amount-differs', what: 'payment', billAmountFen: 600, tillAmountFen: 500 }]);
    expect(side).toEqual({ payments: t(2, 1734), refunds: t(0, 0) });
    expect(bill.payments).toEqual(t(2, 1834));
  });

  it('a bill line the till does not hold comes off, a record the bill lacks goes on, a second bill copy comes off; refunds alike', () => {
    const side = tillSide({ payments: t(3, 3000), refunds: t(1, 200) }, [
      { kind: 'in-bill-not-in-till', what: 'payment', billAmountFen: 1000, tillAmountFen: null },
      { kind: 'twice-in-bill', what: 'payment', billAmountFen: 500, tillAmountFen: null },
      { kind: 'in-till-not-in-bill', what: 'payment', billAmountFen: null, tillAmountFen: 700 },
      { kind: 'in-till-not-in-bill', what: 'refund', billAmountFen: null, tillAmountFen: 100 },
      { kind: 'ambiguous', what: 'payment', billAmountFen: 900, tillAmountFen: null },
    ]);
    expect(side).toEqual({ payments: t(2, 2200), refunds: t(2, 300) });
  });
});

describe('the by-till row', () => {
  it('says whose figures it holds: 账单 bill or 收银台 till', () => {
    const bill = tillRow('S01-T01:training', 'S01', '账单 bill', { payments: t(2, 1834), refunds: t(0, 0) });
    const till = tillRow('', '', '收银台 till', { payments: t(2, 1734), refunds: t(0, 0) });
    expect(bill).toMatch(/S01-T01:training +S01 +账单 bill +paid +2 ¥ +18\.34/);
    expect(till).toMatch(/^ +收银台 till +paid +2 ¥ +17\.34/);
    // The two sides line up under each other.
    const column = (row: string) => displayWidth(row.slice(0, row.indexOf(' paid')));
    expect(column(till)).toBe(column(bill));
  });
});
