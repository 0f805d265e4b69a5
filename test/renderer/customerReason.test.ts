// issue 9 item 15: what the customer display says when a payment does not go through.
import { describe, expect, it } from 'vitest';
import { displayOfPayment, isDisplay } from '../../renderer/customer/display.ts';
import { customerReason } from '../../renderer/customer/customerReason.ts';

const declined = (subCode: string) => ({ status: 'FAILED' as const, cancelAction: null, error: { code: 'PAYMENT_DECLINED' as const, message: 'x', messageZh: 'x', details: { subCode } } });

describe('the customer\'s reason', () => {
  it('says what the customer can do, from the decline, never the gateway\'s words', () => {
    expect(customerReason(declined('ACQ.BUYER_BALANCE_NOT_ENOUGH'))).toBe('balance');
    expect(customerReason(declined('ACQ.PAYMENT_AUTH_CODE_INVALID'))).toBe('codeExpired');
    expect(customerReason(declined('ACQ.PAYMENT_REQUEST_HAS_RISK'))).toBe('risk');
    expect(customerReason(declined('ACQ.SOMETHING_NEW'))).toBe('other');
    expect(customerReason({ status: 'CANCELLED', cancelAction: 'refund' })).toBe('refunded');
    expect(customerReason({ status: 'CANCELLED', cancelAction: 'close' })).toBe('cancelled');
    expect(customerReason({ status: 'SUCCESS', cancelAction: null })).toBeNull();
  });

  it('travels as a key only, and a display message with anything else is refused', () => {
    const d = displayOfPayment({ status: 'FAILED', state: 'FAILED', amountFen: 500, training: true, cancelAction: null, error: declined('ACQ.BUYER_BALANCE_NOT_ENOUGH').error });
    expect(d).toEqual({ status: 'failed', amountFen: 500, training: true, reason: 'balance' });
    expect(isDisplay({ ...d, shopName: '测试便利店' })).toBe(true);
    expect(isDisplay({ ...d, reason: '余额不足' })).toBe(false);
    expect(isDisplay({ status: 'refunded', amountFen: 100, training: false, reason: 'refunded' })).toBe(true);
  });
});
