// The period's takings by cashier (issue 12), on a real SQLite file: paid payments by the cashier
// who took them (attempts.cashier), settled refunds by the one who made them (refunds.cashier,
// migration 12); the Z keeps them as they were, and the next period starts empty.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewAttempt } from '../../app/journal/JournalStore.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { tempDir } from '../helpers/tempDir.ts';

const T0 = Date.parse('2026-11-22T10:00:00+08:00');

function paid(j: SqliteJournal, n: number, fen: number, cashier: string | null, ok = true): string {
  const a: NewAttempt = { outTradeNo: `P${n}`, provider: 'alipay', amountFen: fen, subject: 's', codeHash: 'h', codeLast4: '1234', training: false, createdAt: T0 + n, cashier };
  j.createAttempt(a);
  const s = j.recordTransition(a.outTradeNo, 'CREATED', { type: 'sent' }, {}, T0 + n);
  j.recordTransition(a.outTradeNo, s.state, { type: ok ? 'paid' : 'declined' }, ok ? { tradeNo: `T${n}` } : { errorCode: 'PAYMENT_DECLINED' }, T0 + n);
  return a.outTradeNo;
}

function refund(j: SqliteJournal, no: string, fen: number, cashier: string | undefined, state: 'SUCCESS' | 'FAILED' = 'SUCCESS'): void {
  const r = j.createRefund({ outRequestNo: (k) => `${no}-R${k}`, outTradeNo: no, amountFen: fen, createdAt: T0 + 100, ...(cashier ? { cashier } : {}) });
  j.updateRefund(r.outRequestNo, state, {}, T0 + 101);
}

describe('periodReport().cashiers', () => {
  it('counts paid payments by who took them and settled refunds by who made them; declined payments and failed refunds are not counted', () => {
    const j = new SqliteJournal(join(tempDir(), 'j.db'));
    const a = paid(j, 1, 1000, 'C001');
    paid(j, 2, 2000, 'C001');
    paid(j, 3, 700, 'C002');
    paid(j, 4, 500, 'C002', false);
    paid(j, 5, 100, null);
    refund(j, a, 300, 'C002');
    refund(j, a, 200, 'C002', 'FAILED');
    refund(j, a, 100, undefined);
    expect(j.refundsFor(a).map((r) => r.cashier)).toEqual(['C002', 'C002', null]);
    expect(j.periodReport(false).cashiers).toEqual([
      { cashier: 'C001', paid: { count: 2, amountFen: 3000 }, refunds: { count: 0, amountFen: 0 } },
      { cashier: 'C002', paid: { count: 1, amountFen: 700 }, refunds: { count: 1, amountFen: 300 } },
      { cashier: null, paid: { count: 1, amountFen: 100 }, refunds: { count: 1, amountFen: 100 } },
    ]);
    const z = j.closeDay('2026-11-22', false, T0 + 200);
    expect(z.report.cashiers).toHaveLength(3);
    // The reprint shows the close as it was; the new period has nobody yet.
    paid(j, 6, 900, 'C003');
    expect(j.closeDay('2026-11-22', false, T0 + 300).report.cashiers).toEqual(z.report.cashiers);
    expect(j.periodReport(false).cashiers).toEqual([{ cashier: 'C003', paid: { count: 1, amountFen: 900 }, refunds: { count: 0, amountFen: 0 } }]);
    j.close();
  });
});
