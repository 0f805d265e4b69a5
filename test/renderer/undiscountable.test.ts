// The amount screen's second amount (issue 12) as the sale machine and the keys run it.
import { describe, expect, it } from 'vitest';
import { saleKey } from '../../renderer/keyboard/saleKeys.ts';
import { EMPTY_DRAFT, saleTransition, type SaleEvent, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { undiscountableArg } from '../../renderer/sale/undiscountable.ts';

const AMOUNT: SaleState = { phase: 'amount', draft: EMPTY_DRAFT, problem: null, heldScan: null };
const run = (events: SaleEvent[], from: SaleState = AMOUNT): SaleState => events.reduce(saleTransition, from);
const keys = (text: string): SaleEvent[] => [...text].map((k) => ({ type: 'key', key: k as never }));

describe('the second amount (不参与优惠金额)', () => {
  it('↓ moves the keys to it, ↑ back to the total; both amounts keep what was typed', () => {
    const s = run([...keys('12'), { type: 'field', field: 'undiscountable' }, ...keys('10'), { type: 'field', field: 'amount' }, ...keys('.5')]);
    expect(s).toMatchObject({ phase: 'amount', draft: { amountText: '12.5', undiscountableText: '10' } });
    expect(s.phase === 'amount' && s.field).toBeUndefined();
  });

  it('Enter with a part above the total stays on the amount with the core\'s refusal, in the second field', () => {
    const s = run([...keys('12'), { type: 'field', field: 'undiscountable' }, ...keys('13'), { type: 'confirm', at: 1 }]);
    expect(s).toMatchObject({ phase: 'amount', field: 'undiscountable', problem: { error: { code: 'INVALID_AMOUNT', details: { field: 'undiscountable' } } } });
    expect(run([...keys('12'), { type: 'field', field: 'undiscountable' }, ...keys('12'), { type: 'confirm', at: 1 }]).phase).toBe('scan');
  });

  it('Esc in the second field drops it and keeps the total; an empty or zero part disappears when left', () => {
    const s = run([...keys('8'), { type: 'field', field: 'undiscountable' }, ...keys('3'), { type: 'back' }]);
    expect(s).toMatchObject({ phase: 'amount', draft: { amountText: '8' } });
    expect(s.phase === 'amount' && 'undiscountableText' in s.draft).toBe(false);
    const zero = run([...keys('8'), { type: 'field', field: 'undiscountable' }, ...keys('0'), { type: 'field', field: 'amount' }]);
    expect(zero.phase === 'amount' && 'undiscountableText' in zero.draft).toBe(false);
  });

  it('is sent only when it is not zero, as the typed yuan', () => {
    expect(undiscountableArg({ ...EMPTY_DRAFT, undiscountableText: '10.' })).toEqual({ undiscountable: '10' });
    expect(undiscountableArg({ ...EMPTY_DRAFT, undiscountableText: '0.00' })).toEqual({});
    expect(undiscountableArg(EMPTY_DRAFT)).toEqual({});
  });

  it('↓ and ↑ are the keys on the amount screen, not in the note', () => {
    expect(saleKey(AMOUNT, 'ArrowDown', false)).toEqual({ do: 'field', field: 'undiscountable' });
    expect(saleKey(AMOUNT, 'ArrowUp', false)).toEqual({ do: 'field', field: 'amount' });
    expect(saleKey(AMOUNT, 'ArrowDown', true)).toBeNull();
  });

  it('a retry after a reload puts the payment\'s part back beside its amount', () => {
    const s = run([{ type: 'checked', active: { status: 'UNKNOWN', state: 'WAITING', outTradeNo: 'TR1', tradeNo: null, amount: '12.00', amountFen: 1200, provider: 'alipay', training: true, buyer: null, codeLast4: '0000', cancelAction: null, createdAt: 1, undiscountableFen: 1000 }, at: 1 }], { phase: 'checking', draft: EMPTY_DRAFT });
    expect(s).toMatchObject({ phase: 'paying', draft: { amountText: '12.00', undiscountableText: '10.00' } });
  });
});
