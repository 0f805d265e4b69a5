// The sale as the screen runs it: a pure transition function over the cashier's side of one sale
// (amount → scan → paying → result, or unknown until resolved). The payment itself is the core's
// state machine (app/common/payment/machine.ts); this one only follows it through PaymentView.
// Rules from field-notes.md: one attempt at a time (item 1: a second scan is shown, never
// charged), a stuck attempt can only be resolved, never abandoned (items 3–4).
import type { Provider } from '../../app/common/codes.ts';
import type { ErrorCode, ErrorData } from '../../app/common/errors.ts';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { isFinal } from '../../app/common/payment/machine.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { checkAmount, typeAmountKey, type AmountKey } from './amountText.ts';
import { checkUndiscountable } from './undiscountable.ts';

/** `undiscountableText`: the part not eligible for promotions (issue 12), as typed; absent: none. */
export type Draft = { amountText: string; note: string; undiscountableText?: string };

/** Something the screen must tell the cashier: a refusal from the core or a hint of its own. */
export type Problem = { error: ErrorData } | { message: MessageKey; params?: Record<string, string> };

export type IgnoredScan = { last4: string; at: number };

/**
 * A code scanned while the amount was still being typed: charging it at once would charge "12" on
 * the way to "128", so it waits for the cashier's Enter (Esc drops it).
 */
export type HeldScan = { code: string; last4: string; at: number };

export type SaleState =
  /** Asking the core whether an earlier payment is still open before a new sale may start. */
  | { phase: 'checking'; draft: Draft }
  /**
   * `last` is the sale just finished, one key (F6) away (issue 9 item 1); `confirmLarge` is set
   * while an amount above the till's threshold waits for a second Enter (item 10).
   */
  | {
      phase: 'amount'; draft: Draft; problem: Problem | null; heldScan: HeldScan | null; last?: PaymentView | null; confirmLarge?: boolean;
      /** 'undiscountable': the keys type the second amount (issue 12); absent: the total. */
      field?: 'undiscountable';
    }
  | {
      phase: 'scan'; draft: Draft; problem: Problem | null; manualCode: string;
      /** F10 with more than one QR provider: the cashier picks one (1, 2…; Enter or F10 the first), one code per sale (issue 11). */
      qrChoice?: readonly Provider[] | undefined;
    }
  /**
   * From the scan until the core says how it ended; `payment` is null until its first push.
   * `startedAt` and `codeLast4` (of the scanned code) recognise this sale's payment before its
   * number is known.
   */
  | {
      phase: 'paying'; draft: Draft; startedAt: number; codeLast4: string | null; payment: PaymentView | null; cancelRequested: boolean; ignoredScan: IgnoredScan | null;
      /** The link to the core dropped after the request left: the core may still be paying it. */
      linkLost?: boolean;
      /** Started by another screen of this till: shown here, cancelled only there (item 6). */
      foreign?: boolean;
      /** The customer scans the till's QR code (issue 11) rather than the till scanning theirs. */
      qr?: boolean;
      /** Whose QR code was asked for (before the core's first push names it). */
      qrProvider?: Provider | undefined;
    }
  /**
   * `shownAt` is when the cashier first had it on screen (null while another screen was up): keys
   * are ignored for a guard time after it, and a result not yet seen is kept (items 1 and 4).
   */
  | { phase: 'result'; draft: Draft; payment: PaymentView; ignoredScan: IgnoredScan | null; shownAt?: number | null; cancelTooLate?: boolean }
  /** The outcome could not be confirmed: the till keeps checking; only resolving ends it. */
  | { phase: 'unknown'; draft: Draft; startedAt: number | null; codeLast4: string | null; payment: PaymentView | null; resolving: boolean; problem: Problem | null; ignoredScan: IgnoredScan | null };

export type SaleEvent =
  /** `foreign`: the open payment was started by another screen of this till. */
  | { type: 'checked'; active: PaymentView | null; at: number; foreign?: boolean }
  | { type: 'checkFailed'; error: ErrorData }
  | { type: 'key'; key: AmountKey }
  | { type: 'note'; text: string }
  /** ↓ / ↑ on the amount screen: the second amount (not eligible for promotions) or back to the total. */
  | { type: 'field'; field: 'amount' | 'undiscountable' }
  /** Enter on the amount; `at` is when, the start of the charge if a scan is held. */
  | { type: 'confirm'; at?: number; confirmAboveFen?: number | null }
  | { type: 'back' }
  | { type: 'manualKey'; key: string }
  | { type: 'scanned'; code: string; at: number }
  /** F10 on the scan prompt: show the till's QR code for this amount (issue 11). */
  | { type: 'qrRequested'; at: number; provider?: Provider | undefined }
  | { type: 'qrChoose'; providers: readonly Provider[] }
  | { type: 'changed'; payment: PaymentView }
  | { type: 'started'; payment: PaymentView }
  | { type: 'refused'; error: ErrorData }
  | { type: 'cancelRequested' }
  /**
   * The core did not take the cashier's cancel: `notRunning` when it answered that it is not running
   * this payment (cancelled: false), else the call itself failed; `payment` is what a fresh lookup
   * found (null when it found nothing or failed).
   */
  | { type: 'cancelNotTaken'; notRunning: boolean; payment: PaymentView | null }
  | { type: 'newSale' }
  | { type: 'retry' }
  /** The result is on the cashier's screen now. */
  | { type: 'shown'; at: number }
  /** After a decline that says to check the amount: back to it. */
  | { type: 'editAmount' }
  /** F6 on an empty amount: the last result again. */
  | { type: 'showLast'; at: number }
  /** The link dropped while the pay request was unanswered (it had left the page). */
  | { type: 'linkLost' }
  /**
   * What the core said after the link came back: `found` is this sale's payment if it has one
   * (by number, or by amount, code and time), `running` whether the core is still paying it.
   */
  | { type: 'resynced'; found: PaymentView | null; running: boolean; foreign: boolean }
  | { type: 'resolving' }
  | { type: 'resolved'; payment: PaymentView | null; error: ErrorData | null };

export const EMPTY_DRAFT: Draft = { amountText: '', note: '' };

export const INITIAL_SALE: SaleState = { phase: 'checking', draft: EMPTY_DRAFT };

/** Refusals that come before anything was sent: the same code can be tried again or fixed. */
const REFUSED_BEFORE_SENDING: ReadonlySet<ErrorCode> = new Set(['INVALID_AMOUNT', 'UNSUPPORTED_CODE', 'PROVIDER_NOT_CONFIGURED', 'INVALID_ARGUMENT', 'CASHIER_REQUIRED']);
/** Refusals that mean another payment is open: look at it before anything else. */
const ANOTHER_PAYMENT_OPEN: ReadonlySet<ErrorCode> = new Set(['ATTEMPT_UNRESOLVED', 'PAYMENT_IN_PROGRESS']);

const MAX_MANUAL_CODE_DIGITS = 32;

/** As the core keeps it (Checkout trims the code before it stores the last four digits). */
function last4(code: string): string {
  return code.trim().slice(-4);
}

/** The screen's clock and the core's may differ a little even on one machine. */
export const CLOCK_SKEW_MS = 1000;

/**
 * Whether a payment could be the one this sale started, judged without its number: the same
 * amount and code, created after this sale's scan. A payment created before it is another
 * customer's, however alike (field-notes.md item 4).
 */
export function startedBy(sale: { draft: Draft; startedAt: number | null; codeLast4: string | null }, p: PaymentView): boolean {
  if (sale.startedAt === null) return false;
  const amount = checkAmount(sale.draft.amountText);
  return amount.ok && amount.fen === p.amountFen && p.createdAt >= sale.startedAt - CLOCK_SKEW_MS && (sale.codeLast4 === null || sale.codeLast4 === p.codeLast4);
}

/**
 * The draft to keep beside a payment the screen follows: its amount, so that a retry after a
 * decline charges what is shown (after a reload the typed amount is gone). The note stays only
 * when it was typed for this amount.
 */
function draftFor(draft: Draft, p: PaymentView): Draft {
  const typed = checkAmount(draft.amountText);
  return typed.ok && typed.fen === p.amountFen ? draft : { amountText: fenToYuan(p.amountFen), note: '', ...(p.undiscountableFen ? { undiscountableText: fenToYuan(p.undiscountableFen) } : {}) };
}

/** Where a payment the core reported belongs on screen. */
function follow(draft: Draft, payment: PaymentView, ignoredScan: IgnoredScan | null): SaleState {
  if (isFinal(payment.state)) return { phase: 'result', draft: draftFor(draft, payment), payment, ignoredScan: null, shownAt: null };
  return { phase: 'unknown', draft: draftFor(draft, payment), startedAt: payment.createdAt, codeLast4: payment.codeLast4, payment, resolving: false, problem: null, ignoredScan };
}

/** States a new attempt is first reported in; the recovery pass reports old ones as QUERYING or later. */
const JUST_STARTED: ReadonlySet<PaymentView['state']> = new Set(['CREATED', 'SENT']);

/**
 * A push belongs to this sale if it is its payment, or the first sign of the attempt it just
 * started (the core pushes SENT with the number right after journaling, before the gateway call).
 */
function isOurs(s: Extract<SaleState, { phase: 'paying' | 'unknown' }>, p: PaymentView): boolean {
  if (s.payment) return s.payment.outTradeNo === p.outTradeNo;
  return JUST_STARTED.has(p.state) && startedBy(s, p);
}

/** A payment a lookup found (not a push): this sale's if it is its payment, or if it matches its scan. */
function isFound(s: Extract<SaleState, { phase: 'paying' }>, p: PaymentView): boolean {
  return s.payment ? s.payment.outTradeNo === p.outTradeNo : startedBy(s, p);
}

function startPaying(draft: Draft, at: number, code: string): SaleState {
  return { phase: 'paying', draft, startedAt: at, codeLast4: last4(code), payment: null, cancelRequested: false, ignoredScan: null };
}

/** The core journals a QR attempt with 'QR' where a scanned code's last four digits would be. */
export const QR_CODE_LAST4 = 'QR';

/** The waiting screen takes a newer view of its own payment; an outcome or an unknown leaves it. */
function followPaying(s: Extract<SaleState, { phase: 'paying' }>, p: PaymentView): SaleState {
  if (isFinal(p.state) || p.state === 'UNKNOWN') {
    const next = follow(s.draft, p, s.ignoredScan);
    // Esc was pressed but the customer had paid before the cancel could go out: said plainly (item 2).
    return next.phase === 'result' && s.cancelRequested && p.status === 'SUCCESS' ? { ...next, cancelTooLate: true } : next;
  }
  return { ...s, draft: draftFor(s.draft, p), payment: p, cancelRequested: s.cancelRequested || p.state === 'CANCELLING', linkLost: false };
}

/** How long keys are ignored after a result appears, unless the till's settings say otherwise. */
export const DEFAULT_RESULT_GUARD_MS = 800;

/**
 * Whether a key at `at` may leave the result: only after the cashier has had it on screen for the
 * guard time. An Enter that follows a scan (a CR+LF suffix, or habit) must not throw it away.
 */
export function resultGuarded(s: SaleState, at: number, guardMs: number): boolean {
  if (s.phase !== 'result') return false;
  return s.shownAt === null || s.shownAt === undefined || at - s.shownAt < guardMs;
}

function amountAfter(s: Extract<SaleState, { phase: 'result' }>): SaleState {
  return { ...AMOUNT_START, last: s.payment };
}

const AMOUNT_START: Extract<SaleState, { phase: 'amount' }> = { phase: 'amount', draft: EMPTY_DRAFT, problem: null, heldScan: null };

export function saleTransition(s: SaleState, e: SaleEvent): SaleState {
  switch (e.type) {
    case 'checked': {
      const a = e.active;
      // The waiting screen asks after a lost link: the open payment is its own if it matches its scan.
      if (s.phase === 'paying') return a && isFound(s, a) ? followPaying(s, a) : s;
      if (s.phase !== 'checking' && s.phase !== 'unknown') return s;
      if (!a || isFinal(a.state)) return s.phase === 'checking' ? { phase: 'amount', draft: s.draft, problem: null, heldScan: null } : s;
      // Still being worked on by the core (this screen was reloaded mid-payment): follow it, with
      // its amount, which the reload took off the screen.
      const draft = draftFor(s.draft, a);
      if (a.state !== 'UNKNOWN') return { phase: 'paying', draft, startedAt: a.createdAt, codeLast4: a.codeLast4, payment: a, cancelRequested: a.state === 'CANCELLING', ignoredScan: null, foreign: e.foreign ?? false };
      return { phase: 'unknown', draft, startedAt: a.createdAt, codeLast4: a.codeLast4, payment: a, resolving: false, problem: null, ignoredScan: null };
    }
    case 'checkFailed':
      // Not knowing whether a payment is open is itself an unknown: no new sale until it is known.
      if (s.phase !== 'checking') return s;
      return { phase: 'unknown', draft: s.draft, startedAt: null, codeLast4: null, payment: null, resolving: false, problem: { error: e.error }, ignoredScan: null };
    case 'key':
      if (s.phase !== 'amount') return s;
      if (s.field === 'undiscountable') return { ...s, draft: { ...s.draft, undiscountableText: typeAmountKey(s.draft.undiscountableText ?? '', e.key) }, problem: null, confirmLarge: false };
      return { ...s, draft: { ...s.draft, amountText: typeAmountKey(s.draft.amountText, e.key) }, problem: null, confirmLarge: false };
    case 'field': {
      if (s.phase !== 'amount') return s;
      if (e.field === 'undiscountable') return { ...s, field: 'undiscountable', draft: { ...s.draft, undiscountableText: s.draft.undiscountableText ?? '' }, confirmLarge: false };
      // Back to the total: an empty or zero second amount is no second amount (the field goes).
      const { undiscountableText, ...rest } = s.draft;
      const { field: _f, ...amount } = s;
      return { ...amount, draft: undiscountableText && !/^0*\.?0*$/.test(undiscountableText) ? s.draft : rest };
    }
    case 'note':
      if (s.phase !== 'amount' && s.phase !== 'scan') return s;
      return { ...s, draft: { ...s.draft, note: e.text.slice(0, 64) } };
    case 'confirm': {
      if (s.phase !== 'amount') return s;
      if (s.draft.amountText === '') return { ...s, problem: { message: 'sale.problem.amountFirst' } };
      const amount = checkAmount(s.draft.amountText);
      if (!amount.ok) return { ...s, problem: { error: amount.error } };
      // The part not eligible for promotions: never more than the total (issue 12).
      const part = checkUndiscountable(amount.fen, s.draft);
      if (!part.ok) return { ...s, problem: { error: part.error }, field: 'undiscountable' };
      // An unusually large amount (a slip of 00) is said back and needs a second Enter.
      if (e.confirmAboveFen != null && amount.fen >= e.confirmAboveFen && !s.confirmLarge) return { ...s, problem: null, confirmLarge: true };
      // The cashier has seen the amount beside the held code and confirmed it: charge.
      if (s.heldScan) return startPaying(s.draft, e.at ?? s.heldScan.at, s.heldScan.code);
      return { phase: 'scan', draft: s.draft, problem: null, manualCode: '' };
    }
    case 'back':
      // Esc drops a held code first, and keeps the amount typed so far.
      if (s.phase === 'amount' && s.confirmLarge) return { ...s, confirmLarge: false, problem: null };
      if (s.phase === 'amount' && s.heldScan) return { ...s, heldScan: null, problem: null };
      if (s.phase === 'amount' && s.field === 'undiscountable') {
        // Esc in the second field drops it and goes back to the total, which stays.
        const { undiscountableText: _u, ...draft } = s.draft;
        const { field: _f, ...amount } = s;
        return { ...amount, draft, problem: null };
      }
      if (s.phase === 'amount') return { ...s, draft: EMPTY_DRAFT, problem: null, confirmLarge: false };
      if (s.phase === 'scan' && s.qrChoice) return { ...s, qrChoice: undefined };
      if (s.phase === 'scan') return { phase: 'amount', draft: s.draft, problem: null, heldScan: null };
      return s;
    case 'manualKey': {
      if (s.phase !== 'scan') return s;
      if (e.key === 'Backspace') return { ...s, manualCode: s.manualCode.slice(0, -1), problem: null };
      if (!/^[0-9]$/.test(e.key) || s.manualCode.length >= MAX_MANUAL_CODE_DIGITS) return s;
      return { ...s, manualCode: s.manualCode + e.key, problem: null };
    }
    case 'qrRequested':
      if (s.phase !== 'scan') return s;
      return { phase: 'paying', draft: s.draft, startedAt: e.at, codeLast4: QR_CODE_LAST4, payment: null, cancelRequested: false, ignoredScan: null, qr: true, ...(e.provider ? { qrProvider: e.provider } : {}) };
    case 'qrChoose':
      if (s.phase !== 'scan' || e.providers.length === 0) return s;
      return { ...s, qrChoice: e.providers, problem: null };
    case 'scanned':
      switch (s.phase) {
        case 'scan':
          return startPaying(s.draft, e.at, e.code);
        case 'amount': {
          // The scan's digits never reach the amount (field-notes.md item 9). The amount may be
          // half typed ("12" on the way to "128"), so the code is held until Enter confirms the
          // amount; a newer code replaces it (the customer refreshed it).
          if (s.draft.amountText === '') return { ...s, problem: { message: 'sale.problem.amountFirst' } };
          const amount = checkAmount(s.draft.amountText);
          if (!amount.ok) return { ...s, problem: { error: amount.error } };
          return { ...s, problem: null, confirmLarge: false, heldScan: { code: e.code, last4: last4(e.code), at: e.at } };
        }
        case 'result':
          // After a decline the customer refreshes the code: its scan is the retry. After a
          // success a scan is never a second charge (field-notes.md item 1).
          if (s.payment.status !== 'SUCCESS') return startPaying(s.draft, e.at, e.code);
          return { ...s, ignoredScan: { last4: last4(e.code), at: e.at } };
        case 'paying':
        case 'unknown':
          return { ...s, ignoredScan: { last4: last4(e.code), at: e.at } };
        case 'checking':
          return s;
      }
      return s;
    case 'changed':
      if (s.phase === 'paying') return isOurs(s, e.payment) ? followPaying(s, e.payment) : s;
      // A QR payment that landed after its cancel is pushed again once its refund is settled (issue 11).
      if (s.phase === 'result' && s.payment.outTradeNo === e.payment.outTradeNo && isFinal(e.payment.state) && e.payment.lateRefund) return { ...s, payment: e.payment };
      if (s.phase === 'unknown') {
        // Without a number, only the first sign of the attempt this sale started is taken: the
        // recovery pass settling an older attempt is some other customer's (field-notes.md item 4).
        if (!isOurs(s, e.payment)) return s;
        return isFinal(e.payment.state) ? follow(s.draft, e.payment, null) : { ...s, draft: draftFor(s.draft, e.payment), payment: e.payment };
      }
      return s;
    case 'started':
      // The call's own answer can say more than the last push (a QR payment that landed after the
      // cancel: its refund), so a result on screen takes it, for its own payment only.
      if (s.phase === 'result' && s.payment.outTradeNo === e.payment.outTradeNo && isFinal(e.payment.state)) return { ...s, payment: e.payment };
      if (s.phase !== 'paying' && s.phase !== 'unknown') return s;
      if (s.phase === 'unknown' && s.payment && s.payment.outTradeNo !== e.payment.outTradeNo) return s;
      return follow(s.draft, e.payment, s.ignoredScan);
    case 'refused':
      if (s.phase !== 'paying') return s;
      if (REFUSED_BEFORE_SENDING.has(e.error.code) && !s.payment) return { phase: 'scan', draft: s.draft, problem: { error: e.error }, manualCode: '' };
      // Nothing left the page (the link was down at the scan): nothing was charged, the amount stays.
      if (e.error.details?.transport === 'notSent' && !s.payment) return { phase: 'scan', draft: s.draft, problem: { message: 'sale.problem.notSent' }, manualCode: '' };
      // Another screen of this till is charging: this scan was not taken, and is said here.
      if (e.error.code === 'PAYMENT_OTHER_SCREEN' && !s.payment) return { phase: 'scan', draft: s.draft, problem: { error: e.error }, manualCode: '' };
      // The link dropped with the request out: the core may still be paying it, so the screen
      // waits for the link and asks (resynced), rather than calling it unknown.
      if (e.error.details?.transport === 'closed') return { ...s, linkLost: true };
      if (ANOTHER_PAYMENT_OPEN.has(e.error.code)) return { phase: 'checking', draft: s.draft };
      // The request may have left: never guess (field-notes.md item 3).
      return { phase: 'unknown', draft: s.draft, startedAt: s.startedAt, codeLast4: s.codeLast4, payment: s.payment, resolving: false, problem: { error: e.error }, ignoredScan: s.ignoredScan };
    case 'cancelRequested':
      if (s.phase !== 'paying') return s;
      return { ...s, cancelRequested: true };
    case 'cancelNotTaken': {
      if (s.phase !== 'paying') return s;
      const p = e.payment && isFound(s, e.payment) ? e.payment : null;
      const next = p ? followPaying(s, p) : s;
      if (next.phase !== 'paying') return next;
      const mine = next.payment;
      // The core runs no pay for it (a restart left it to the recovery pass): the screen cannot
      // cancel it from here, only resolve it, which queries and cancels what was not paid.
      if (e.notRunning && mine && mine.state !== 'CANCELLING') {
        return { phase: 'unknown', draft: next.draft, startedAt: next.startedAt, codeLast4: next.codeLast4, payment: mine, resolving: false, problem: { message: 'sale.paying.notRunning' }, ignoredScan: next.ignoredScan };
      }
      // Otherwise Esc works again; a cancel the core is already making keeps the screen on it.
      return { ...next, cancelRequested: mine?.state === 'CANCELLING' };
    }
    case 'newSale':
      if (s.phase === 'result') return amountAfter(s);
      if (s.phase === 'amount' || s.phase === 'scan') return { ...AMOUNT_START, last: s.phase === 'amount' ? s.last ?? null : null };
      return s;
    case 'editAmount':
      if (s.phase !== 'result' || s.payment.status === 'SUCCESS') return s;
      return { ...AMOUNT_START, draft: s.draft, last: s.payment };
    case 'shown':
      if (s.phase !== 'result' || (s.shownAt !== null && s.shownAt !== undefined)) return s;
      return { ...s, shownAt: e.at };
    case 'showLast':
      if (s.phase !== 'amount' || !s.last || s.draft.amountText !== '' || s.heldScan) return s;
      return { phase: 'result', draft: { amountText: fenToYuan(s.last.amountFen), note: '' }, payment: s.last, ignoredScan: null, shownAt: e.at };
    case 'linkLost':
      if (s.phase !== 'paying') return s;
      return { ...s, linkLost: true };
    case 'resynced': {
      if (s.phase !== 'paying') return s;
      const p = e.found && isFound(s, e.found) ? e.found : null;
      if (p) {
        const next = followPaying(s, p);
        if (next.phase !== 'paying') return next;
        // The core is not paying it any more and has no outcome: only resolving ends it now.
        if (!e.running) return { phase: 'unknown', draft: next.draft, startedAt: next.startedAt, codeLast4: next.codeLast4, payment: p, resolving: false, problem: null, ignoredScan: next.ignoredScan };
        return { ...next, linkLost: false, foreign: e.foreign };
      }
      if (!s.linkLost) return s;
      // The link came back and the core has no payment of this scan: the request never reached it.
      if (!s.payment) return { phase: 'scan', draft: s.draft, problem: { message: 'sale.problem.notSent' }, manualCode: '' };
      return s;
    }
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
      // A payment this screen knows of ends only by its own outcome: a lookup that found nothing
      // (or found another payment) leaves it unresolved (field-notes.md item 4).
      if (s.payment && p?.outTradeNo !== s.payment.outTradeNo) return { ...s, resolving: false, problem: { message: 'unknown.stillOpen' } };
      // Nothing open any more and nothing of ours to show: the till is free for a new sale.
      if (!p) return AMOUNT_START;
      return isFinal(p.state) ? follow(s.draft, p, null) : { ...s, draft: draftFor(s.draft, p), payment: p, resolving: false, problem: { message: 'unknown.stillOpen' } };
    }
  }
}
