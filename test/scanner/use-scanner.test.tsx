// @vitest-environment happy-dom
// The renderer side of the keyboard wedge (issue 3, item 2), in happy-dom with React: a scan never
// lands in the focused amount field, and the cashier's typing in that field still works. The clock
// and timers are driven by hand; the browser's default action for a keydown (type the character
// into the focused field, Enter submits its form) is played by `press` below, and only when no
// listener cancelled the event — exactly what a real browser does.
import { act, useState, type FormEvent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WedgeScan } from '../../app/common/wedge/detector.ts';
import { ManualTimers, type TimerHandle } from '../../app/scanner/timers.ts';
import { useScanner } from '../../renderer/scanner/use-scanner.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let timers: ManualTimers;
let root: Root;
let host: HTMLDivElement;
let scans: WedgeScan[];
let submitted: string[];
let keydownsSeen: string[];

function Sale({ enabled = true }: { enabled?: boolean }) {
  const [amount, setAmount] = useState('');
  useScanner((s) => scans.push(s), {
    enabled,
    now: () => timers.now(),
    timeOf: () => timers.now(),
    setTimer: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimer: (h) => timers.clearTimeout(h as TimerHandle),
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    submitted.push(amount);
  };
  return (
    <form onSubmit={submit}>
      <input aria-label="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} onKeyDown={(e) => keydownsSeen.push(e.key)} />
    </form>
  );
}

const amountField = (): HTMLInputElement => host.querySelector('input') as HTMLInputElement;

/** A keydown as a browser delivers it, with the browser's default action if nobody prevented it. */
function press(key: string, code: string): void {
  act(() => {
    const target = (document.activeElement ?? document.body) as HTMLElement;
    const event = new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true });
    if (!target.dispatchEvent(event)) return;
    if (!(target instanceof HTMLInputElement)) return;
    if (key === 'Enter') target.form?.requestSubmit();
    else if (key.length === 1) {
      const at = target.selectionStart ?? target.value.length;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(target, target.value.slice(0, at) + key + target.value.slice(target.selectionEnd ?? at));
      target.setSelectionRange(at + 1, at + 1);
      target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: key }));
    }
  });
}

function wait(ms: number): void {
  act(() => timers.advance(ms));
}

/** Keys of `text` `gapMs` apart, as a person or a scanner types them. */
function typeText(text: string, gapMs: number, style: 'row' | 'ime' = 'row'): void {
  for (const ch of text) {
    press(style === 'ime' ? 'Process' : ch, ch === '.' ? 'Period' : `Digit${ch}`);
    wait(gapMs);
  }
}

beforeEach(() => {
  timers = new ManualTimers(1000);
  scans = [];
  submitted = [];
  keydownsSeen = [];
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root.render(<Sale />));
  amountField().focus();
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const CODE = '287634438256643941';

describe('useScanner in the sale screen', () => {
  it('lets the cashier type an amount and submit it with Enter, and detects no scan', () => {
    typeText('12.5', 160);
    press('Enter', 'Enter');
    wait(500);
    expect(amountField().value).toBe('12.5');
    expect(submitted).toEqual(['12.5']);
    expect(scans).toEqual([]);
    // The field's own handlers saw every key, in order.
    expect(keydownsSeen).toEqual(['1', '2', '.', '5', 'Enter']);
  });

  it('types a held-back key where the caret is, as the browser would have', () => {
    typeText('1250', 150);
    act(() => amountField().setSelectionRange(2, 2));
    typeText('9', 150);
    expect(amountField().value).toBe('12950');
    press('Enter', 'Enter');
    expect(submitted).toEqual(['12950']);
  });

  it('keeps a scan out of the focused amount field and away from its Enter handling', () => {
    typeText('8', 200);
    typeText(CODE, 4);
    press('Enter', 'Enter');
    wait(500);
    expect(scans.map((s) => s.code)).toEqual([CODE]);
    expect(amountField().value).toBe('8');
    expect(submitted).toEqual([]);
    expect(keydownsSeen).toEqual(['8']);
  });

  it('keeps a digit typed 50 ms before a scan in the field and off the code', () => {
    press('9', 'Digit9');
    wait(50);
    typeText(CODE, 5);
    press('Enter', 'Enter');
    wait(500);
    expect(scans.map((s) => s.code)).toEqual([CODE]);
    expect(amountField().value).toBe('9');
  });

  it('reads a scan made while a Chinese IME is active, and types nothing into the field', () => {
    typeText(CODE, 4, 'ime');
    press('Process', 'Enter');
    wait(500);
    expect(scans.map((s) => s.code)).toEqual([CODE]);
    expect(amountField().value).toBe('');
  });

  it('reads a scan without a suffix once the scanner falls silent', () => {
    typeText(CODE, 4);
    expect(scans).toEqual([]);
    wait(500);
    expect(scans.map((s) => s.code)).toEqual([CODE]);
    expect(amountField().value).toBe('');
  });

  it('stops listening when disabled or unmounted: keys go straight to the field', () => {
    act(() => root.render(<Sale enabled={false} />));
    typeText(CODE, 4);
    press('Enter', 'Enter');
    wait(500);
    expect(scans).toEqual([]);
    expect(amountField().value).toBe(CODE);
  });

  it('gives back keys still held when it is unmounted mid-typing', () => {
    press('7', 'Digit7');
    const field = amountField();
    act(() => root.render(<Sale enabled={false} />));
    expect(field.value).toBe('7');
  });
});
