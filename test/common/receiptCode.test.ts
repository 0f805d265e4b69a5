import { describe, expect, it } from 'vitest';
import { orderNumberFromScan } from '../../app/common/receipt/receiptCode.ts';

describe('a receipt QR scanned on F2', () => {
  it('is the out_trade_no the receipt carries, and nothing else is taken for one', () => {
    expect(orderNumberFromScan('TR20261201143005123456')).toBe('TR20261201143005123456');
    expect(orderNumberFromScan(' P20261201143005000001\n')).toBe('P20261201143005000001');
    expect(orderNumberFromScan('287654321012345600')).toBeNull();
    expect(orderNumberFromScan('5600')).toBeNull();
    expect(orderNumberFromScan('12.34')).toBeNull();
    expect(orderNumberFromScan('TR2026 OR 1=1')).toBeNull();
  });
});
