// @vitest-environment happy-dom
// The cashier's screen rendered by React in happy-dom, driven through real keydown events and
// the global scan listener: what a component does with a key, outside the state machine.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App.tsx';
import * as saleActions from '../../renderer/sale/saleActions.ts';
import { resetSale } from '../../renderer/sale/saleStore.ts';
import { tillStore } from '../../renderer/till/tillStore.ts';
import { fakeBridge, ok, type FakeBridge } from './fakeBridge.ts';
import { payment } from './payments.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let pos: FakeBridge;

/** Longer than the wedge detector holds a lone key (maxKeyGapMs 90), as a person types. */
const HUMAN_GAP_MS = 130;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function press(key: string, code = key.length === 1 && /\d/.test(key) ? `Digit${key}` : key): Promise<void> {
  await act(async () => {
    (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
    await sleep(HUMAN_GAP_MS);
  });
}

async function burst(code: string): Promise<void> {
  await act(async () => {
    const start = performance.now() - (code.length + 1) * 4;
    [...code, 'Enter'].forEach((key, i) => {
      const e = new KeyboardEvent('keydown', { key, code: key === 'Enter' ? 'Enter' : `Digit${key}`, bubbles: true, cancelable: true });
      Object.defineProperty(e, 'timeStamp', { value: start + i * 4 });
      document.body.dispatchEvent(e);
    });
    await sleep(10);
  });
}

const amountShown = () => host.querySelector('[data-testid=amount]')?.textContent;

beforeEach(async () => {
  resetSale();
  tillStore.setState({ info: { training: true, shopName: '测试店', version: 't', customerDisplayUrl: null }, connection: 'open', scanner: null });
  pos = fakeBridge({ 'pos:payment:active': () => ok(null), 'pos:payment:start': () => new Promise(() => {}) });
  window.pos = pos;
  await saleActions.checkActive();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () => root.render(<App />));
});

afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  delete window.pos;
});

describe('the cashier screen', () => {
  it('takes the amount from the keyboard and the keypad', async () => {
    await press('7');
    expect(amountShown()).toBe('¥7');
    await act(async () => (host.querySelector('[data-key="5"]') as HTMLButtonElement).click());
    await press('.');
    await press('Process', 'Digit5');
    expect(amountShown()).toBe('¥75.5');
    await press('Backspace');
    await press('Backspace');
    expect(amountShown()).toBe('¥75');
  });

  it('keeps a scan out of the amount and charges the amount typed', async () => {
    await press('7');
    await press('5');
    await burst('287654321012345601');
    // Held until the cashier confirms the amount with Enter: 75 may be 750 on the way.
    expect(pos.calls.filter((c) => c.channel === 'pos:payment:start')).toEqual([]);
    expect(host.querySelector('[data-testid=held-scan]')?.textContent).toBe('付款码已扫描，按 Enter 收款 ¥75.00（尾号 5601；Esc 放弃此码）');
    expect(amountShown()).toBe('¥75');
    await press('Enter');
    expect(pos.calls.filter((c) => c.channel === 'pos:payment:start').map((c) => c.req)).toEqual([{ amount: '75.00', code: '287654321012345601', screenId: expect.any(String) }]);
    expect(host.querySelector('[data-screen=waiting]')).not.toBeNull();
    expect(amountShown()).toBe('¥75.00');
  });

  it('shows the keys on the buttons and the training banner', async () => {
    const buttons = [...host.querySelectorAll('button kbd')].map((k) => k.textContent);
    expect(buttons).toEqual(expect.arrayContaining(['Enter', 'Esc', 'F1', 'F2', 'F3', 'F4']));
    expect(host.querySelector('[data-testid=training-banner]')?.textContent).toContain('培训模式');
  });

  it('follows the payment to the paid screen through pushes', async () => {
    await press('3');
    await press('Enter');
    expect(host.querySelector('[data-screen=scan]')).not.toBeNull();
    pos.on('pos:payment:changed', saleActions.paymentChanged);
    await burst('287654321012345600');
    await act(async () => {
      // As the core reports the attempt this scan started: created now, with the code's last digits.
      pos.push('pos:payment:changed', payment('SENT', { amountFen: 300, codeLast4: '5600', createdAt: Date.now() }));
      pos.push('pos:payment:changed', payment('SUCCESS', { amountFen: 300, codeLast4: '5600', createdAt: Date.now() }));
    });
    expect(host.querySelector('[data-screen=paid] [data-testid=status]')?.textContent).toBe('支付成功');
    expect(host.querySelector('[data-testid=buyer]')?.textContent).toBe('183****8106');
  });
});
