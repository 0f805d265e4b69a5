// Who is on duty, as the screen knows it (issue 12): the core keeps it (pos:cashier:*), this store
// only mirrors it, so a reload asks the core again. The prompt is up while the till asks for a
// cashier and nobody is signed in (shift start, after a Z), or when F12 opened it to change.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { CashierView } from '../../app/common/ipc/cashierViews.ts';
import { bridge } from '../bridge.ts';
import { notify } from '../ui/uiStore.ts';

/** Opens the cashier prompt anywhere (change of cashier, or sign-in on a till that does not ask). */
export const CASHIER_KEY = 'F12';

export type CashierState = { view: CashierView | null; open: boolean; typed: string; busy: boolean; error: ErrorData | null };

export const cashierStore = createStore<CashierState>()(() => ({ view: null, open: false, typed: '', busy: false, error: null }));

/** Whether the prompt must be answered before a sale (it cannot be closed with Esc). */
export function cashierRequired(s: CashierState = cashierStore.getState()): boolean {
  return s.view !== null && s.view.ask && s.view.cashier === null;
}

export function promptShown(s: CashierState = cashierStore.getState()): boolean {
  return s.open || cashierRequired(s);
}

/** Asks the core who is on duty (at start, after a reconnect, after a Z, after CASHIER_REQUIRED). */
export async function loadCashier(): Promise<void> {
  const r = await bridge().cashier.current({});
  if (r.ok) cashierStore.setState({ view: r.data });
}

/** Another screen of this till (or the Z) changed who is on duty. */
export function cashierChanged(view: CashierView): void {
  cashierStore.setState({ view });
}

export function openCashierPrompt(): void {
  cashierStore.setState({ open: true, typed: '', error: null });
}

export function closeCashierPrompt(): void {
  if (cashierRequired()) return;
  cashierStore.setState({ open: false, typed: '', error: null });
}

export function typeCashier(text: string): void {
  cashierStore.setState({ typed: text.slice(0, 28), error: null });
}

export async function signIn(id: string = cashierStore.getState().typed): Promise<void> {
  if (cashierStore.getState().busy) return;
  cashierStore.setState({ busy: true, error: null });
  const r = await bridge().cashier.signIn({ id });
  if (!r.ok) return void cashierStore.setState({ busy: false, error: r.error });
  cashierStore.setState({ view: r.data, busy: false, open: false, typed: '', error: null });
  const c = r.data.cashier;
  if (c) notify('cashier.signedIn', { who: c.name ? `${c.name}（${c.id}）` : c.id });
}

export async function signOut(): Promise<void> {
  const r = await bridge().cashier.signOut({});
  if (!r.ok) return void cashierStore.setState({ error: r.error });
  cashierStore.setState({ view: r.data, open: false, typed: '', error: null });
  notify('cashier.signedOut');
}

/** A journaled cashier id with the shop's name for it ("张三 001", as the receipt and the X/Z print it); the id alone when the list does not name it. */
export function cashierLabel(id: string, view: CashierView | null = cashierStore.getState().view): string {
  const name = view?.list.find((c) => c.id === id)?.name;
  return name ? `${name} ${id}` : id;
}

export function who(c: NonNullable<CashierView['cashier']>): string {
  return c.name ? `${c.name} ${c.id}` : c.id;
}
