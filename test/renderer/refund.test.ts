import { describe, expect, it } from 'vitest';
import { leftToRefund, openRefund } from '../../renderer/refund/leftToRefund.ts';
import { checkRefundAmount } from '../../renderer/refund/refundStore.ts';
import type { RefundView } from '../../app/common/ipc/views.ts';
import { payment } from './payments.ts';

function refund(status: RefundView['status'], amountFen: number, leftFen: number): RefundView {
  return { status, outTradeNo: 'TR1', outRequestNo: 'TR1R1', amount: '', amountFen, refundedTotal: '', left: '', leftFen, training: true };
}

describe('what may still be refunded', () => {
  it('is the whole payment before any refund, and what the core says after', () => {
    expect(leftToRefund({ payment: payment('SUCCESS', { amountFen: 4560 }), refunds: [], events: [] })).toBe(4560);
    expect(leftToRefund({ payment: payment('SUCCESS', { amountFen: 4560 }), refunds: [refund('SUCCESS', 560, 4000)], events: [] })).toBe(4000);
  });

  it('is nothing for a payment that was not paid', () => {
    expect(leftToRefund({ payment: payment('FAILED'), refunds: [], events: [] })).toBe(0);
  });

  it('is blocked by a refund whose outcome is unknown', () => {
    expect(openRefund({ payment: payment('SUCCESS'), refunds: [refund('UNKNOWN', 100, 1134)], events: [] })?.status).toBe('UNKNOWN');
  });
});

describe('checkRefundAmount', () => {
  it('accepts up to what is left', () => {
    expect(checkRefundAmount('40', 4000)).toEqual({ ok: true, fen: 4000 });
    expect(checkRefundAmount('5.6', 4000)).toEqual({ ok: true, fen: 560 });
  });

  it('refuses more than is left, and what the core would refuse', () => {
    expect(checkRefundAmount('40.01', 4000)).toEqual({ ok: false, problem: { message: 'refund.tooMuch', params: { left: '¥40.00' } } });
    expect(checkRefundAmount('0', 4000)).toMatchObject({ ok: false, problem: { error: { code: 'INVALID_AMOUNT' } } });
  });
});
