// A refund from a payment's detail: the amount (the whole remainder unless the cashier types
// less; F7 sets it back to the whole), the reason (a digit key, issue 9 item 13), a confirmation
// step, then the core's answer. Money leaves the shop here, so Enter is pressed twice: once for
// the amount, once for "refund ¥x to the customer?". When the till has a manager PIN, the core
// asks for it (CONFIRMATION_REQUIRED) and the PIN step sends the same refund again with it.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { RefundView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { bridge } from '../bridge.ts';
import { refreshDetail } from '../history/historyStore.ts';
import { loadCashier } from '../shift/cashierStore.ts';
import { checkAmount } from '../sale/amountText.ts';
import type { Problem } from '../sale/saleMachine.ts';
import { REASON_TEXT, type RefundReason } from './refundReasons.ts';

type Base = { outTradeNo: string; leftFen: number; amountText: string };
export type RefundState =
  | { phase: 'closed' }
  | ({ phase: 'editing'; problem: Problem | null } & Base)
  | ({ phase: 'reason' } & Base)
  | ({ phase: 'confirming'; reason: RefundReason } & Base)
  | ({ phase: 'sending'; reason: RefundReason; pin: string } & Base)
  /** The till has a manager PIN: typed here, then the refund goes again with it. */
  | ({ phase: 'pin'; reason: RefundReason; pin: string; problem: ErrorData | null } & Base)
  | { phase: 'done'; outTradeNo: string; refund: RefundView }
  | ({ phase: 'failed'; error: ErrorData } & Base);

export const refundStore = createStore<RefundState>()(() => ({ phase: 'closed' }));

export function startRefund(outTradeNo: string, leftFen: number): void {
  refundStore.setState({ phase: 'editing', outTradeNo, leftFen, amountText: fenToYuan(leftFen), problem: null }, true);
}

export function setRefundAmount(text: string): void {
  const s = refundStore.getState();
  if (s.phase !== 'editing') return;
  refundStore.setState({ ...s, amountText: text.replace(/[^0-9.]/g, '').slice(0, 12), problem: null }, true);
}

/** F7 in the panel: the whole remainder, straight on to the reason. */
export function refundFull(): void {
  const s = refundStore.getState();
  if (s.phase === 'editing' || s.phase === 'reason') refundStore.setState({ phase: 'reason', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: fenToYuan(s.leftFen) }, true);
}

export function pickReason(reason: RefundReason): void {
  const s = refundStore.getState();
  if (s.phase === 'reason') refundStore.setState({ phase: 'confirming', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText, reason }, true);
}

export function typeRefundPin(text: string): void {
  const s = refundStore.getState();
  if (s.phase === 'pin') refundStore.setState({ ...s, pin: text.replace(/\D/g, '').slice(0, 12), problem: null }, true);
}

async function send(s: Base & { reason: RefundReason; pin: string }): Promise<void> {
  refundStore.setState({ phase: 'sending', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText, reason: s.reason, pin: s.pin }, true);
  const r = await bridge().refund.start({ outTradeNo: s.outTradeNo, amount: s.amountText, reason: REASON_TEXT[s.reason], ...(s.pin ? { managerPin: s.pin } : {}) });
  const base = { outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText };
  if (!r.ok && r.error.code === 'CONFIRMATION_REQUIRED' && (r.error.details as { pinSet?: boolean } | undefined)?.pinSet !== false) {
    // Asked for (or a wrong) PIN: nothing was refunded; the same refund waits for the PIN.
    refundStore.setState({ phase: 'pin', ...base, reason: s.reason, pin: '', problem: s.pin ? r.error : null }, true);
    return;
  }
  // Nobody on duty on a till that asks (issue 12): the sign-in prompt comes up with the refusal, as on a sale.
  if (!r.ok && r.error.code === 'CASHIER_REQUIRED') void loadCashier();
  refundStore.setState(r.ok ? { phase: 'done', outTradeNo: s.outTradeNo, refund: r.data } : { phase: 'failed', ...base, error: r.error }, true);
  await refreshDetail();
}

/** Validates the amount the same way the core will, and against what is left. */
export function checkRefundAmount(amountText: string, leftFen: number): { ok: true; fen: number } | { ok: false; problem: Problem } {
  const a = checkAmount(amountText);
  if (!a.ok) return { ok: false, problem: { error: a.error } };
  if (a.fen > leftFen) return { ok: false, problem: { message: 'refund.tooMuch', params: { left: `¥${fenToYuan(leftFen)}` } } };
  return { ok: true, fen: a.fen };
}

/** Enter: from the amount to the reason, from the question to the refund, from the PIN to the refund again. */
export async function refundNext(): Promise<void> {
  const s = refundStore.getState();
  if (s.phase === 'editing') {
    const c = checkRefundAmount(s.amountText, s.leftFen);
    if (!c.ok) return void refundStore.setState({ ...s, problem: c.problem }, true);
    return void refundStore.setState({ phase: 'reason', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: fenToYuan(c.fen) }, true);
  }
  if (s.phase === 'confirming') return send({ ...s, pin: '' });
  if (s.phase === 'pin' && s.pin.length >= 4) return send(s);
}

/** Esc: one step back; from the amount, out of the refund. */
export function refundBack(): void {
  const s = refundStore.getState();
  const base = 'amountText' in s ? { outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText } : null;
  if (base && (s.phase === 'reason' || s.phase === 'failed')) refundStore.setState({ phase: 'editing', ...base, problem: null }, true);
  else if (base && (s.phase === 'confirming' || s.phase === 'pin')) refundStore.setState({ phase: 'reason', ...base }, true);
  else if (s.phase !== 'sending') refundStore.setState({ phase: 'closed' }, true);
}
