// The F5 screen's state (issue 9 item 12): the shift so far (X, the open business period), the
// day close (Z) and its confirmation, and the payments of any day, searched, for export.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { DayCloseView, PeriodReportView, ReceiptPreviewView } from '../../app/common/ipc/counterViews.ts';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { bridge } from '../bridge.ts';
import { refreshStatus } from '../status/StatusLights.tsx';
import { csvFileName, paymentsCsv } from './csv.ts';
import { loadCashier } from './cashierStore.ts';

export type ShiftState = {
  shift: PeriodReportView | null;
  shiftError: ErrorData | null;
  /** 'confirm': the cashier pressed the Z key once; a second press (Enter) closes. */
  close: { step: 'idle' } | { step: 'confirm' } | { step: 'closing' } | { step: 'done'; view: DayCloseView } | { step: 'failed'; error: ErrorData };
  printing: { status: 'idle' | 'printing' | 'printed' } | { status: 'failed'; error: ErrorData };
  preview: ReceiptPreviewView | null;
  day: string;
  search: string;
  payments: { status: 'loading' | 'ready' | 'error'; list: PaymentView[]; error: ErrorData | null };
};

export const initialShift = (): ShiftState => ({
  shift: null,
  shiftError: null,
  close: { step: 'idle' },
  printing: { status: 'idle' },
  preview: null,
  day: shanghaiDay(Date.now()),
  search: '',
  payments: { status: 'loading', list: [], error: null },
});

export const shiftStore = createStore<ShiftState>()(() => initialShift());

export async function loadShift(): Promise<void> {
  const r = await bridge().report.shift({});
  shiftStore.setState(r.ok ? { shift: r.data, shiftError: null } : { shiftError: r.error });
}

let listRequest = 0;
export async function loadDayPayments(): Promise<void> {
  const mine = ++listRequest;
  const { day, search } = shiftStore.getState();
  shiftStore.setState((s) => ({ payments: { ...s.payments, status: 'loading' } }));
  const r = await bridge().payment.list({ day, ...(search.trim() ? { search: search.trim() } : {}) });
  if (mine !== listRequest) return;
  shiftStore.setState({ payments: r.ok ? { status: 'ready', list: r.data, error: null } : { status: 'error', list: [], error: r.error } });
}

export function openShift(): void {
  shiftStore.setState({ ...initialShift() });
  void refreshStatus();
  void loadShift();
  void loadDayPayments();
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Typing pauses this long before the till is asked again. */
const SEARCH_PAUSE_MS = 150;

export function setDay(day: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
  shiftStore.setState({ day });
  void loadDayPayments();
}

export function setSearch(search: string): void {
  shiftStore.setState({ search: search.slice(0, 32) });
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void loadDayPayments(), SEARCH_PAUSE_MS);
}

/** Z, first press: ask. The close itself is final, so it takes a second, deliberate key. */
export function askClose(): void {
  shiftStore.setState({ close: { step: 'confirm' } });
}

export function cancelClose(): void {
  shiftStore.setState({ close: { step: 'idle' } });
}

export async function confirmClose(): Promise<void> {
  if (shiftStore.getState().close.step !== 'confirm') return;
  shiftStore.setState({ close: { step: 'closing' } });
  const r = await bridge().report.close({});
  shiftStore.setState({ close: r.ok ? { step: 'done', view: r.data } : { step: 'failed', error: r.error } });
  void refreshStatus();
  void loadShift();
  // The Z ends the shift and signs the cashier out (issue 12): a till that asks shows its prompt.
  if (r.ok) void loadCashier();
}

export async function printShift(): Promise<void> {
  shiftStore.setState({ printing: { status: 'printing' } });
  const r = await bridge().report.print({ kind: 'X' });
  shiftStore.setState({ printing: r.ok ? { status: 'printed' } : { status: 'failed', error: r.error } });
  void refreshStatus();
  // Browser mode without a printer: the cashier sees what would have printed.
  if (!r.ok) await previewShift();
}

export async function previewShift(): Promise<void> {
  const r = await bridge().receipt.preview({ report: 'X' });
  if (r.ok) shiftStore.setState({ preview: r.data });
}

export function closePreview(): void {
  shiftStore.setState({ preview: null });
}

/** Saves the listed payments as a CSV file (the browser's download; Electron's save dialog). */
export function exportCsv(): void {
  const { payments, day, search } = shiftStore.getState();
  const blob = new Blob([paymentsCsv(payments.list)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = csvFileName(day, search);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
