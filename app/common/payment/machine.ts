// The payment attempt's state machine (barcode-pay.md "The flow"): a pure transition function.
// Every state change is journaled before the next step is taken; only a verified gateway answer
// can lead to SUCCESS, and nothing leads from an unknown outcome to FAILED without the gateway.
import { BugError } from '../errors.ts';

export type AttemptState =
  | 'CREATED'     // journaled, request not sent yet
  | 'SENT'        // trade.pay is in flight
  | 'WAITING'     // 10003: the buyer is confirming on the phone; polling trade.query
  | 'QUERYING'    // the answer was lost or unclear: asking trade.query what happened
  | 'CANCELLING'  // wait limit or cashier cancel: trade.cancel (with retries)
  | 'UNKNOWN'     // nothing could be confirmed yet; the reconciler keeps trying (not final)
  | 'SUCCESS'
  | 'FAILED'
  | 'CANCELLED';

export const FINAL_STATES: ReadonlySet<AttemptState> = new Set(['SUCCESS', 'FAILED', 'CANCELLED']);

export function isFinal(s: AttemptState): boolean {
  return FINAL_STATES.has(s);
}

export type PaymentEvent =
  | { type: 'sent' }
  | { type: 'paid' }             // a verified answer says TRADE_SUCCESS / TRADE_FINISHED / 10000
  | { type: 'waiting' }          // 10003, or query says WAIT_BUYER_PAY
  | { type: 'declined' }         // 40004 on pay, or query says TRADE_CLOSED before we cancelled
  | { type: 'outcome-unknown' }  // timeout, dropped connection, 20000, bad signature, mismatch
  | { type: 'cancel' }           // wait limit reached or the cashier pressed cancel
  | { type: 'cancelled' }        // trade.cancel confirmed (action close or refund)
  | { type: 'kept-paid' }        // trade.cancel was refused and a query after that refusal says paid
  | { type: 'unresolved' }       // cancel could not be confirmed: stays visible as UNKNOWN
  | { type: 'recover' };         // start-up or reconciler picks an unfinished attempt up again

const TABLE: Record<AttemptState, Partial<Record<PaymentEvent['type'], AttemptState>>> = {
  CREATED: { sent: 'SENT', recover: 'QUERYING' },
  // cancel: the cashier's cancel while trade.pay is in flight is journaled at once (issue 9 item 2);
  // the cancel itself goes out when the pay call returns or times out.
  SENT: { paid: 'SUCCESS', waiting: 'WAITING', declined: 'FAILED', 'outcome-unknown': 'QUERYING', cancel: 'CANCELLING', recover: 'QUERYING' },
  WAITING: { paid: 'SUCCESS', waiting: 'WAITING', declined: 'FAILED', 'outcome-unknown': 'WAITING', cancel: 'CANCELLING', recover: 'QUERYING' },
  // cancelled: a query finds the trade closed after an earlier cancel of ours (its answer was lost).
  QUERYING: { paid: 'SUCCESS', waiting: 'WAITING', declined: 'FAILED', cancelled: 'CANCELLED', 'outcome-unknown': 'QUERYING', cancel: 'CANCELLING', unresolved: 'UNKNOWN', recover: 'QUERYING' },
  // Once a cancel is decided only its own answer settles the attempt (issue 8 item 1): a "paid"
  // from a query or a late pay answer is not SUCCESS, since the cancel may refund it. Exceptions:
  // the cancel refused and a query after it says paid (kept-paid), or trade.pay's own definite
  // decline arriving after the cashier's cancel (declined: nothing was charged).
  CANCELLING: { cancelled: 'CANCELLED', 'kept-paid': 'SUCCESS', declined: 'FAILED', unresolved: 'UNKNOWN', recover: 'CANCELLING' },
  UNKNOWN: { paid: 'SUCCESS', declined: 'FAILED', cancelled: 'CANCELLED', cancel: 'CANCELLING', recover: 'QUERYING', waiting: 'WAITING', 'outcome-unknown': 'UNKNOWN' },
  SUCCESS: {},
  FAILED: {},
  CANCELLED: {},
};

export function canTransition(state: AttemptState, event: PaymentEvent): boolean {
  return TABLE[state][event.type] !== undefined;
}

export function transition(state: AttemptState, event: PaymentEvent): AttemptState {
  const next = TABLE[state][event.type];
  if (next === undefined) throw new BugError(`payment attempt cannot go from ${state} on '${event.type}'`);
  return next;
}
