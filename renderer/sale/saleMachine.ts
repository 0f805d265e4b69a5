// The sale as the screen runs it: a pure transition function over the cashier's side of one sale
// (amount → scan → paying → result, or unknown until resolved). The payment itself is the core's
// state machine (app/common/payment/machine.ts); this one only follows it through PaymentView.
// Rules from field-notes.md: one attempt at a time (item 1: a second scan is shown, never
// charged), a stuck attempt can only be resolved, never abandoned (items 3–4).
import type { ErrorCode, ErrorData } from '../../app/common/errors.ts';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { isFinal } from '../../app/common/payment/machine.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { checkAmount, typeAmountKey, type AmountKey } from './amountText.ts';

export type Draft = { amountText: string; note: string };

/** Something the screen must tell the cashier: a refusal from the core or a hint of its own. */
export type Problem = { error: ErrorData } | { message: MessageKey; params?: Record<string, string> };

export type IgnoredScan = { last4: string; at: number };

export type SaleState =
  /** Asking the core whether an earlier payment is still open before a new sale may start. */
  | { phase: 'checking'; draft: Draft }
  | { phase: 'amount'; draft: Draft; problem: Problem | null }
  | { phase: 'scan'; draft: Draft; problem: Problem | null; manualCode: string }
  /** From the scan until the core says how it ended; `payment` is null until its first push. */
  | { phase: 'paying'; draft: Draft; startedAt: number; payment: PaymentView | null; cancelRequested: boolean; ignoredScan: IgnoredScan | null }
  | { phase: 'result'; draft: Draft; payment: PaymentView; ignoredScan: IgnoredScan | null }
  /** The outcome could not be confirmed: the till keeps checking; only resolving ends it. */
  | { phase: 'unknown'; draft: Draft; startedAt: number | null; payment: PaymentView | null; resolving: boolean; problem: Problem | null; ignoredScan: IgnoredScan | null };

export type SaleEvent =
  | { type: 'checked'; active: PaymentView | null; at: number }
  | { type: 'checkFailed'; error: ErrorData }
  | { type: 'key'; key: AmountKey }
  | { type: 'note'; text: string }
  | { type: 'confirm' }
  | { type: 'back' }
  | { type: 'manualKey'; key: string }
  | { type: 'scanned'; code: string; at: number }
  | { type: 'changed'; payment: PaymentView }
  | { type: 'started'; payment: PaymentView }
  | { type: 'refused'; error: ErrorData }
  | { type: 'cancelRequested' }
  | { type: 'newSale' }
  | { type: 'retry' }
  | { type: 'resolving' }
  | { type: 'resolved'; payment: PaymentView | null; error: ErrorData | null };

export const EMPTY_DRAFT: Draft = { amountText: '', note: '' };

export const INITIAL_SALE: SaleState = { phase: 'checking', draft: EMPTY_DRAFT };

/** Refusals that come before anything was sent: the same code can be tried again or fixed. */
const REFUSED_BEFORE_SENDING: ReadonlySet<ErrorCode> = new Set(['INVALID_AMOUNT', 'UNSUPPORTED_CODE', 'PROVIDER_NOT_CONFIGURED', 'INVALID_ARGUMENT']);
/** Refusals that mean another payment is open: look at it before anything else. */
const ANOTHER_PAYMENT_OPEN: ReadonlySet<ErrorCode> = new Set(['ATTEMPT_UNRESOLVED', 'PAYMENT_IN_PROGRESS']);

const MAX_MANUAL_CODE_DIGITS = 32;

function last4(code: string): string {
  return code.slice(-4);
}

/** Where a payment the core reported belongs on screen. */
function follow(draft: Draft, payment: PaymentView, ignoredScan: IgnoredScan | null): SaleState {
  if (isFinal(payment.state)) return { phase: 'result', draft, payment, ignoredScan: null };
  return { phase: 'unknown', draft, startedAt: payment.createdAt, payment, resolving: false, problem: null, ignoredScan };
}

/** States a new attempt is first reported in; the recovery pass reports old ones as QUERYING or later. */
const JUST_STARTED: ReadonlySet<PaymentView['state']> = new Set(['CREATED', 'SENT']);

/** A push belongs to this sale if it is its payment, or the first sign of the attempt it just started. */
function isOurs(current: PaymentView | null, p: PaymentView, amountText: string): boolean {
  if (current) return current.outTradeNo === p.outTradeNo;
  const amount = checkAmount(amountText);
  return JUST_STARTED.has(p.state) && amount.ok && amount.fen === p.amountFen;
}

function startPaying(draft: Draft, at: number): SaleState {
  return { phase: 'paying', draft, startedAt: at, payment: null, cancelRequested: false, ignoredScan: null };
}

export function saleTransition(s: SaleState, e: SaleEvent): SaleState {
  switch (e.type) {
    case 'checked': {
      if (s.phase !== 'checking' && s.phase !== 'unknown') return s;
      const a = e.active;
      if (!a || isFinal(a.state)) return s.phase === 'checking' ? { phase: 'amount', draft: s.draft, problem: null } : s;
      // Still being worked on by the core (this screen was reloaded mid-payment): follow it.
      if (a.state !== 'UNKNOWN') return { phase: 'paying', draft: s.draft, startedAt: a.createdAt, payment: a, cancelRequested: a.state === 'CANCELLING', ignoredScan: null };
      return { phase: 'unknown', draft: s.draft, startedAt: a.createdAt, payment: a, resolving: false, problem: null, ignoredScan: null };
    }
    case 'checkFailed':
      // Not knowing whether a payment is open is itself an unknown: no new sale until it is known.
      if (s.phase !== 'checking') return s;
      return { phase: 'unknown', draft: s.draft, startedAt: null, payment: null, resolving: false, problem: { error: e.error }, ignoredScan: null };
    case 'key':
      if (s.phase !== 'amount') return s;
      return { ...s, draft: { ...s.draft, amountText: typeAmountKey(s.draft.amountText, e.key) }, problem: null };
    case 'note':
      if (s.phase !== 'amount' && s.phase !== 'scan') return s;
      return { ...s, draft: { ...s.draft, note: e.text.slice(0, 64) } };
    case 'confirm': {
      if (s.phase !== 'amount') return s;
      if (s.draft.amountText === '') return { ...s, problem: { message: 'sale.problem.amountFirst' } };
      const amount = checkAmount(s.draft.amountText);
      if (!amount.ok) return { ...s, problem: { error: amount.error } };
      return { phase: 'scan', draft: s.draft, problem: null, manualCode: '' };
    }
    case 'back':
      if (s.phase === 'amount') return { ...s, draft: EMPTY_DRAFT, problem: null };
      if (s.phase === 'scan') return { phase: 'amount', draft: s.draft, problem: null };
      return s;
    case 'manualKey': {
      if (s.phase !== 'scan') return s;
      if (e.key === 'Backspace') return { ...s, manualCode: s.manualCode.slice(0, -1), problem: null };
      if (!/^[0-9]$/.test(e.key) || s.manualCode.length >= MAX_MANUAL_CODE_DIGITS) return s;
      return { ...s, manualCode: s.manualCode + e.key, problem: null };
    }
    case 'scanned':
      switch (s.phase) {
        case 'scan':
          return startPaying(s.draft, e.at);
        case 'amount': {
          // Typing the amount and scanning at once is the quickest sale; the scan's digits never
          // reach the amount (field-notes.md item 9).
          if (s.draft.amountText === '') return { ...s, problem: { message: 'sale.problem.amountFirst' } };
          const amount = checkAmount(s.draft.amountText);
          return amount.ok ? startPaying(s.draft, e.at) : { ...s, problem: { error: amount.error } };
        }
        case 'result':
          // After a decline the customer refreshes the code: its scan is the retry. After a
          // success a scan is never a second charge (field-notes.md item 1).
          if (s.payment.status !== 'SUCCESS') return startPaying(s.draft, e.at);
          return { ...s, ignoredScan: { last4: last4(e.code), at: e.at } };
        case 'paying':
        case 'unknown':
          return { ...s, ignoredScan: { last4: last4(e.code), at: e.at } };
        case 'checking':
          return s;
      }
      return s;
    case 'changed':
      if (s.phase === 'paying') {
        if (!isOurs(s.payment, e.payment, s.draft.amountText)) return s;
        if (isFinal(e.payment.state) || e.payment.state === 'UNKNOWN') return follow(s.draft, e.payment, s.ignoredScan);
        return { ...s, payment: e.payment, cancelRequested: s.cancelRequested || e.payment.state === 'CANCELLING' };
      }
      if (s.phase === 'unknown') {
        if (s.payment && s.payment.outTradeNo !== e.payment.outTradeNo) return s;
        if (!s.payment && isFinal(e.payment.state)) return s;
        return isFinal(e.payment.state) ? follow(s.draft, e.payment, null) : { ...s, payment: e.payment };
      }
      return s;
    case 'started':
      if (s.phase !== 'paying' && s.phase !== 'unknown') return s;
      if (s.phase === 'unknown' && s.payment && s.payment.outTradeNo !== e.payment.outTradeNo) return s;
      return follow(s.draft, e.payment, s.ignoredScan);
    case 'refused':
      if (s.phase !== 'paying') return s;
      if (REFUSED_BEFORE_SENDING.has(e.error.code) && !s.payment) return { phase: 'scan', draft: s.draft, problem: { error: e.error }, manualCode: '' };
      if (ANOTHER_PAYMENT_OPEN.has(e.error.code)) return { phase: 'checking', draft: s.draft };
      // The request may have left: never guess (field-notes.md item 3).
      return { phase: 'unknown', draft: s.draft, startedAt: s.startedAt, payment: s.payment, resolving: false, problem: { error: e.error }, ignoredScan: s.ignoredScan };
    case 'cancelRequested':
      if (s.phase !== 'paying') return s;
      return { ...s, cancelRequested: true };
    case 'newSale':
      if (s.phase === 'amount' || s.phase === 'scan' || s.phase === 'result') return { phase: 'amount', draft: EMPTY_DRAFT, problem: null };
      return s;
    case 'retry':
      if (s.phase !== 'result' || s.payment.status === 'SUCCESS') return s;
      return { phase: 'scan', draft: s.draft, problem: null, manualCode: '' };
    case 'resolving':
      if (s.phase !== 'unknown') return s;
      return { ...s, resolving: true, problem: null };
    case 'resolved': {
      if (s.phase !== 'unknown') return s;
      if (e.error) return { ...s, resolving: false, problem: { error: e.error } };
      const p = e.payment;
      // Nothing open any more and nothing of ours to show: the till is free for a new sale.
      if (!p) return { phase: 'amount', draft: EMPTY_DRAFT, problem: null };
      return isFinal(p.state) ? follow(s.draft, p, null) : { ...s, payment: p, resolving: false, problem: { message: 'unknown.stillOpen' } };
    }
  }
}
