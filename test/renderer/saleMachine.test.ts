import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../../app/common/errors.ts';
import { EMPTY_DRAFT, INITIAL_SALE, resultGuarded, saleTransition, type SaleEvent, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { payment } from './payments.ts';

/** The scan: a moment before the core journaled the fixtures' payment (payments.ts createdAt). */
const AT = Date.UTC(2026, 10, 22, 2, 14, 59, 800);

function run(events: SaleEvent[], from: SaleState = INITIAL_SALE): SaleState {
  return events.reduce(saleTransition, from);
}

const amountOf = (text: string): SaleState => ({ phase: 'amount', draft: { ...EMPTY_DRAFT, amountText: text }, problem: null, heldScan: null });
const scanOf = (text: string): SaleState => ({ phase: 'scan', draft: { ...EMPTY_DRAFT, amountText: text }, problem: null, manualCode: '' });
const error = (code: ErrorData['code']): ErrorData => ({ code, message: code, messageZh: code });

describe('before the first sale', () => {
  it('starts with amount entry when no payment is open', () => {
    expect(run([{ type: 'checked', active: null, at: AT }]).phase).toBe('amount');
  });

  it('shows an unresolved payment with its resolve action instead of a new sale', () => {
    const s = run([{ type: 'checked', active: payment('UNKNOWN'), at: AT }]);
    expect(s.phase).toBe('unknown');
    expect(run([{ type: 'newSale' }], s)).toBe(s);
  });

  it('follows a payment the core is still working on (the screen was reloaded mid-payment)', () => {
    const s = run([{ type: 'checked', active: payment('WAITING'), at: AT }]);
    expect(s).toMatchObject({ phase: 'paying', payment: { state: 'WAITING' } });
  });

  it('treats not knowing whether a payment is open as unknown', () => {
    expect(run([{ type: 'checkFailed', error: error('INTERNAL_ERROR') }]).phase).toBe('unknown');
  });
});

describe('amount entry', () => {
  it('asks for the amount before the scan', () => {
    const s = run([{ type: 'confirm' }], amountOf(''));
    expect(s).toMatchObject({ phase: 'amount', problem: { message: 'sale.problem.amountFirst' } });
  });

  it('refuses what the core would refuse, with the core error', () => {
    const s = run([{ type: 'key', key: '0' }, { type: 'confirm' }], amountOf(''));
    expect(s).toMatchObject({ phase: 'amount', problem: { error: { code: 'INVALID_AMOUNT' } } });
  });

  it('goes to the scan with a valid amount, and Esc comes back keeping it', () => {
    const s = run([{ type: 'key', key: '9' }, { type: 'confirm' }], amountOf(''));
    expect(s.phase).toBe('scan');
    expect(run([{ type: 'back' }], s)).toMatchObject({ phase: 'amount', draft: { amountText: '9' } });
  });
});

describe('a scan', () => {
  it('starts paying from the scan prompt', () => {
    expect(run([{ type: 'scanned', code: '287654321012345601', at: AT }], scanOf('12.34'))).toMatchObject({ phase: 'paying', startedAt: AT, payment: null });
  });

  it('on amount entry pays the typed amount and never changes it', () => {
    const s = run([{ type: 'scanned', code: '287654321012345601', at: AT }, { type: 'confirm', at: AT + 500 }], amountOf('8.5'));
    expect(s).toMatchObject({ phase: 'paying', draft: { amountText: '8.5' } });
  });

  it('without an amount is refused on screen', () => {
    const s = run([{ type: 'scanned', code: '287654321012345601', at: AT }], amountOf(''));
    expect(s).toMatchObject({ phase: 'amount', draft: { amountText: '' }, problem: { message: 'sale.problem.amountFirst' } });
  });

  it('while a payment runs is shown and never starts a second one', () => {
    const paying = run([{ type: 'scanned', code: '287654321012345601', at: AT }], scanOf('5'));
    const s = run([{ type: 'scanned', code: '287654321012349900', at: AT + 100 }], paying);
    expect(s).toMatchObject({ phase: 'paying', startedAt: AT, ignoredScan: { last4: '9900' } });
  });

  it('after a success is ignored; after a decline it is the retry', () => {
    const paid: SaleState = { phase: 'result', draft: { ...EMPTY_DRAFT, amountText: '5' }, payment: payment('SUCCESS'), ignoredScan: null };
    expect(run([{ type: 'scanned', code: '287654321012349900', at: AT }], paid)).toMatchObject({ phase: 'result', ignoredScan: { last4: '9900' } });
    const failed: SaleState = { ...paid, payment: payment('FAILED') };
    expect(run([{ type: 'scanned', code: '287654321012349900', at: AT }], failed)).toMatchObject({ phase: 'paying', draft: { amountText: '5' } });
  });

  it('while unknown is shown and ignored', () => {
    const unknown = run([{ type: 'checked', active: payment('UNKNOWN'), at: AT }]);
    expect(run([{ type: 'scanned', code: '287654321012349900', at: AT }], unknown)).toMatchObject({ phase: 'unknown', ignoredScan: { last4: '9900' } });
  });
});

describe('following the payment', () => {
  const paying = run([{ type: 'scanned', code: '287654321012345601', at: AT }], scanOf('12.34'));

  it('adopts the first report of the attempt it started', () => {
    const s = run([{ type: 'changed', payment: payment('SENT') }, { type: 'changed', payment: payment('WAITING') }], paying);
    expect(s).toMatchObject({ phase: 'paying', payment: { state: 'WAITING' } });
  });

  it('ignores the recovery pass settling some other payment', () => {
    expect(run([{ type: 'changed', payment: payment('QUERYING') }], paying)).toBe(paying);
    expect(run([{ type: 'changed', payment: payment('SENT', { amountFen: 999 }) }], paying)).toBe(paying);
    const mine = run([{ type: 'changed', payment: payment('SENT') }], paying);
    expect(run([{ type: 'changed', payment: payment('SUCCESS', { outTradeNo: 'TR2' }) }], mine)).toBe(mine);
  });

  it('ends on the result, or on unknown when nothing could be confirmed', () => {
    expect(run([{ type: 'changed', payment: payment('SENT') }, { type: 'changed', payment: payment('SUCCESS') }], paying).phase).toBe('result');
    expect(run([{ type: 'started', payment: payment('FAILED') }], paying).phase).toBe('result');
    expect(run([{ type: 'changed', payment: payment('SENT') }, { type: 'changed', payment: payment('UNKNOWN') }], paying).phase).toBe('unknown');
  });

  it('marks the cancel once asked, and cannot leave the payment for a new sale', () => {
    const s = run([{ type: 'cancelRequested' }], paying);
    expect(s).toMatchObject({ phase: 'paying', cancelRequested: true });
    expect(run([{ type: 'newSale' }], s)).toBe(s);
  });
});

describe('a refused start', () => {
  const paying = run([{ type: 'scanned', code: '2876', at: AT }], scanOf('1'));

  it('goes back to the scan when nothing was sent', () => {
    expect(run([{ type: 'refused', error: error('UNSUPPORTED_CODE') }], paying)).toMatchObject({ phase: 'scan', problem: { error: { code: 'UNSUPPORTED_CODE' } } });
  });

  it('looks at the open payment when another one is in the way', () => {
    expect(run([{ type: 'refused', error: error('ATTEMPT_UNRESOLVED') }], paying).phase).toBe('checking');
  });

  it('is an unknown outcome when the request may have left (a lost connection)', () => {
    expect(run([{ type: 'refused', error: error('INTERNAL_ERROR') }], paying)).toMatchObject({ phase: 'unknown', startedAt: AT });
  });
});

describe('after the result', () => {
  it('Enter on a decline scans again for the same amount; on a success it does nothing of the sort', () => {
    const failed: SaleState = { phase: 'result', draft: { amountText: '20', note: 'tea' }, payment: payment('FAILED'), ignoredScan: null };
    expect(run([{ type: 'retry' }], failed)).toMatchObject({ phase: 'scan', draft: { amountText: '20', note: 'tea' } });
    const paid: SaleState = { ...failed, payment: payment('SUCCESS') };
    expect(run([{ type: 'retry' }], paid)).toBe(paid);
    expect(run([{ type: 'newSale' }], paid)).toMatchObject({ phase: 'amount', draft: EMPTY_DRAFT });
  });
});

describe('resolving', () => {
  const unknown = run([{ type: 'checked', active: payment('UNKNOWN'), at: AT }]);

  it('shows the settled outcome', () => {
    expect(run([{ type: 'resolving' }, { type: 'resolved', payment: payment('CANCELLED'), error: null }], unknown).phase).toBe('result');
  });

  it('stays unknown, saying so, while the outcome is still open', () => {
    const s = run([{ type: 'resolving' }, { type: 'resolved', payment: payment('UNKNOWN'), error: null }], unknown);
    expect(s).toMatchObject({ phase: 'unknown', resolving: false, problem: { message: 'unknown.stillOpen' } });
  });

  it('frees the till when there was nothing to resolve', () => {
    const lost = run([{ type: 'refused', error: error('INTERNAL_ERROR') }], run([{ type: 'scanned', code: '2876', at: AT }], scanOf('1')));
    expect(run([{ type: 'resolving' }, { type: 'resolved', payment: null, error: null }], lost).phase).toBe('amount');
  });
});

describe('review findings', () => {
  const CODE = '287654321012345601';

  it('holds a scan made while the amount is typed, keeps it through more digits, and charges on Enter', () => {
    const held = run([{ type: 'scanned', code: CODE, at: AT }], amountOf('12'));
    expect(held).toMatchObject({ phase: 'amount', draft: { amountText: '12' }, heldScan: { code: CODE, last4: '5601' } });
    const more = run([{ type: 'key', key: '8' }], held);
    expect(more).toMatchObject({ phase: 'amount', draft: { amountText: '128' }, heldScan: { last4: '5601' } });
    expect(run([{ type: 'confirm', at: AT + 900 }], more)).toMatchObject({ phase: 'paying', draft: { amountText: '128' }, startedAt: AT + 900, codeLast4: '5601' });
    // Esc drops the code, not the amount.
    expect(run([{ type: 'back' }], more)).toMatchObject({ phase: 'amount', draft: { amountText: '128' }, heldScan: null });
    // Enter with the amount emptied meanwhile asks for it and keeps the code.
    expect(run([{ type: 'key', key: 'Clear' }, { type: 'confirm', at: AT }], held)).toMatchObject({ phase: 'amount', problem: { message: 'sale.problem.amountFirst' }, heldScan: { last4: '5601' } });
  });

  it('on the scan prompt still charges a scan at once', () => {
    expect(run([{ type: 'scanned', code: CODE, at: AT }], scanOf('128'))).toMatchObject({ phase: 'paying', draft: { amountText: '128' } });
  });

  const lostStart = (): SaleState => run([{ type: 'scanned', code: CODE, at: AT }, { type: 'refused', error: error('INTERNAL_ERROR') }], scanOf('12.34'));

  it('on the unknown screen without a number, takes only the first sign of the attempt its scan started', () => {
    const s = lostStart();
    expect(s).toMatchObject({ phase: 'unknown', payment: null });
    // The recovery pass on an older attempt, or one made before this scan, is someone else's.
    expect(run([{ type: 'changed', payment: payment('QUERYING', { outTradeNo: 'TR-OLD' }) }], s)).toBe(s);
    expect(run([{ type: 'changed', payment: payment('SENT', { outTradeNo: 'TR-OLD', createdAt: AT - 5_000 }) }], s)).toBe(s);
    expect(run([{ type: 'changed', payment: payment('SENT', { outTradeNo: 'TR-OLD', codeLast4: '9900' }) }], s)).toBe(s);
    expect(run([{ type: 'changed', payment: payment('SENT', { outTradeNo: 'TR-MINE' }) }], s)).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-MINE' } });
  });

  it('while paying without a number, ignores a just-started report from before its scan', () => {
    const paying = run([{ type: 'scanned', code: CODE, at: AT }], scanOf('12.34'));
    expect(run([{ type: 'changed', payment: payment('SENT', { createdAt: AT - 2_000 }) }], paying)).toBe(paying);
    expect(run([{ type: 'changed', payment: payment('SENT', { createdAt: AT - 900 }) }], paying)).toMatchObject({ payment: { state: 'SENT' } });
  });

  it('never frees the till while the payment it knows of is not settled', () => {
    const known = run([{ type: 'changed', payment: payment('SENT', { outTradeNo: 'TR-MINE' }) }], lostStart());
    expect(run([{ type: 'resolving' }, { type: 'resolved', payment: null, error: null }], known)).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-MINE' }, problem: { message: 'unknown.stillOpen' } });
    expect(run([{ type: 'resolving' }, { type: 'resolved', payment: payment('SUCCESS', { outTradeNo: 'TR-OTHER' }), error: null }], known)).toMatchObject({ phase: 'unknown', payment: { outTradeNo: 'TR-MINE' } });
    expect(run([{ type: 'resolving' }, { type: 'resolved', payment: null, error: error('INTERNAL_ERROR') }], known)).toMatchObject({ phase: 'unknown', problem: { error: { code: 'INTERNAL_ERROR' } } });
  });

  it('fills the amount from the payment it adopts after a reload', () => {
    expect(run([{ type: 'checked', active: payment('WAITING', { amountFen: 4560 }), at: AT }])).toMatchObject({ phase: 'paying', draft: { amountText: '45.60' } });
    expect(run([{ type: 'checked', active: payment('UNKNOWN', { amountFen: 700 }), at: AT }])).toMatchObject({ phase: 'unknown', draft: { amountText: '7.00' } });
  });
});

describe('issue 9 on the sale screen', () => {
  const paid: SaleState = { phase: 'result', draft: { ...EMPTY_DRAFT, amountText: '12.34' }, payment: payment('SUCCESS'), ignoredScan: null, shownAt: null };

  it('holds keys off a result until it has been on screen for the guard time (item 1)', () => {
    expect(resultGuarded(paid, AT, 800)).toBe(true); // not seen yet: kept whatever the time
    const shown = run([{ type: 'shown', at: AT }], paid);
    expect(resultGuarded(shown, AT + 799, 800)).toBe(true);
    expect(resultGuarded(shown, AT + 800, 800)).toBe(false);
    // A second 'shown' (a re-render) does not restart the guard.
    expect(run([{ type: 'shown', at: AT + 500 }], shown)).toBe(shown);
  });

  it('keeps the last result one key away from the next sale (item 1)', () => {
    const next = run([{ type: 'shown', at: AT }, { type: 'newSale' }], paid);
    expect(next).toMatchObject({ phase: 'amount', last: { outTradeNo: paid.payment.outTradeNo } });
    expect(run([{ type: 'showLast', at: AT + 5000 }], next)).toMatchObject({ phase: 'result', payment: { status: 'SUCCESS' }, draft: { amountText: '12.34' } });
    // Not once an amount is being typed: F6 must not throw the typing away.
    expect(run([{ type: 'key', key: '5' }, { type: 'showLast', at: AT }], next).phase).toBe('amount');
  });

  it('asks a second Enter for an amount from the threshold, and Esc goes back to change it (item 10)', () => {
    const typed = amountOf('2000');
    const asked = run([{ type: 'confirm', confirmAboveFen: 100_000 }], typed);
    expect(asked).toMatchObject({ phase: 'amount', confirmLarge: true });
    expect(run([{ type: 'back' }], asked)).toMatchObject({ phase: 'amount', confirmLarge: false, draft: { amountText: '2000' } });
    expect(run([{ type: 'confirm', confirmAboveFen: 100_000 }], asked).phase).toBe('scan');
    expect(run([{ type: 'confirm', confirmAboveFen: 300_000 }], typed).phase).toBe('scan');
  });

  it('waits through a lost link and follows what the core says when it is back (item 5)', () => {
    const paying = run([{ type: 'scanned', code: '287654321012345601', at: AT }], scanOf('12.34'));
    const lost = run([{ type: 'refused', error: { code: 'INTERNAL_ERROR', message: 'x', messageZh: 'x', details: { transport: 'closed' } } }], paying);
    expect(lost).toMatchObject({ phase: 'paying', linkLost: true });
    expect(run([{ type: 'resynced', found: payment('WAITING'), running: true, foreign: false }], lost)).toMatchObject({ phase: 'paying', linkLost: false, payment: { state: 'WAITING' } });
    expect(run([{ type: 'resynced', found: payment('SUCCESS'), running: false, foreign: false }], lost)).toMatchObject({ phase: 'result', payment: { status: 'SUCCESS' } });
    expect(run([{ type: 'resynced', found: payment('WAITING'), running: false, foreign: false }], lost).phase).toBe('unknown');
    // Nothing of this scan reached the core: not sent, nothing charged, the amount kept.
    expect(run([{ type: 'resynced', found: null, running: false, foreign: false }], lost)).toMatchObject({ phase: 'scan', draft: { amountText: '12.34' }, problem: { message: 'sale.problem.notSent' } });
    // A request that never left the page says so at once.
    const notSent = run([{ type: 'refused', error: { code: 'INTERNAL_ERROR', message: 'x', messageZh: 'x', details: { transport: 'notSent' } } }], paying);
    expect(notSent).toMatchObject({ phase: 'scan', problem: { message: 'sale.problem.notSent' } });
  });

  it('keeps a scan refused because another screen is charging on the scan screen, with its amount (item 6)', () => {
    const paying = run([{ type: 'scanned', code: '287654321012345601', at: AT }], scanOf('7'));
    expect(run([{ type: 'refused', error: error('PAYMENT_OTHER_SCREEN') }], paying)).toMatchObject({ phase: 'scan', draft: { amountText: '7' }, problem: { error: { code: 'PAYMENT_OTHER_SCREEN' } } });
  });

  it('says plainly when Esc came too late and the customer had paid (item 2)', () => {
    const paying = run([{ type: 'scanned', code: '287654321012345601', at: AT }, { type: 'changed', payment: payment('SENT', { createdAt: AT + 10 }) }, { type: 'cancelRequested' }], scanOf('12.34'));
    expect(run([{ type: 'changed', payment: payment('SUCCESS', { createdAt: AT + 10 }) }], paying)).toMatchObject({ phase: 'result', cancelTooLate: true });
  });
});
