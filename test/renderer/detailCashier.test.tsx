// @vitest-environment happy-dom
// TRY item 5: the F2 detail printed 收银员 001 only; with the shop's cashier list it names them
// (张三 001, as the receipt and the X/Z report do), and an id the list does not name stays the id.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyStore } from '../../renderer/history/historyStore.ts';
import { PaymentDetail } from '../../renderer/history/PaymentDetail.tsx';
import { cashierLabel, cashierStore } from '../../renderer/shift/cashierStore.ts';
import { fakeBridge, ok } from './fakeBridge.ts';
import { payment } from './payments.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LIST = { cashier: null, ask: true, list: [{ id: '001', name: '张三' }, { id: '002', name: null }] };

describe('the cashier on the F2 detail', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    window.pos = fakeBridge({ 'pos:till:info': () => ok({ training: true, shopName: '店', version: 't', customerDisplayUrl: null } as never) });
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    historyStore.setState({ detail: null });
    cashierStore.setState({ view: null });
    delete window.pos;
  });

  it("prints the shop's name beside the journaled id", async () => {
    cashierStore.setState({ view: LIST });
    const p = payment('SUCCESS', { cashier: '001' });
    historyStore.setState({ detail: { outTradeNo: p.outTradeNo, error: null, data: { payment: p, refunds: [], events: [] } } });
    await act(async () => root.render(<PaymentDetail />));
    expect(host.querySelector('[data-testid=detail-cashier]')?.textContent).toBe('张三 001');
  });

  it('an id without a name, or no list known: the id', () => {
    expect(cashierLabel('002', LIST)).toBe('002');
    expect(cashierLabel('007', LIST)).toBe('007');
    expect(cashierLabel('001', null)).toBe('001');
  });
});
