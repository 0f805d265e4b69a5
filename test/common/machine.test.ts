import { describe, expect, it } from 'vitest';
import { BugError } from '../../app/common/errors.ts';
import { FINAL_STATES, isFinal, transition, type AttemptState, type PaymentEvent } from '../../app/common/payment/machine.ts';

const ALL_STATES: AttemptState[] = ['CREATED', 'SENT', 'WAITING', 'QUERYING', 'CANCELLING', 'UNKNOWN', 'SUCCESS', 'FAILED', 'CANCELLED'];
const ALL_EVENTS: PaymentEvent['type'][] = ['sent', 'paid', 'waiting', 'declined', 'outcome-unknown', 'cancel', 'cancelled', 'kept-paid', 'unresolved', 'recover'];

function reachable(state: AttemptState, event: PaymentEvent['type']): AttemptState | 'illegal' {
  try {
    return transition(state, { type: event } as PaymentEvent);
  } catch (e) {
    if (e instanceof BugError) return 'illegal';
    throw e;
  }
}

describe('transition', () => {
  it('follows the happy path: created → sent → success', () => {
    expect(transition(transition('CREATED', { type: 'sent' }), { type: 'paid' })).toBe('SUCCESS');
  });

  it('treats 10003 as waiting, not failure (field-notes 2)', () => {
    expect(transition('SENT', { type: 'waiting' })).toBe('WAITING');
  });

  it('turns a lost answer into querying, never failed (field-notes 3)', () => {
    expect(transition('SENT', { type: 'outcome-unknown' })).toBe('QUERYING');
  });

  it('never moves out of a final state', () => {
    for (const s of FINAL_STATES) for (const e of ALL_EVENTS) expect(reachable(s, e)).toBe('illegal');
  });

  it('reaches FAILED only from states where the gateway answered about the trade itself', () => {
    for (const s of ALL_STATES) {
      if (reachable(s, 'declined') === 'FAILED') expect(['SENT', 'WAITING', 'QUERYING', 'CANCELLING', 'UNKNOWN']).toContain(s);
    }
    expect(reachable('CANCELLING', 'unresolved')).toBe('UNKNOWN');
  });

  it('lets every unfinished state be picked up by the recovery pass', () => {
    for (const s of ALL_STATES.filter((x) => !isFinal(x))) expect(reachable(s, 'recover')).not.toBe('illegal');
  });

  it('keeps UNKNOWN unfinished: it can still become SUCCESS or be cancelled', () => {
    expect(isFinal('UNKNOWN')).toBe(false);
    expect(transition('UNKNOWN', { type: 'paid' })).toBe('SUCCESS');
    expect(transition('UNKNOWN', { type: 'cancel' })).toBe('CANCELLING');
  });

  it('journals the cashier\'s cancel while trade.pay is still in flight (issue 9 item 2)', () => {
    expect(reachable('SENT', 'cancel')).toBe('CANCELLING');
  });

  it('once cancelling, a "paid" answer is not SUCCESS: only the cancel, or a query after its refusal, settles it (issue 8 item 1)', () => {
    expect(reachable('CANCELLING', 'paid')).toBe('illegal');
    expect(reachable('CANCELLING', 'kept-paid')).toBe('SUCCESS');
    expect(reachable('CANCELLING', 'cancel')).toBe('illegal');
  });
});
