import { describe, expect, it } from 'vitest';
import { soundFor } from '../../renderer/sound/sounds.ts';
import { EMPTY_DRAFT, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { payment } from './payments.ts';

const paying: SaleState = { phase: 'paying', draft: EMPTY_DRAFT, startedAt: 0, codeLast4: null, payment: null, cancelRequested: false, ignoredScan: null };
const result = (p: ReturnType<typeof payment>): Extract<SaleState, { phase: 'result' }> => ({ phase: 'result', draft: EMPTY_DRAFT, payment: p, ignoredScan: null });

describe('soundFor', () => {
  it('plays once when the result arrives: paid, or failed for anything else', () => {
    expect(soundFor(paying, result(payment('SUCCESS')))).toBe('paid');
    expect(soundFor(paying, result(payment('FAILED')))).toBe('failed');
    expect(soundFor(paying, result(payment('CANCELLED')))).toBe('failed');
  });

  it('stays quiet otherwise', () => {
    const paid = result(payment('SUCCESS'));
    expect(soundFor(paid, { ...paid, ignoredScan: { last4: '1234', at: 1 } })).toBeNull();
    expect(soundFor(paying, { ...paying, cancelRequested: true })).toBeNull();
  });
});
