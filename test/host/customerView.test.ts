// The customer display's view of a QR sale (issue 11): the merchant's code while it can be paid,
// never anything of the customer's, and a late payment said to be refunded.
import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { customerViewOf } from '../../app/host/customerView.ts';
import { customerPaidOf } from '../../app/common/payment/customerPaid.ts';

const base: PaymentView = {
  status: 'UNKNOWN', state: 'WAITING', outTradeNo: 'T1', tradeNo: null, amount: '12.34', amountFen: 1234, provider: 'alipay', training: true,
  buyer: 'ab***@x.com', codeLast4: 'QR', cancelAction: null, cancelReason: null, createdAt: 1,
  method: 'qr', qr: { code: 'http://127.0.0.1:1/training/qr/T1', expiresAt: 99 },
};

describe('customerViewOf, QR sales', () => {
  it('carries the QR code and its expiry while the code can be paid, and no trade numbers or buyer', () => {
    const v = customerViewOf(base, '小店');
    expect(v).toMatchObject({ method: 'qr', qr: { code: 'http://127.0.0.1:1/training/qr/T1', expiresAt: 99 }, lateRefund: false });
    expect(JSON.stringify(v)).not.toMatch(/outTradeNo|ab\*\*\*|codeLast4|tradeNo/);
  });
  it('drops the code once the attempt is closing or over', () => {
    expect(customerViewOf({ ...base, state: 'CANCELLING', cancelReason: 'cashier' }, '小店').qr).toBeNull();
    expect(customerViewOf({ ...base, status: 'CANCELLED', state: 'CANCELLED', cancelReason: 'expired' }, '小店')).toMatchObject({ qr: null, cancelReason: 'expired' });
  });
  it('says a payment that landed after the cancel was a late one (refunded), not a sale', () => {
    expect(customerViewOf({ ...base, status: 'SUCCESS', state: 'SUCCESS', cancelReason: 'cashier' }, '小店').lateRefund).toBe(true);
    expect(customerViewOf({ ...base, status: 'SUCCESS', state: 'SUCCESS' }, '小店').lateRefund).toBe(false);
  });
  it('leaves a barcode payment as it was', () => {
    const { method: _m, qr: _q, ...barcode } = base;
    expect(customerViewOf({ ...barcode, codeLast4: '1234' }, '小店')).not.toHaveProperty('qr');
  });
});

describe('customerViewOf, the reason in the customer\'s words (issue 9 item 15)', () => {
  const barcode: PaymentView = { ...base, method: 'barcode', qr: null, codeLast4: '1234' };
  it('works the reason out in the core, so the error never leaves for the display', () => {
    const declined = customerViewOf({ ...barcode, status: 'FAILED', state: 'FAILED', error: { code: 'PAYMENT_DECLINED', message: 'ACQ.PAYMENT_AUTH_CODE_INVALID', messageZh: '付款码无效', details: { subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' } } }, '小店');
    expect(declined.reason).toBe('codeExpired');
    expect(JSON.stringify(declined)).not.toMatch(/ACQ|付款码无效|error/);
    expect(customerViewOf({ ...barcode, status: 'CANCELLED', state: 'CANCELLED', cancelAction: 'refund' }, '小店').reason).toBe('refunded');
    expect(customerViewOf({ ...barcode, status: 'SUCCESS', state: 'SUCCESS' }, '小店')).not.toHaveProperty('reason');
  });
});

describe('customerViewOf, what the customer paid after a coupon (TRY item 3)', () => {
  const paid: PaymentView = { ...base, method: 'barcode', qr: null, codeLast4: '6713', status: 'SUCCESS', state: 'SUCCESS', amount: '30.00', amountFen: 3000, provider: 'wechat' };
  it('carries 顾客实付 and the discount from the payment, so the display can say the phone\'s figure', () => {
    expect(customerViewOf({ ...paid, paidFen: 2800, discountFen: 200 }, '小店')).toMatchObject({ status: 'SUCCESS', amountFen: 3000, paidFen: 2800, discountFen: 200 });
  });
  it('says nothing more when the customer paid the total, or the payment is not paid', () => {
    expect(customerViewOf(paid, '小店')).not.toHaveProperty('paidFen');
    const failed = customerViewOf({ ...paid, status: 'FAILED', state: 'FAILED', paidFen: 2800, discountFen: 200 }, '小店');
    expect(failed).not.toHaveProperty('paidFen');
    expect(failed).not.toHaveProperty('discountFen');
  });
  it('the payment view gets them from the journal\'s paid answer, only when the customer paid less', () => {
    const detail = (buyerPayFen: number | undefined) => ({ totalFen: 3000, buyerPayFen, fundBills: [], discounts: [] });
    expect(customerPaidOf(detail(2800))).toEqual({ paidFen: 2800, discountFen: 200 });
    expect(customerPaidOf(detail(3000))).toBeNull();
    expect(customerPaidOf(detail(undefined))).toBeNull();
    expect(customerPaidOf(null)).toBeNull();
  });
});
