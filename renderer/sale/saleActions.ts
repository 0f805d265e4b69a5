// What the cashier's keys do to a sale, at module level so they run (and are tested) without
// React: each action applies an event to the sale's state machine and makes the bridge call the
// change asks for. Only a transition into 'paying' starts a payment, so a second scan can never
// start a second one (field-notes.md item 1).
import type { Provider } from '../../app/common/codes.ts';
import type { Result } from '../../app/common/ipc/contract.ts';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { bridge } from '../bridge.ts';
import { notify, notifyError } from '../ui/uiStore.ts';
import { checkAmount, type AmountKey } from './amountText.ts';
import { DEFAULT_RESULT_GUARD_MS, resultGuarded, startedBy, type Draft, type SaleState } from './saleMachine.ts';
import { screenId } from './screenId.ts';
import { undiscountableArg } from './undiscountable.ts';
import { loadCashier } from '../shift/cashierStore.ts';
import { tillStore } from '../till/tillStore.ts';
import { dispatchSale, saleStore } from './saleStore.ts';

export async function checkActive(): Promise<void> {
  const r = await bridge().payment.current({ screenId: screenId() });
  dispatchSale(r.ok ? { type: 'checked', active: r.data.active, at: Date.now(), foreign: r.data.owner === 'other' } : { type: 'checkFailed', error: r.error });
}

function screenRules(): { resultGuardMs: number; confirmAboveFen: number | null; waitSeconds: number | null } {
  const s = tillStore.getState().info?.screen;
  return { resultGuardMs: s?.resultGuardMs ?? DEFAULT_RESULT_GUARD_MS, confirmAboveFen: s?.confirmAboveFen ?? null, waitSeconds: s?.waitSeconds ?? null };
}

/** The result is on the cashier's screen: the guard time starts now (issue 9 item 1). */
export function resultShown(): void {
  dispatchSale({ type: 'shown', at: Date.now() });
}

/** Whether keys are still held off the result on screen. */
export function resultGuardActive(at = Date.now()): boolean {
  return resultGuarded(saleStore.getState(), at, screenRules().resultGuardMs);
}

/** F6 on an empty amount: the sale just finished, again. */
export function showLast(): void {
  dispatchSale({ type: 'showLast', at: Date.now() });
}

/** After a decline whose advice is to check the amount: back to it, as typed. */
export function editAmount(): void {
  if (resultGuardActive()) return;
  dispatchSale({ type: 'editAmount' });
}

export function typeAmount(key: AmountKey): void {
  dispatchSale({ type: 'key', key });
}

/** ↓ / ↑: the second amount (not eligible for promotions, issue 12) or the total. */
export function moveToField(field: 'amount' | 'undiscountable'): void {
  dispatchSale({ type: 'field', field });
}

export function setNote(text: string): void {
  dispatchSale({ type: 'note', text });
}

/** Enter on the amount: to the scan prompt, or the charge of a code scanned while it was typed. */
export function confirmAmount(): void {
  const { before, after } = dispatchSale({ type: 'confirm', at: Date.now(), confirmAboveFen: screenRules().confirmAboveFen });
  if (before.phase === 'amount' && before.heldScan && after.phase === 'paying') void start(before.heldScan.code, after.draft);
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
  const r = await bridge().payment.start({ amount: fenToYuan(amount.fen), code, screenId: screenId(), ...(subject ? { subject } : {}), ...undiscountableArg(draft) });
  // Nobody on duty on a till that asks (issue 12): the prompt comes up with the refusal.
  if (!r.ok && r.error.code === 'CASHIER_REQUIRED') void loadCashier();
  const { after } = dispatchSale(r.ok ? { type: 'started', payment: r.data } : { type: 'refused', error: r.error });
  if (after.phase === 'checking') await checkActive();
}

/**
 * F10 on the scan prompt: the till shows a QR code for this amount and the customer scans it
 * (issue 11). With more than one provider able to, F10 first asks whose (1 支付宝 / 2 微信支付;
 * Enter or F10 again: the first, the till's default): one code per sale, never side by side.
 */
export function startQr(provider?: Provider): void {
  const s = saleStore.getState();
  const offered = tillStore.getState().info?.qrProviders ?? [];
  if (provider === undefined && s.phase === 'scan' && !s.qrChoice && offered.length > 1) return void dispatchSale({ type: 'qrChoose', providers: offered });
  const chosen = provider ?? (s.phase === 'scan' ? s.qrChoice?.[0] : undefined) ?? offered[0];
  const { before, after } = dispatchSale({ type: 'qrRequested', at: Date.now(), provider: chosen });
  if (before.phase === 'scan' && after.phase === 'paying') void payByQr(after.draft, chosen);
}

async function payByQr(draft: Draft, provider: Provider | undefined): Promise<void> {
  const amount = checkAmount(draft.amountText);
  if (!amount.ok) return void dispatchSale({ type: 'refused', error: amount.error });
  const subject = draft.note.trim();
  const r = await bridge().payment.qr({ amount: fenToYuan(amount.fen), screenId: screenId(), ...(provider ? { provider } : {}), ...(subject ? { subject } : {}), ...undiscountableArg(draft) });
  const { after } = dispatchSale(r.ok ? { type: 'started', payment: r.data } : { type: 'refused', error: r.error });
  if (after.phase === 'checking') await checkActive();
}

export function paymentChanged(p: PaymentView): void {
  dispatchSale({ type: 'changed', payment: p });
}

/** What the core says now about the payment the waiting screen follows (null if it cannot say). */
async function lookUpPaying(s: SaleState): Promise<PaymentView | null> {
  if (s.phase !== 'paying') return null;
  if (s.payment) {
    const d = await bridge().payment.detail({ outTradeNo: s.payment.outTradeNo });
    return d.ok ? d.data.payment : null;
  }
  const a = await bridge().payment.active({});
  return a.ok ? a.data : null;
}

/** Esc while waiting: the cancel happens at the gateway (trade.cancel), not just on screen. */
export async function cancelPayment(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'paying') return;
  // Without the link the cancel cannot reach the core; said, rather than pretended.
  if (s.linkLost) return notify('sale.paying.linkLost', undefined, 'error');
  if (s.foreign) return notify('sale.paying.foreign', undefined, 'error');
  dispatchSale({ type: 'cancelRequested' });
  const r = await bridge().payment.cancel({ screenId: screenId(), ...(s.payment ? { outTradeNo: s.payment.outTradeNo } : {}) });
  if (r.ok && r.data.cancelled) return;
  if (!r.ok) notifyError(r.error);
  // Not taken (the pay finished meanwhile, or a restarted core left the payment to its recovery
  // pass), or not known to be: the screen must not sit on "cancelling" with Esc off. It asks what
  // the core is doing with the payment and follows that.
  const p = await lookUpPaying(saleStore.getState());
  dispatchSale({ type: 'cancelNotTaken', notRunning: r.ok, payment: p });
}

/** F9 while waiting: ask the gateway now rather than at the next poll (issue 9 item 10). */
export async function askNow(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'paying' || !s.payment) return;
  const r = await bridge().payment.query({ outTradeNo: s.payment.outTradeNo });
  if (!r.ok) return notifyError(r.error);
  paymentChanged(r.data);
  if (saleStore.getState().phase === 'paying') notify('sale.paying.stillWaiting');
}

export function newSale(): void {
  // An Enter that follows the scan (a CR+LF suffix, habit) never throws the result away.
  if (resultGuardActive()) return;
  const { before, after } = dispatchSale({ type: 'newSale' });
  if (after !== before) return;
  if (before.phase === 'paying') notify('sale.problem.finishFirst', undefined, 'error');
  else if (before.phase === 'unknown' || before.phase === 'checking') notify('unknown.blocked', undefined, 'error');
}

export function retry(): void {
  if (resultGuardActive()) return;
  dispatchSale({ type: 'retry' });
}

/**
 * Finds the payment an unknown sale is about when the screen never learnt its number (the link
 * dropped before the first push): the first one with this sale's amount and code created after its
 * scan (saleMachine's startedBy). Never an older one: that is the previous customer's, and taking
 * its SUCCESS would show this sale as paid. A failed lookup is an error, not "nothing found".
 */
async function findByTime(s: Extract<SaleState, { phase: 'unknown' }>): Promise<Result<PaymentView | null>> {
  if (s.startedAt === null) return { ok: true, data: null };
  // The journal is listed by day: a sale scanned just before midnight may be journaled after it.
  const days = [...new Set([shanghaiDay(s.startedAt), shanghaiDay(Date.now())])];
  const found: PaymentView[] = [];
  for (const day of days) {
    const r = await bridge().payment.list({ day });
    if (!r.ok) return r;
    found.push(...r.data.filter((p) => startedBy(s, p)));
  }
  return { ok: true, data: found.sort((a, b) => a.createdAt - b.createdAt)[0] ?? null };
}

/**
 * This sale's payment as the journal has it after the recovery pass, or, when the sale has none,
 * whatever else is open. An error whenever the till could not say: the screen then stays unknown.
 */
async function findMine(s: Extract<SaleState, { phase: 'unknown' }>, settled: PaymentView[]): Promise<Result<PaymentView | null>> {
  if (s.payment) {
    const known = s.payment.outTradeNo;
    const mine = settled.find((p) => p.outTradeNo === known);
    if (mine) return { ok: true, data: mine };
    const d = await bridge().payment.detail({ outTradeNo: known });
    return d.ok ? { ok: true, data: d.data.payment } : d;
  }
  const byTime = await findByTime(s);
  if (!byTime.ok || byTime.data) return byTime;
  // Not this sale's payment, but another one may still be open: that one is shown next.
  return bridge().payment.active({});
}

/** The resolve action: the recovery pass now, then whatever the journal says about this payment. */
export async function resolveUnknown(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase !== 'unknown' || s.resolving) return;
  dispatchSale({ type: 'resolving' });
  const r = await bridge().payment.resolve({});
  if (!r.ok) return void dispatchSale({ type: 'resolved', payment: null, error: r.error });
  const mine = await findMine(s, r.data.payments);
  dispatchSale(mine.ok ? { type: 'resolved', payment: mine.data, error: null } : { type: 'resolved', payment: null, error: mine.error });
}

/**
 * This sale's payment after a lost link, as the core has it now: by its number when the screen
 * knew it, else the one this screen started (or, after a restart of the core, the one matching
 * its scan in today's list).
 */
async function resync(s: Extract<SaleState, { phase: 'paying' }>): Promise<void> {
  const c = await bridge().payment.current({ screenId: screenId() });
  // The link went again: the next reconnect asks again.
  if (!c.ok) return;
  const seen = [c.data.active, c.data.last].filter((p): p is PaymentView => p !== null);
  let found: PaymentView | null;
  if (s.payment) {
    const known = s.payment.outTradeNo;
    found = seen.find((p) => p.outTradeNo === known) ?? null;
    if (!found) {
      const d = await bridge().payment.detail({ outTradeNo: known });
      if (!d.ok) return;
      found = d.data.payment;
    }
  } else {
    found = seen.find((p) => startedBy(s, p)) ?? null;
    if (!found) {
      const r = await bridge().payment.list({ day: shanghaiDay(s.startedAt) });
      if (!r.ok) return;
      found = r.data.filter((p) => startedBy(s, p)).sort((a, b) => a.createdAt - b.createdAt)[0] ?? null;
    }
  }
  const running = c.data.running && found !== null && c.data.active?.outTradeNo === found.outTradeNo;
  dispatchSale({ type: 'resynced', found, running, foreign: running && c.data.owner === 'other' });
}

/** After the link to the core came back: whatever the screen was unsure of is asked again. */
export async function recheck(): Promise<void> {
  const s = saleStore.getState();
  if (s.phase === 'checking') return checkActive();
  // A push lost while the link was down may have been the outcome: without this the waiting
  // screen would wait for it forever.
  if (s.phase === 'paying') return resync(s);
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
