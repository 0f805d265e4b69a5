import { describe, expect, it } from 'vitest';
import { displayOfPayment, displayOfSale, isDisplay } from '../../renderer/customer/display.ts';
import { EMPTY_DRAFT } from '../../renderer/sale/saleMachine.ts';
import { payment } from './payments.ts';

describe('the customer display', () => {
  it('shows the amount as it is typed, then what the customer must do', () => {
    expect(displayOfSale({ phase: 'amount', draft: { ...EMPTY_DRAFT, amountText: '12.3' }, problem: null, heldScan: null }, true)).toEqual({ status: 'amount', amountFen: 1230, training: true });
    expect(displayOfSale({ phase: 'amount', draft: EMPTY_DRAFT, problem: null, heldScan: null }, false)).toEqual({ status: 'idle', amountFen: null, training: false });
    expect(displayOfSale({ phase: 'scan', draft: { ...EMPTY_DRAFT, amountText: '5' }, problem: null, manualCode: '' }, false).status).toBe('scan');
  });

  it('follows the payment to paid or not paid', () => {
    expect(displayOfPayment(payment('WAITING')).status).toBe('waiting');
    expect(displayOfPayment(payment('SENT')).status).toBe('paying');
    expect(displayOfPayment(payment('SUCCESS')).status).toBe('paid');
    expect(displayOfPayment(payment('CANCELLED')).status).toBe('failed');
    expect(displayOfPayment(payment('UNKNOWN')).status).toBe('unknown');
  });

  it('carries nothing but the amount, the status, the provider and the training flag', () => {
    const d = displayOfSale({ phase: 'result', draft: EMPTY_DRAFT, payment: payment('SUCCESS'), ignoredScan: null }, true);
    expect(Object.keys(d).sort()).toEqual(['amountFen', 'provider', 'status', 'training']);
    expect(JSON.stringify(d)).not.toMatch(/TR2026|183\*|5601|2026112222/);
  });

  it('believes only well-formed messages from another page', () => {
    expect(isDisplay({ status: 'paid', amountFen: 100, training: false })).toBe(true);
    expect(isDisplay({ status: 'paid', amountFen: 1.5, training: false })).toBe(false);
    expect(isDisplay({ status: 'hacked', amountFen: null, training: false })).toBe(false);
    expect(isDisplay(null)).toBe(false);
  });
});
