// The 对账 screen's state: which day and provider, the reconciliation the core returned, or why not.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { ReconcileView } from '../../app/common/ipc/reconcileViews.ts';
import { bridge } from '../bridge.ts';

export type ReconcileState = {
  day: string;
  provider: 'alipay' | 'wechat';
  status: 'idle' | 'loading' | 'ready' | 'error';
  view: ReconcileView | null;
  error: ErrorData | null;
};

/** Yesterday in Shanghai: a day's bill is ready the next morning. */
export function yesterday(nowMs = Date.now()): string {
  return new Date(nowMs + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

export const reconcileStore = createStore<ReconcileState>()(() => ({ day: yesterday(), provider: 'alipay', status: 'idle', view: null, error: null }));

let latest = 0;

export async function runReconcile(): Promise<void> {
  const mine = ++latest;
  const { day, provider } = reconcileStore.getState();
  reconcileStore.setState({ status: 'loading', error: null });
  const r = await bridge().reconcile.day({ day, provider });
  if (mine !== latest) return;
  reconcileStore.setState(r.ok ? { status: 'ready', view: r.data, error: null } : { status: 'error', view: null, error: r.error });
}

export function setDay(day: string): void {
  reconcileStore.setState({ day });
}

export function setProvider(provider: 'alipay' | 'wechat'): void {
  reconcileStore.setState({ provider });
}

/** The CSV the core made, saved by the browser (Electron and browser mode alike). */
export function exportCsv(view: ReconcileView): void {
  const url = URL.createObjectURL(new Blob([view.csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `reconcile-${view.provider}-${view.day}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
