// The screen's QR rules added with WeChat (issue 11), without a browser: F10 with two providers
// asks whose code (1 支付宝 / 2 微信支付, Enter or F10 again the first, Esc back), one code per sale;
// and a late payment's completed refund reaches a screen that has no call answer (reloaded
// mid-QR): the push after the refund, or the journal's refundedFen, says 已全额退回.
import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { saleKey } from '../../renderer/keyboard/saleKeys.ts';
import { qrOutcomeOf } from '../../renderer/sale/qrOutcome.ts';
import { saleTransition, type SaleState } from '../../renderer/sale/saleMachine.ts';

const draft = { amountText: '5.98', note: '' };
const scan: SaleState = { phase: 'scan', draft, problem: null, manualCode: '' };
const view = (o: Partial<PaymentView>): PaymentView => ({
  status: 'UNKNOWN', state: 'SENT', outTradeNo: 'Q1', tradeNo: null, amount: '5.98', amountFen: 598, provider: 'wechat', training: true, buyer: null,
  codeLast4: 'QR', cancelAction: null, cancelReason: null, createdAt: 2_000, method: 'qr', qr: null, ...o,
});
const refund = { status: 'SUCCESS' as const, outTradeNo: 'Q1', outRequestNo: 'R1', amount: '5.98', amountFen: 598, refundedTotal: '5.98', left: '0.00', leftFen: 0, training: true };

describe('choosing whose QR code with two providers', () => {
  const choosing = saleTransition(scan, { type: 'qrChoose', providers: ['alipay', 'wechat'] });

  it('F10 opens the choice; 1 and 2 pick a provider, Enter and F10 again the first (the default)', () => {
    expect(choosing).toMatchObject({ phase: 'scan', qrChoice: ['alipay', 'wechat'] });
    expect(saleKey(choosing, '1', false)).toEqual({ do: 'qrProvider', provider: 'alipay' });
    expect(saleKey(choosing, '2', false)).toEqual({ do: 'qrProvider', provider: 'wechat' });
    expect(saleKey(choosing, 'Enter', false)).toEqual({ do: 'qrProvider', provider: 'alipay' });
    expect(saleKey(choosing, 'F10', false)).toEqual({ do: 'qrProvider', provider: 'alipay' });
    expect(saleKey(choosing, '3', false)).toBeNull();
    // Digits choose here; they do not type a payment code behind the choice.
    expect(saleKey(choosing, '5', false)).toBeNull();
  });

  it('Esc closes the choice and stays on the scan prompt; a second Esc goes back to the amount', () => {
    expect(saleKey(choosing, 'Escape', false)).toEqual({ do: 'back' });
    const back = saleTransition(choosing, { type: 'back' });
    expect(back).toMatchObject({ phase: 'scan', qrChoice: undefined });
    expect(saleTransition(back, { type: 'back' }).phase).toBe('amount');
  });

  it('the chosen provider is the sale\'s one code: the waiting screen names it before the first push', () => {
    const paying = saleTransition(choosing, { type: 'qrRequested', at: 1_000, provider: 'wechat' });
    expect(paying).toMatchObject({ phase: 'paying', qr: true, qrProvider: 'wechat' });
  });
});

describe('a late refund that completed, on a screen with no call answer', () => {
  const late = view({ status: 'SUCCESS', state: 'SUCCESS', cancelReason: 'cashier' });

  it('the journal view with refundedFen equal to the amount is 已全额退回, not 处理中', () => {
    expect(qrOutcomeOf(late)).toBe('lateRefunding');
    expect(qrOutcomeOf({ ...late, refundedFen: 0 })).toBe('lateRefunding');
    expect(qrOutcomeOf({ ...late, refundedFen: 598 })).toBe('lateRefunded');
  });

  it('the push that follows the refund turns a result showing 处理中 into 已全额退回', () => {
    let s: SaleState = saleTransition(scan, { type: 'qrRequested', at: 1_000 });
    s = saleTransition(s, { type: 'changed', payment: view({}) });
    s = saleTransition(s, { type: 'changed', payment: late });
    expect(s.phase === 'result' && qrOutcomeOf(s.payment)).toBe('lateRefunding');
    s = saleTransition(s, { type: 'changed', payment: { ...late, lateRefund: refund } });
    expect(s.phase === 'result' && qrOutcomeOf(s.payment)).toBe('lateRefunded');
    // Someone else's payment never replaces the result on screen.
    const other = saleTransition(s, { type: 'changed', payment: { ...late, outTradeNo: 'Q2', lateRefund: refund } });
    expect(other.phase === 'result' && other.payment.outTradeNo).toBe('Q1');
  });
});
