// Receipt times (TRY item 5): WeChat's success_time is RFC 3339, Alipay's gmt_payment is already
// "yyyy-MM-dd HH:mm:ss" in Shanghai; the slip prints both the same way, in Shanghai time.
import { describe, expect, it } from 'vitest';
import { formatReceiptTime } from '../../app/common/receipt/time.ts';

describe('formatReceiptTime', () => {
  it('prints an RFC 3339 time (any offset, Z, fractions) in Shanghai as yyyy-MM-dd HH:mm:ss', () => {
    expect(formatReceiptTime('2026-12-02T10:32:01+08:00')).toBe('2026-12-02 10:32:01');
    expect(formatReceiptTime('2026-12-02T02:32:01Z')).toBe('2026-12-02 10:32:01');
    expect(formatReceiptTime('2026-12-01T20:32:01.250-06:00')).toBe('2026-12-02 10:32:01');
  });

  it("keeps Alipay's already formatted time and any other text as it is", () => {
    expect(formatReceiptTime('2026-12-02 10:32:22')).toBe('2026-12-02 10:32:22');
    expect(formatReceiptTime('not a time')).toBe('not a time');
  });

  it('epoch milliseconds as before', () => {
    expect(formatReceiptTime(Date.parse('2026-12-02T02:32:01Z'))).toBe('2026-12-02 10:32:01');
  });
});
