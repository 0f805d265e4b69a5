import { describe, expect, it } from 'vitest';
import { saleKey } from '../../renderer/keyboard/saleKeys.ts';
import { keyName } from '../../renderer/keyboard/keyName.ts';
import { EMPTY_DRAFT, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { payment } from './payments.ts';

const amount: SaleState = { phase: 'amount', draft: EMPTY_DRAFT, problem: null, heldScan: null };
const scan: SaleState = { phase: 'scan', draft: { ...EMPTY_DRAFT, amountText: '5' }, problem: null, manualCode: '' };
const paying: SaleState = { phase: 'paying', draft: EMPTY_DRAFT, startedAt: 0, codeLast4: null, payment: null, cancelRequested: false, ignoredScan: null };

describe('saleKey', () => {
  it('types the amount unless the note has the focus', () => {
    expect(saleKey(amount, '7', false)).toEqual({ do: 'amount', key: '7' });
    expect(saleKey(amount, ',', false)).toEqual({ do: 'amount', key: '.' });
    expect(saleKey(amount, 'Delete', false)).toEqual({ do: 'amount', key: 'Clear' });
    expect(saleKey(amount, '7', true)).toBeNull();
    expect(saleKey(amount, 'Tab', false)).toEqual({ do: 'focusNote' });
  });

  it('Enter goes forward and Esc goes back in every phase', () => {
    expect(saleKey(amount, 'Enter', true)).toEqual({ do: 'confirm' });
    expect(saleKey(amount, 'Escape', false)).toEqual({ do: 'back' });
    expect(saleKey(amount, 'Escape', true)).toEqual({ do: 'leaveField' });
    expect(saleKey(scan, 'Escape', false)).toEqual({ do: 'back' });
    expect(saleKey({ phase: 'result', draft: EMPTY_DRAFT, payment: payment('SUCCESS'), ignoredScan: null }, 'Enter', false)).toEqual({ do: 'newSale' });
    expect(saleKey({ phase: 'result', draft: EMPTY_DRAFT, payment: payment('FAILED'), ignoredScan: null }, 'Enter', false)).toEqual({ do: 'retry' });
    expect(saleKey({ phase: 'unknown', draft: EMPTY_DRAFT, startedAt: 0, codeLast4: null, payment: null, resolving: false, problem: null, ignoredScan: null }, 'Enter', false)).toEqual({ do: 'resolve' });
  });

  it('Esc on the waiting screen cancels at the gateway, once', () => {
    expect(saleKey(paying, 'Escape', false)).toEqual({ do: 'cancel' });
    expect(saleKey({ ...paying, cancelRequested: true }, 'Escape', false)).toBeNull();
    expect(saleKey(paying, 'Enter', false)).toBeNull();
  });

  it('takes a code typed by hand on the scan prompt', () => {
    expect(saleKey(scan, '2', false)).toEqual({ do: 'manual', key: '2' });
    expect(saleKey(scan, 'Enter', false)).toBeNull();
    expect(saleKey({ ...scan, manualCode: '2876' }, 'Enter', false)).toEqual({ do: 'submitManual' });
  });

  it('prints only a paid receipt', () => {
    expect(saleKey({ phase: 'result', draft: EMPTY_DRAFT, payment: payment('SUCCESS'), ignoredScan: null }, 'F8', false)).toEqual({ do: 'print' });
    expect(saleKey({ phase: 'result', draft: EMPTY_DRAFT, payment: payment('FAILED'), ignoredScan: null }, 'F8', false)).toBeNull();
  });
});

describe('keyName', () => {
  it('reads the physical key when a Chinese input method hides it', () => {
    expect(keyName({ key: 'Process', code: 'Digit3' })).toBe('3');
    expect(keyName({ key: 'Process', code: 'Numpad7' })).toBe('7');
    expect(keyName({ key: 'Process', code: 'Escape' })).toBe('Escape');
    expect(keyName({ key: 'Unidentified', code: 'NumpadEnter' })).toBe('Enter');
  });

  it('keeps named keys', () => {
    expect(keyName({ key: 'F2', code: 'F2' })).toBe('F2');
    expect(keyName({ key: 'Backspace', code: 'Backspace' })).toBe('Backspace');
    expect(keyName({ key: '&', code: 'Digit1' })).toBe('1');
  });
});
