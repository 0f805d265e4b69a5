// The promotions section is refused with the promotion and field named, in both languages, and
// the matcher picks one promotion per sale.
import { describe, expect, it } from 'vitest';
import { parsePromotions, type PromotionConfig } from '../../app/cashback/promotions.ts';
import { matchPromotion } from '../../app/cashback/rules.ts';
import type { PosError } from '../../app/common/errors.ts';

const base: PromotionConfig = { id: 'spring', minSpend: '50.00', amount: '2.00', dailyBudget: '200.00', title: '感谢光临' };

function refusal(p: Partial<PromotionConfig>, more: PromotionConfig[] = []): PosError {
  try {
    parsePromotions([{ ...base, ...p }, ...more]);
  } catch (e) {
    return e as PosError;
  }
  throw new Error('accepted');
}

describe('promotions config', () => {
  it('reads amounts as fen and Shanghai days as instants (until is inclusive)', () => {
    const [p] = parsePromotions([{ ...base, from: '2026-03-01', until: '2026-03-31' }]);
    expect(p).toMatchObject({ minSpendFen: 5000, amountFen: 200, dailyBudgetFen: 20000 });
    expect(p!.fromMs).toBe(Date.parse('2026-02-28T16:00:00Z'));
    expect(p!.untilMs).toBe(Date.parse('2026-03-31T16:00:00Z'));
  });

  it.each([
    [{ amount: '2.001' }, /amount/, /小数超过两位/],
    [{ amount: '0' }, /amount/, /至少为 0\.01/],
    [{ amount: '250.00', minSpend: '1000.00', dailyBudget: '1000.00' }, /more than the till allows per red packet/, /超过单个红包上限/],
    [{ amount: '60.00' }, /must be less than the spend that earns it/, /必须小于满额条件/],
    [{ dailyBudget: '1.00' }, /daily budget \(¥1\.00\) is less than one red packet/, /每日预算（¥1\.00）少于一个红包/],
    [{ from: '2026-04-01', until: '2026-03-01' }, /ends \(2026-03-01\) before it starts/, /结束时间/],
    [{ from: '2026-02-30' }, /is not a date like 2026-03-01/, /不是形如 2026-03-01 的日期/],
    [{ until: 'next week' }, /is not a date/, /不是形如/],
  ] as const)('refuses %j', (p, en, zh) => {
    const e = refusal(p);
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toMatch(/promotions\[0\] \(spring\)/);
    expect(e.message).toMatch(en);
    expect(e.toData().messageZh).toMatch(zh);
  });

  it('refuses the same id twice', () => {
    expect(refusal({}, [{ ...base }]).message).toMatch(/promotions\[1\] \(spring\)\.id: the id "spring" is used twice/);
  });
});

describe('matchPromotion', () => {
  const ps = parsePromotions([
    { ...base, id: 'fifty' },
    { ...base, id: 'hundred', minSpend: '100.00', amount: '5.00' },
    { ...base, id: 'march', minSpend: '10.00', amount: '1.00', from: '2026-03-01', until: '2026-03-31' },
  ]);
  const at = Date.parse('2026-06-01T12:00:00+08:00');

  it('picks the highest threshold the sale reaches, once', () => {
    expect(matchPromotion(ps, { amountFen: 12000, paidAtMs: at })?.id).toBe('hundred');
    expect(matchPromotion(ps, { amountFen: 5000, paidAtMs: at })?.id).toBe('fifty');
    expect(matchPromotion(ps, { amountFen: 4999, paidAtMs: at })).toBeUndefined();
  });

  it('counts only promotions running when the sale was paid (Shanghai days)', () => {
    expect(matchPromotion(ps, { amountFen: 2000, paidAtMs: Date.parse('2026-03-31T23:59:00+08:00') })?.id).toBe('march');
    expect(matchPromotion(ps, { amountFen: 2000, paidAtMs: Date.parse('2026-04-01T00:00:00+08:00') })).toBeUndefined();
    expect(matchPromotion(ps, { amountFen: 2000, paidAtMs: Date.parse('2026-02-28T23:59:59+08:00') })).toBeUndefined();
  });
});

describe('promotionViews (the settings screen)', () => {
  it('shows yuan and Shanghai times, until as its last second', async () => {
    const { promotionViews } = await import('../../app/cashback/promotions.ts');
    expect(promotionViews(parsePromotions([{ ...base, from: '2026-03-01', until: '2026-03-31' }]))).toEqual([
      { id: 'spring', title: '感谢光临', minSpend: '50.00', amount: '2.00', dailyBudget: '200.00', from: '2026-03-01 00:00:00', until: '2026-03-31 23:59:59' },
    ]);
  });
});
