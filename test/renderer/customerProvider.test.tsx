// @vitest-environment happy-dom
// Issue 15: the customer display names who takes the money, in its colour (支付宝 blue, 微信支付
// green, renderer/styles/providers.css), from the core's customer view (app/host/customerView.ts).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerViewOf } from '../../app/host/customerView.ts';
import { CustomerDisplay } from '../../renderer/customer/CustomerDisplay.tsx';
import { displayOfPayment, isDisplay, sameDisplay } from '../../renderer/customer/display.ts';
import { show } from '../../renderer/customer/displayStore.ts';
import { payment } from './payments.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let el: HTMLElement;
beforeEach(() => {
  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root.render(<CustomerDisplay />));
});
afterEach(() => {
  act(() => root.unmount());
  el.remove();
});

describe('the customer display names the provider', () => {
  it('shows 微信支付 in WeChat green for a WeChat payment pushed by the core, 支付宝 for Alipay', () => {
    act(() => show(displayOfPayment(customerViewOf({ ...payment('WAITING'), provider: 'wechat' }, '小店'))));
    const p = el.querySelector('[data-testid=customer-provider]')!;
    expect(p.getAttribute('data-provider')).toBe('wechat');
    expect(p.className).toContain('provider--wechat');
    expect(p.textContent).toContain('微信支付');
    expect(p.textContent).toContain('WeChat Pay');

    act(() => show(displayOfPayment(customerViewOf(payment('SUCCESS'), '小店'))));
    const a = el.querySelector('[data-testid=customer-provider]')!;
    expect(a.className).toContain('provider--alipay');
    expect(a.textContent).toContain('支付宝');
  });

  it('shows no provider before the code is scanned, and believes only known providers from another page', () => {
    act(() => show({ status: 'scan', amountFen: 500, training: false }));
    expect(el.querySelector('[data-testid=customer-provider]')).toBeNull();
    expect(isDisplay({ status: 'paid', amountFen: 100, training: false, provider: 'wechat' })).toBe(true);
    expect(isDisplay({ status: 'paid', amountFen: 100, training: false, provider: '<img>' })).toBe(false);
    expect(sameDisplay({ status: 'paid', amountFen: 1, training: false, provider: 'wechat' }, { status: 'paid', amountFen: 1, training: false, provider: 'alipay' })).toBe(false);
  });
});
