// Today's payments: the search as typed, the list the core returned for it, the row the cursor is
// on, and the payment opened for detail.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { DayReportView, PaymentDetailView, PaymentView } from '../../app/common/ipc/views.ts';
import { bridge } from '../bridge.ts';
import { uiStore } from '../ui/uiStore.ts';

export type HistoryState = {
  search: string;
  list: { status: 'loading' | 'ready' | 'error'; payments: PaymentView[]; error: ErrorData | null };
  cursor: number;
  detail: { outTradeNo: string; data: PaymentDetailView | null; error: ErrorData | null } | null;
  /** The day's totals as `pos report` counts them: paid sales (not tries), refunds, net. */
  totals: DayReportView | null;
};

export const INITIAL_HISTORY: HistoryState = { search: '', list: { status: 'loading', payments: [], error: null }, cursor: 0, detail: null, totals: null };

export const historyStore = createStore<HistoryState>()(() => INITIAL_HISTORY);

/** Only the answer to the latest search is shown, whatever order the answers arrive in. */
let listRequest = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Typing pauses this long before the till is asked again. */
const SEARCH_PAUSE_MS = 150;

export async function loadPayments(): Promise<void> {
  const mine = ++listRequest;
  const search = historyStore.getState().search.trim();
  historyStore.setState((s) => ({ list: { ...s.list, status: 'loading' } }));
  const r = await bridge().payment.list(search ? { search } : {});
  if (mine !== listRequest) return;
  historyStore.setState((s) => ({
    list: r.ok ? { status: 'ready', payments: r.data, error: null } : { status: 'error', payments: [], error: r.error },
    cursor: r.ok ? Math.min(s.cursor, Math.max(0, r.data.length - 1)) : 0,
  }));
}

export async function loadTotals(): Promise<void> {
  const r = await bridge().report.day({});
  if (r.ok) historyStore.setState({ totals: r.data });
}

export function openHistory(): void {
  historyStore.setState({ detail: null, cursor: 0 });
  void loadPayments();
  void loadTotals();
}

/**
 * A payment changed in the core (pos:payment:changed): the list and an open detail follow it at
 * once, so a payment paid while the cashier reads the list does not stay "in progress" (item 4).
 * The list is asked again rather than patched: a new payment, or one that no longer matches the
 * search, is placed by the core's rules.
 */
export function historyPaymentChanged(p: PaymentView): void {
  if (uiStore.getState().route !== 'history') return;
  const s = historyStore.getState();
  void loadPayments();
  void loadTotals();
  if (s.detail?.outTradeNo === p.outTradeNo) void refreshDetail();
}

export function setSearch(text: string): void {
  historyStore.setState({ search: text.slice(0, 32), cursor: 0 });
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void loadPayments(), SEARCH_PAUSE_MS);
}

export function moveCursor(delta: number): void {
  historyStore.setState((s) => ({ cursor: Math.max(0, Math.min(s.list.payments.length - 1, s.cursor + delta)) }));
}

export async function openDetail(outTradeNo: string): Promise<void> {
  historyStore.setState({ detail: { outTradeNo, data: null, error: null } });
  await refreshDetail();
}

export async function refreshDetail(): Promise<void> {
  const d = historyStore.getState().detail;
  if (!d) return;
  const r = await bridge().payment.detail({ outTradeNo: d.outTradeNo });
  if (historyStore.getState().detail?.outTradeNo !== d.outTradeNo) return;
  historyStore.setState({ detail: { outTradeNo: d.outTradeNo, data: r.ok ? r.data : null, error: r.ok ? null : r.error } });
}

/** For a payment still unconfirmed: ask the gateway now, then show what the journal says. */
export async function queryDetail(): Promise<void> {
  const d = historyStore.getState().detail;
  if (!d) return;
  const r = await bridge().payment.query({ outTradeNo: d.outTradeNo });
  if (!r.ok) historyStore.setState({ detail: { ...d, error: r.error } });
  await refreshDetail();
}

export function closeDetail(): void {
  historyStore.setState({ detail: null });
  void loadPayments();
  void loadTotals();
}
