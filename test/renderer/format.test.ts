import { describe, expect, it } from 'vitest';
import { clockTime, elapsedSeconds, maskBuyer } from '../../renderer/format/display.ts';

describe('maskBuyer', () => {
  it('keeps what Alipay already masked', () => {
    expect(maskBuyer('159****5620')).toBe('159****5620');
    expect(maskBuyer('abc***@x.com')).toBe('abc***@x.com');
  });

  it('masks whatever arrives unmasked', () => {
    expect(maskBuyer('15912345620')).toBe('159****5620');
    expect(maskBuyer('someone@example.com')).toBe('som***@example.com');
    expect(maskBuyer('2088102146225135')).toBe('20******35');
    expect(maskBuyer('abc')).toBe('a***');
    expect(maskBuyer(null)).toBeNull();
  });
});

describe('times', () => {
  it('are China Standard Time whatever the machine keeps', () => {
    expect(clockTime(Date.UTC(2026, 10, 22, 2, 15, 7))).toBe('10:15:07');
  });

  it('count whole seconds and never backwards', () => {
    expect(elapsedSeconds(10_999, 1_000)).toBe(9);
    expect(elapsedSeconds(0, 5_000)).toBe(0);
  });
});

describe('amounts with thousands separators (issue 9 item 10)', () => {
  it('groups the whole yuan, as typed and as fen', async () => {
    const { groupDigits, yuan } = await import('../../renderer/format/display.ts');
    expect(groupDigits('12345.6')).toBe('12,345.6');
    expect(groupDigits('100000000')).toBe('100,000,000');
    expect(groupDigits('999.99')).toBe('999.99');
    expect(groupDigits('')).toBe('');
    expect(yuan(1234560)).toBe('¥12,345.60');
    expect(yuan(-150000)).toBe('-¥1,500.00');
  });

  it('says 已退款 / 部分退款 for refunded sales and 进行中 for one still running (items 7 and 9)', async () => {
    const { statusLabel } = await import('../../renderer/sale/paymentStatus.ts');
    const { payment } = await import('./payments.ts');
    expect(statusLabel(payment('SUCCESS', { amountFen: 1000, refundedFen: 1000 }))).toBe('REFUNDED');
    expect(statusLabel(payment('SUCCESS', { amountFen: 1000, refundedFen: 1 }))).toBe('PARTLY_REFUNDED');
    expect(statusLabel(payment('SUCCESS', { amountFen: 1000, refundedFen: 0 }))).toBe('SUCCESS');
    expect(statusLabel(payment('WAITING'))).toBe('IN_FLIGHT');
    expect(statusLabel(payment('CANCELLING'))).toBe('CANCELLING');
    expect(statusLabel(payment('UNKNOWN'))).toBe('UNKNOWN');
  });
});
