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
    expect(pos.calls.find((c) => c.channel === 'pos:payment:start')?.req).toEqual({ amount: '5.00', code: CODE, screenId: expect.any(String) });
    pos.push('pos:payment:changed', payment('SENT', { amountFen: 500 }));
    finishStart!(payment('SUCCESS', { amountFen: 500 }));
    await expect.poll(() => saleStore.getState().phase).toBe('result');
  });

  it('send the note as the subject', async () => {
    await act.checkActive();
    act.typeAmount('8');
    act.setNote('  tea ');
    act.scan(CODE);
    act.confirmAmount();
    expect(pos.calls.find((c) => c.channel === 'pos:payment:start')?.req).toEqual({ amount: '8.00', code: CODE, subject: 'tea', screenId: expect.any(String) });
  });

  it('cancel at the gateway with the payment they are waiting for', async () => {
    await act.checkActive();
    act.typeAmount('5');
    act.scan(CODE);
    act.confirmAmount();
    pos.push('pos:payment:changed', payment('SENT', { amountFen: 500, outTradeNo: 'TR9', createdAt: Date.now() }));
    pos.push('pos:payment:changed', payment('WAITING', { amountFen: 500, outTradeNo: 'TR9', createdAt: Date.now() }));
    await act.cancelPayment();
    expect(pos.calls.filter((c) => c.channel === 'pos:payment:cancel').map((c) => c.req)).toEqual([{ outTradeNo: 'TR9', screenId: expect.any(String) }]);
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
    act.confirmAmount();
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
    act.confirmAmount();
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
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
    act.confirmAmount();
    expect(starts()).toBe(1);
  });
});

describe('after a lost connection (review findings)', () => {
  const lost = () => ({ ok: false as const, error: CONNECTION_LOST });

  it('never take the previous customer\'s payment for this sale, however alike', async () => {
    // Customer A paid 15.00 with a code ending 5601 six seconds ago; customer B's start is lost.
    const prevA = payment('SUCCESS', { amountFen: 1500, outTradeNo: 'TR-CUSTOMER-A', createdAt: Date.now() - 6_000 });
    install(fakeBridge({
      'pos:payment:active': () => ok(null),
      'pos:payment:start': lost,
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:list': () => ok([prevA]),
    }));
    await act.checkActive();
    act.typeAmount('1');
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
    // Nothing of B's reached the journal: said as not sent, B's amount kept, never A's PAID.
    expect(saleStore.getState()).toMatchObject({ phase: 'scan', draft: { amountText: '15' }, problem: { message: 'sale.problem.notSent' } });
  });

  it('take by time only a payment with this sale\'s amount and code, made after its scan', async () => {
    // Another screen's later payment of the same amount, with another code, is not this sale's.
    const mine = payment('CANCELLED', { amountFen: 500, outTradeNo: 'TR-MINE', createdAt: Date.now() + 100 });
    const otherCode = payment('SUCCESS', { amountFen: 500, outTradeNo: 'TR-OTHER-CODE', codeLast4: '9900', createdAt: Date.now() + 200 });
    install(fakeBridge({
      'pos:payment:active': () => ok(null),
      'pos:payment:start': lost,
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:list': () => ok([otherCode, mine]),
    }));
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'result', payment: { outTradeNo: 'TR-MINE' } });
  });

  it('resolve by the number the first push gave, never by a guess', async () => {
    // A look-alike SUCCESS exists, but this sale's own payment (TR-B) is still open.
    const lookAlike = payment('SUCCESS', { amountFen: 500, outTradeNo: 'TR-LOOKALIKE', createdAt: Date.now() + 50 });
    install(fakeBridge({
      'pos:payment:active': () => ok(null),
      'pos:payment:start': lost,
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:list': () => ok([lookAlike]),
      'pos:payment:detail': () => ok({ payment: payment('UNKNOWN', { amountFen: 500, outTradeNo: 'TR-B' }), refunds: [], events: [] }),
    }));
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    pos.push('pos:payment:changed', payment('SENT', { amountFen: 500, outTradeNo: 'TR-B', createdAt: Date.now() }));
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-B' } });
    await act.resolveUnknown();
    expect(saleStore.getState()).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-B' }, problem: { message: 'unknown.stillOpen' } });
    expect(pos.calls.some((c) => c.channel === 'pos:payment:list')).toBe(false);
  });

  it('stay unknown, with the error, when the lookups fail: never a new sale with a payment open', async () => {
    let n = 0;
    install(fakeBridge({
      'pos:payment:active': () => (n++ === 0 ? ok(null) : lost()),
      'pos:payment:start': lost,
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:detail': lost,
    }));
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    pos.push('pos:payment:changed', payment('SENT', { outTradeNo: 'TR-OPEN', amountFen: 500, createdAt: Date.now() }));
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
    // The core could not be asked: still waiting on this payment, never a new sale.
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true, payment: { outTradeNo: 'TR-OPEN' } });
  });

  it('stay unknown when the time lookup fails and the sale has no number', async () => {
    install(fakeBridge({
      'pos:payment:active': () => ok(null),
      'pos:payment:start': lost,
      'pos:payment:resolve': () => ok({ payments: [], refunds: [] }),
      'pos:payment:list': lost,
    }));
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    // The request had left when the link dropped: the screen waits for the link, then asks (issue 9 item 5).
    await expect.poll(() => saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true });
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', linkLost: true, payment: null });
  });
});

describe('the waiting screen after a reload or a lost push (review findings)', () => {
  it('asks for its payment again when the link comes back, and shows the outcome it missed', async () => {
    let state = payment('WAITING', { outTradeNo: 'TR-X' });
    install(fakeBridge({
      'pos:payment:active': () => ok(state),
      'pos:payment:detail': () => ok({ payment: state, refunds: [], events: [] }),
    }));
    await act.checkActive();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', payment: { outTradeNo: 'TR-X' } });
    state = payment('SUCCESS', { outTradeNo: 'TR-X' }); // its push was lost with the link
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'result', payment: { outTradeNo: 'TR-X', status: 'SUCCESS' } });
  });

  it('without a number yet, looks for the open payment its scan started, and no other', async () => {
    let open: PaymentView | null = null;
    install(fakeBridge({ 'pos:payment:active': () => ok(open), 'pos:payment:start': () => new Promise(() => {}) }));
    await act.checkActive();
    act.typeAmount('5');
    act.confirmAmount();
    act.scan(CODE);
    // An older attempt of the same amount (the recovery pass's) is not this sale's.
    open = payment('WAITING', { amountFen: 500, outTradeNo: 'TR-OLDER', createdAt: Date.now() - 60_000 });
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', payment: null });
    open = payment('WAITING', { amountFen: 500, outTradeNo: 'TR-MINE', createdAt: Date.now() });
    await act.recheck();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', payment: { outTradeNo: 'TR-MINE', state: 'WAITING' } });
  });

  it('when the core did not take the cancel, follows what it says instead of "cancelling" forever', async () => {
    let state = payment('WAITING', { outTradeNo: 'TR-X' });
    install(fakeBridge({
      'pos:payment:active': () => ok(state),
      'pos:payment:detail': () => ok({ payment: state, refunds: [], events: [] }),
      'pos:payment:cancel': () => ok({ cancelled: false }),
      'pos:payment:resolve': () => ok({ payments: [state], refunds: [] }),
    }));
    await act.checkActive();
    state = payment('SUCCESS', { outTradeNo: 'TR-X' }); // finished while the cancel was on its way
    await act.cancelPayment();
    expect(saleStore.getState()).toMatchObject({ phase: 'result', payment: { status: 'SUCCESS' } });
  });

  it('when the core runs no pay for the payment, offers to resolve it instead of cancelling', async () => {
    const state = payment('WAITING', { outTradeNo: 'TR-X' });
    const cancelled = payment('CANCELLED', { outTradeNo: 'TR-X' });
    install(fakeBridge({
      'pos:payment:active': () => ok(state),
      'pos:payment:detail': () => ok({ payment: state, refunds: [], events: [] }),
      'pos:payment:cancel': () => ok({ cancelled: false }),
      'pos:payment:resolve': () => ok({ payments: [cancelled], refunds: [] }),
    }));
    await act.checkActive();
    await act.cancelPayment();
    expect(saleStore.getState()).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-X' }, problem: { message: 'sale.paying.notRunning' } });
    await act.resolveUnknown();
    expect(saleStore.getState()).toMatchObject({ phase: 'result', payment: { status: 'CANCELLED' } });
  });

  it('when the cancel could not be sent, lets Esc try again', async () => {
    install(fakeBridge({
      'pos:payment:active': () => ok(payment('WAITING', { outTradeNo: 'TR-X' })),
      'pos:payment:detail': () => ({ ok: false, error: CONNECTION_LOST }),
      'pos:payment:cancel': () => ({ ok: false, error: CONNECTION_LOST }),
    }));
    await act.checkActive();
    await act.cancelPayment();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', cancelRequested: false, payment: { outTradeNo: 'TR-X' } });
  });

  it('takes the amount of the payment it follows after a reload, so a retry charges it', async () => {
    let state = payment('WAITING', { outTradeNo: 'TR-X', amountFen: 1234 });
    install(fakeBridge({
      'pos:payment:active': () => ok(state),
      'pos:payment:detail': () => ok({ payment: state, refunds: [], events: [] }),
      'pos:payment:start': () => new Promise(() => {}),
    }));
    await act.checkActive();
    expect(saleStore.getState()).toMatchObject({ phase: 'paying', draft: { amountText: '12.34' } });
    state = payment('FAILED', { outTradeNo: 'TR-X', amountFen: 1234 });
    act.paymentChanged(state);
    act.retry();
    act.scan('287654321012349900');
    expect(pos.calls.find((c) => c.channel === 'pos:payment:start')?.req).toEqual({ amount: '12.34', code: '287654321012349900', screenId: expect.any(String) });
  });
});

describe('a scan during amount entry (review finding)', () => {
  it('is held until Enter, charges the amount typed by then, and Esc drops it', async () => {
    await act.checkActive();
    act.typeAmount('1');
    act.typeAmount('2');
    act.scan(CODE);
    expect(starts()).toBe(0);
    expect(saleStore.getState()).toMatchObject({ phase: 'amount', draft: { amountText: '12' }, heldScan: { last4: '5601' } });
    act.typeAmount('8');
    expect(saleStore.getState()).toMatchObject({ phase: 'amount', draft: { amountText: '128' }, heldScan: { last4: '5601' } });
    act.confirmAmount();
    expect(pos.calls.filter((c) => c.channel === 'pos:payment:start').map((c) => c.req)).toEqual([{ amount: '128.00', code: CODE, screenId: expect.any(String) }]);
  });

  it('Esc drops the held code and keeps the amount; Enter then only goes on to the scan', async () => {
    await act.checkActive();
    act.typeAmount('9');
    act.scan(CODE);
    act.back();
    expect(saleStore.getState()).toMatchObject({ phase: 'amount', draft: { amountText: '9' }, heldScan: null });
    act.confirmAmount();
    expect(saleStore.getState().phase).toBe('scan');
    expect(starts()).toBe(0);
  });
});
