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
