// A refund from a payment's detail: the amount (the whole remainder unless the cashier types
// less), a confirmation step, then the core's answer. Money leaves the shop here, so Enter is
// pressed twice: once for the amount, once for "refund ¥x to the customer?".
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { RefundView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { bridge } from '../bridge.ts';
import { refreshDetail } from '../history/historyStore.ts';
import { checkAmount } from '../sale/amountText.ts';
import type { Problem } from '../sale/saleMachine.ts';

export type RefundState =
  | { phase: 'closed' }
  | { phase: 'editing'; outTradeNo: string; leftFen: number; amountText: string; problem: Problem | null }
  | { phase: 'confirming'; outTradeNo: string; leftFen: number; amountText: string }
  | { phase: 'sending'; outTradeNo: string; leftFen: number; amountText: string }
  | { phase: 'done'; outTradeNo: string; refund: RefundView }
  | { phase: 'failed'; outTradeNo: string; leftFen: number; amountText: string; error: ErrorData };

export const refundStore = createStore<RefundState>()(() => ({ phase: 'closed' }));

export function startRefund(outTradeNo: string, leftFen: number): void {
  refundStore.setState({ phase: 'editing', outTradeNo, leftFen, amountText: fenToYuan(leftFen), problem: null }, true);
}

export function setRefundAmount(text: string): void {
  const s = refundStore.getState();
  if (s.phase !== 'editing') return;
  refundStore.setState({ ...s, amountText: text.replace(/[^0-9.]/g, '').slice(0, 12), problem: null }, true);
}

export function refundFull(): void {
  const s = refundStore.getState();
  if (s.phase === 'editing') refundStore.setState({ ...s, amountText: fenToYuan(s.leftFen), problem: null }, true);
}

/** Validates the amount the same way the core will, and against what is left. */
export function checkRefundAmount(amountText: string, leftFen: number): { ok: true; fen: number } | { ok: false; problem: Problem } {
  const a = checkAmount(amountText);
  if (!a.ok) return { ok: false, problem: { error: a.error } };
  if (a.fen > leftFen) return { ok: false, problem: { message: 'refund.tooMuch', params: { left: `¥${fenToYuan(leftFen)}` } } };
  return { ok: true, fen: a.fen };
}

/** Enter: from the amount to the question, from the question to the refund. */
export async function refundNext(): Promise<void> {
  const s = refundStore.getState();
  if (s.phase === 'editing') {
    const c = checkRefundAmount(s.amountText, s.leftFen);
    if (!c.ok) return void refundStore.setState({ ...s, problem: c.problem }, true);
    return void refundStore.setState({ phase: 'confirming', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: fenToYuan(c.fen) }, true);
  }
  if (s.phase !== 'confirming') return;
  refundStore.setState({ ...s, phase: 'sending' }, true);
  const r = await bridge().refund.start({ outTradeNo: s.outTradeNo, amount: s.amountText });
  refundStore.setState(r.ok ? { phase: 'done', outTradeNo: s.outTradeNo, refund: r.data } : { phase: 'failed', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText, error: r.error }, true);
  await refreshDetail();
}

/** Esc: one step back; from the amount, out of the refund. */
export function refundBack(): void {
  const s = refundStore.getState();
  if (s.phase === 'confirming' || s.phase === 'failed') refundStore.setState({ phase: 'editing', outTradeNo: s.outTradeNo, leftFen: s.leftFen, amountText: s.amountText, problem: null }, true);
  else if (s.phase !== 'sending') refundStore.setState({ phase: 'closed' }, true);
}
