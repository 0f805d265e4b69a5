// The screen's rules for a QR sale (issue 11), without a browser: F10 only on the scan prompt,
// the attempt followed by its 'QR' mark, a late payment shown (and sounded) as refunded, never as
// a sale, and the customer display told the same in the customer's words.
import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { displayOfPayment, isDisplay } from '../../renderer/customer/display.ts';
import { saleKey } from '../../renderer/keyboard/saleKeys.ts';
import { qrOutcomeOf } from '../../renderer/sale/qrOutcome.ts';
import { saleTransition, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { soundFor } from '../../renderer/sound/sounds.ts';

const draft = { amountText: '5.98', note: '' };
const scan: SaleState = { phase: 'scan', draft, problem: null, manualCode: '' };
const view = (o: Partial<PaymentView>): PaymentView => ({
  status: 'UNKNOWN', state: 'SENT', outTradeNo: 'Q1', tradeNo: null, amount: '5.98', amountFen: 598, provider: 'alipay', training: true, buyer: null,
  codeLast4: 'QR', cancelAction: null, cancelReason: null, createdAt: 2_000, method: 'qr', qr: null, ...o,
});

describe('a QR sale on the screen', () => {
  it('F10 starts it from the scan prompt only', () => {
    expect(saleKey(scan, 'F10', false)).toEqual({ do: 'qr' });
    expect(saleKey({ phase: 'amount', draft, problem: null, heldScan: null }, 'F10', false)).toBeNull();
    const paying = saleTransition(scan, { type: 'qrRequested', at: 1_000 });
    expect(paying).toMatchObject({ phase: 'paying', qr: true, codeLast4: 'QR' });
    expect(saleTransition({ phase: 'amount', draft, problem: null, heldScan: null }, { type: 'qrRequested', at: 1 }).phase).toBe('amount');
  });

  it('follows its attempt from the first push, and a late payment ends as a refund, updated by the call answer', () => {
    let s = saleTransition(scan, { type: 'qrRequested', at: 1_000 });
    s = saleTransition(s, { type: 'changed', payment: view({}) });
    expect(s).toMatchObject({ phase: 'paying', payment: { outTradeNo: 'Q1' } });
    const late = view({ status: 'SUCCESS', state: 'SUCCESS', cancelReason: 'cashier' });
    const before = s;
    s = saleTransition(s, { type: 'changed', payment: late });
    expect(s.phase).toBe('result');
    expect(qrOutcomeOf(late)).toBe('lateRefunding');
    expect(soundFor(before, s)).toBe('cancelled');
    const answered = { ...late, lateRefund: { status: 'SUCCESS' as const, outTradeNo: 'Q1', outRequestNo: 'R1', amount: '5.98', amountFen: 598, refundedTotal: '5.98', left: '0.00', leftFen: 0, training: true } };
    s = saleTransition(s, { type: 'started', payment: answered });
    expect(s.phase === 'result' && qrOutcomeOf(s.payment)).toBe('lateRefunded');
  });

  it('names expired and cancelled apart', () => {
    expect(qrOutcomeOf(view({ status: 'CANCELLED', state: 'CANCELLED', cancelReason: 'expired' }))).toBe('expired');
    expect(qrOutcomeOf(view({ status: 'CANCELLED', state: 'CANCELLED', cancelReason: 'cashier' }))).toBe('cancelled');
    expect(qrOutcomeOf(view({ status: 'SUCCESS', state: 'SUCCESS' }))).toBe('paid');
  });

  it('tells the customer display the code while it can be paid, and what happened after', () => {
    const up = displayOfPayment(view({ state: 'WAITING', qr: { code: 'http://127.0.0.1:1/training/qr/Q1', expiresAt: 9_000 } }));
    expect(up).toMatchObject({ status: 'qr', qr: { code: 'http://127.0.0.1:1/training/qr/Q1', expiresAt: 9_000, provider: 'alipay' } });
    expect(isDisplay(up)).toBe(true);
    expect(displayOfPayment(view({ status: 'CANCELLED', state: 'CANCELLED', cancelReason: 'expired' }))).toMatchObject({ status: 'failed', reason: 'qrExpired' });
    expect(displayOfPayment(view({ status: 'CANCELLED', state: 'CANCELLED', cancelReason: 'cashier' }))).toMatchObject({ status: 'failed', reason: 'qrCancelled' });
    expect(displayOfPayment(view({ status: 'SUCCESS', state: 'SUCCESS', cancelReason: 'cashier' }))).toMatchObject({ status: 'refunded', reason: 'lateRefund' });
    expect(isDisplay({ ...up, qr: { code: 1, expiresAt: 1, provider: 'alipay' } })).toBe(false);
  });
});
