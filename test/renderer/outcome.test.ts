import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../renderer/sale/outcome.ts';
import { payment } from './payments.ts';

describe('outcomeOf', () => {
  it('gives a decline its specific reason and next step from the sub_code, in either language', () => {
    const p = payment('FAILED', { error: { code: 'PAYMENT_DECLINED', message: "the customer's balance is not enough — ask…", messageZh: '顾客余额不足，请…', details: { subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', gatewayMessage: '买家余额不足' } } });
    expect(outcomeOf(p, 'zh-CN')).toEqual({ kind: 'failed', reason: '顾客余额不足', next: '请顾客在支付宝中更换付款方式后重新扫码' });
    expect(outcomeOf(p, 'en')).toEqual({ kind: 'failed', reason: "The customer's balance is not enough", next: 'Ask the customer to switch the payment method in Alipay, then scan the new code' });
  });

  it('says to refresh the code for an invalid one', () => {
    const p = payment('FAILED', { error: { code: 'PAYMENT_DECLINED', message: 'x', messageZh: 'x', details: { subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' } } });
    expect(outcomeOf(p, 'zh-CN').next).toBe('请顾客刷新付款码后重新扫码');
  });

  it('splits the core\'s own "reason — next step" messages (a cashier\'s cancel)', () => {
    const p = payment('CANCELLED', { cancelAction: 'close', error: { code: 'PAYMENT_DECLINED', message: 'cancelled by the cashier: nothing was charged — scan a fresh code to try again', messageZh: '收银员已取消：未扣款，请重新扫码', details: { action: 'close' } } });
    expect(outcomeOf(p, 'en')).toEqual({ kind: 'cancelled', reason: 'Cancelled by the cashier: nothing was charged', next: 'Scan a fresh code to try again' });
    expect(outcomeOf(p, 'zh-CN')).toEqual({ kind: 'cancelled', reason: '收银员已取消：未扣款', next: '请重新扫码' });
  });

  it('tells a refund on cancel apart from a plain cancel', () => {
    expect(outcomeOf(payment('CANCELLED', { cancelAction: 'refund' }), 'zh-CN').kind).toBe('refunded');
  });

  it('points a configuration error at the settings', () => {
    const p = payment('FAILED', { error: { code: 'GATEWAY_CONFIG_ERROR', message: 'Alipay refused the request (Invalid signature)', messageZh: '支付宝拒绝了请求（无效签名）' } });
    expect(outcomeOf(p, 'en')).toEqual({ kind: 'failed', reason: 'Alipay refused the request (Invalid signature)', next: 'Check the Alipay settings (F3)' });
  });

  it('warns against charging again while unknown', () => {
    expect(outcomeOf(payment('UNKNOWN'), 'zh-CN')).toMatchObject({ kind: 'unknown', next: '结果确认前请勿重复收款，请顾客稍候。' });
  });
});
