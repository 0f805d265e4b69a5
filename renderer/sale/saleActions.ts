// What the cashier's keys do to a sale, at module level so they run (and are tested) without
// React: each action applies an event to the sale's state machine and makes the bridge call the
// change asks for. Only a transition into 'paying' starts a payment, so a second scan can never
// start a second one (field-notes.md item 1).
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { bridge } from '../bridge.ts';
import { notify, notifyError } from '../ui/uiStore.ts';
import { checkAmount, type AmountKey } from './amountText.ts';
import type { Draft, SaleState } from './saleMachine.ts';
import { dispatchSale, saleStore } from './saleStore.ts';

/** How far back a payment may have been created to be this sale's, when its number never arrived. */
const SAME_SALE_WINDOW_MS = 10_000;

export async function checkActive(): Promise<void> {
  const r = await bridge().payment.active({});
  dispatchSale(r.ok ? { type: 'checked', active: r.data, at: Date.now() } : { type: 'checkFailed', error: r.error });
}

export function typeAmount(key: AmountKey): void {
  dispatchSale({ type: 'key', key });
}

export function setNote(text: string): void {
  dispatchSale({ type: 'note', text });
}

export function confirmAmount(): void {
  dispatchSale({ type: 'confirm' });
}

export function back(): void {
  dispatchSale({ type: 'back' });
}

export function typeManualCode(key: string): void {
  dispatchSale({ type: 'manualKey', key });
}

export function submitManualCode(): void {
  const s = saleStore.getState();
  if (s.phase === 'scan' && s.manualCode !== '') scan(s.manualCode);
}

/** A payment code from the keyboard wedge, a HID/serial scanner, or typed by hand. */
export function scan(code: string): void {
  const { before, after } = dispatchSale({ type: 'scanned', code, at: Date.now() });
  if (after.phase === 'paying' && before.phase !== 'paying') void start(code, after.draft);
  else if (after.phase === 'unknown' || after.phase === 'paying' || after.phase === 'result') return;
  else if (after.phase === 'checking') notify('unknown.blocked');
}

async function start(code: string, draft: Draft): Promise<void> {
  const amount = checkAmount(draft.amountText);
  if (!amount.ok) return void dispatchSale({ type: 'refused', error: amount.error });
  const subject = draft.note.trim();
  const r = await bridge().payment.start({ amount: fenToYuan(amount.fen), code, ...(subject ? { subject } : {}) });
  const { after } = dispatchSale(r.ok ? { type: 'started', payment: r.data } : { type: 'refused', error: r.error });
  if (after.phase === 'checking') await checkActive();
}

export function paymentChanged(p: PaymentView): void {
  dispatchSale({ type: 'changed', payment: p });
}

/** Esc while waiting: the cancel happens at the gateway (trade.cancel), not just on screen. */
export async function cancelPayment(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'paying') return;
  dispatchSale({ type: 'cancelRequested' });
  const r = await bridge().payment.cancel(s.payment ? { outTradeNo: s.payment.outTradeNo } : {});
  if (!r.ok) notifyError(r.error);
}

export function newSale(): void {
  const { before, after } = dispatchSale({ type: 'newSale' });
  if (after !== before) return;
  if (before.phase === 'paying') notify('sale.problem.finishFirst', undefined, 'error');
  else if (before.phase === 'unknown' || before.phase === 'checking') notify('unknown.blocked', undefined, 'error');
}

export function retry(): void {
  dispatchSale({ type: 'retry' });
}

/** Finds the payment an unknown sale is about, when the screen never learnt its number. */
async function findByTime(s: Extract<SaleState, { phase: 'unknown' }>): Promise<PaymentView | undefined> {
  const amount = checkAmount(s.draft.amountText);
  if (s.startedAt === null || !amount.ok) return undefined;
  const r = await bridge().payment.list({});
  if (!r.ok) return undefined;
  return r.data
    .filter((p) => p.amountFen === amount.fen && p.createdAt >= s.startedAt! - SAME_SALE_WINDOW_MS)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** The resolve action: the recovery pass now, then whatever the journal says about this payment. */
export async function resolveUnknown(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'unknown' || s.resolving) return;
  dispatchSale({ type: 'resolving' });
  const r = await bridge().payment.resolve({});
  if (!r.ok) return void dispatchSale({ type: 'resolved', payment: null, error: r.error });
  let mine = s.payment ? r.data.payments.find((p) => p.outTradeNo === s.payment!.outTradeNo) : undefined;
  if (!mine && s.payment) {
    const d = await bridge().payment.detail({ outTradeNo: s.payment.outTradeNo });
    if (d.ok) mine = d.data.payment;
  }
  if (!mine && !s.payment) mine = await findByTime(s);
  if (!mine) {
    // Not this sale's payment, but another one may still be open: that one is shown next.
    const a = await bridge().payment.active({});
    if (a.ok && a.data) mine = a.data;
  }
  dispatchSale({ type: 'resolved', payment: mine ?? null, error: null });
}

/** After the link to the core came back: whatever the screen was unsure of is asked again. */
export async function recheck(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase === 'checking') return checkActive();
  if (s.phase === 'unknown' && s.payment) {
    const d = await bridge().payment.detail({ outTradeNo: s.payment.outTradeNo });
    if (d.ok) paymentChanged(d.data.payment);
  }
}

export async function printReceipt(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'result' || s.payment.status !== 'SUCCESS') return;
  const r = await bridge().receipt.print({ outTradeNo: s.payment.outTradeNo });
  if (r.ok) notify('sale.result.printed');
  else notifyError(r.error);
}
