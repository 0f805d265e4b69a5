// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { CONNECTION_LOST } from '../../renderer/browserBridge.ts';
import * as act from '../../renderer/sale/saleActions.ts';
import { resetSale, saleStore } from '../../renderer/sale/saleStore.ts';
import { fakeBridge, ok, type FakeBridge } from './fakeBridge.ts';
import { payment } from './payments.ts';

const CODE = '287654321012345601';
let pos: FakeBridge;
let finishStart: ((r: PaymentView) => void) | undefined;

/** As main.tsx wires it: the bridge is window.pos, and payment pushes reach the sale. */
function install(b: FakeBridge): void {
  pos = b;
  window.pos = b;
  b.on('pos:payment:changed', act.paymentChanged);
}

function starts(): number {
  return pos.calls.filter((c) => c.channel === 'pos:payment:start').length;
}

beforeEach(() => {
  resetSale();
  install(fakeBridge({
    'pos:payment:active': () => ok(null),
    'pos:payment:start': () => new Promise((resolve) => (finishStart = (p) => resolve(ok(p)))),
    'pos:payment:cancel': () => ok({ cancelled: true }),
  }));
});

afterEach(() => {
  delete window.pos;
});

describe('sale actions', () => {
  it('start exactly one payment for a scan, whatever else is scanned while it runs', async () => {
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    act.scan(CODE);
    act.scan('287654321012349900');
    expect(starts()).toBe(1);
    expect(pos.calls.find((c) => c.channel === 'pos:payment:start')?.req).toEqual({ amount: '5.00', code: CODE });
    pos.push('pos:payment:changed', payment('SENT', { amountFen: 500 }));
    finishStart!(payment('SUCCESS', { amountFen: 500 }));
    await expect.poll(() => saleStore.getState().phase).toBe('result');
  });

  it('send the note as the subject', async () => {
    await act.checkActive();
    act.typeAmount('8');
    act.setNote('  tea ');
    act.scan(CODE);
    expect(pos.calls.find((c) => c.channel === 'pos:payment:start')?.req).toEqual({ amount: '8.00', code: CODE, subject: 'tea' });
  });

  it('cancel at the gateway with the payment they are waiting for', async () => {
    await act.checkActive();
    act.typeAmount('5');
    act.scan(CODE);
    pos.push('pos:payment:changed', payment('SENT', { amountFen: 500, outTradeNo: 'TR9' }));
    pos.push('pos:payment:changed', payment('WAITING', { amountFen: 500, outTradeNo: 'TR9' }));
    await act.cancelPayment();
    expect(pos.calls.filter((c) => c.channel === 'pos:payment:cancel').map((c) => c.req)).toEqual([{ outTradeNo: 'TR9' }]);
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', cancelRequested: true });
  });

  it('show the open payment when the core refuses a new one', async () => {
    let open: PaymentView | null = null;
    install(fakeBridge({
      'pos:payment:active': () => ok(open),
      'pos:payment:start': () => ({ ok: false, error: { code: 'ATTEMPT_UNRESOLVED', message: 'x', messageZh: 'x' } }),
    }));
    await act.checkActive();
    open = payment('UNKNOWN', { outTradeNo: 'TR-OLD' });
    act.typeAmount('5');
    act.scan(CODE);
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-OLD' } });
  });

  it('find the payment by its time after a lost connection, and show how it ended', async () => {
    const mine = payment('SUCCESS', { amountFen: 500, outTradeNo: 'TR-MINE', createdAt: Date.now() });
    install(fakeBridge({
      'pos:payment:active': () => ok(null),
      'pos:payment:start': () => ({ ok: false, error: CONNECTION_LOST }),
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:list': () => ok([payment('SUCCESS', { amountFen: 500, outTradeNo: 'TR-OLDER', createdAt: Date.now() - 3_600_000 }), mine]),
    }));
    await act.checkActive();
    act.typeAmount('5');
    act.scan(CODE);
    await expect.poll(() => saleStore.getState().phase).toBe('unknown');
    await act.resolveUnknown();
    expect(saleStore.getState()).toMatchObject({ phase: 'result', payment: { outTradeNo: 'TR-MINE', status: 'SUCCESS' } });
  });

  it('refuse a new sale while a payment is open, and say why', async () => {
    install(fakeBridge({ 'pos:payment:active': () => ok(payment('UNKNOWN')) }));
    await act.checkActive();
    act.newSale();
    expect(saleStore.getState().phase).toBe('unknown');
    const { uiStore } = await import('../../renderer/ui/uiStore.ts');
    expect(uiStore.getState().notice).toMatchObject({ message: 'unknown.blocked', tone: 'error' });
  });

  it('take a HID or serial scan pushed by main like a wedge scan, and show a refused one', async () => {
    const { scannerScanned } = await import('../../renderer/sale/scanRouting.ts');
    const { uiStore } = await import('../../renderer/ui/uiStore.ts');
    await act.checkActive();
    act.typeAmount('5');
    scannerScanned({ code: '1234', provider: null, accepted: false, reason: 'not a payment code', at: 1 });
    expect(starts()).toBe(0);
    expect(uiStore.getState().notice).toMatchObject({ message: 'sale.problem.scanRejected', params: { reason: 'not a payment code' } });
    scannerScanned({ code: CODE, provider: 'alipay', accepted: true, at: 2 });
    expect(starts()).toBe(1);
  });
});
