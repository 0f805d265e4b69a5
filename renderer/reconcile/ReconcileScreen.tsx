// 对账: the provider's bill for a day matched with the till's journal (issue 12). Differences first,
// the costly kind (the provider took money the till does not count) on top; a click opens the
// payment's detail with its journal events.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ReconcileDifferenceView } from '../../app/common/ipc/reconcileViews.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { yuan } from '../format/display.ts';
import { closeDetail, historyStore, openDetail } from '../history/historyStore.ts';
import { PaymentDetail } from '../history/PaymentDetail.tsx';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { isTextField } from '../scanner/reinsert.ts';
import { normalizeDay, shiftDay } from './dayEntry.ts';
import { goTo } from '../ui/uiStore.ts';
import { exportCsv, reconcileStore, runReconcile, setDay, setProvider } from './reconcileStore.ts';

export const RECONCILE_KEYS = { run: 'Enter', exportCsv: 'F9' } as const;
/** Number keys pick the provider, as on the QR choice (try.md item 12b); typed into the day field they are the date. */
export const PROVIDER_KEYS = { '1': 'alipay', '2': 'wechat' } as const;

const ORDER: Record<ReconcileDifferenceView['kind'], number> = { 'in-bill-not-in-till': 0, 'amount-differs': 1, 'in-till-not-in-bill': 2, 'twice-in-bill': 3 };

/** The payment's detail (its refunds and journal events) opens over this screen; Esc comes back to the list. */
function open(d: ReconcileDifferenceView): void {
  if (d.inJournal) void openDetail(d.outTradeNo);
}

export function ReconcileScreen() {
  const t = useT();
  const { day, provider, status, view, error } = useStore(reconcileStore);
  const detail = useStore(historyStore, (s) => s.detail);
  // What the cashier typed; the store's day changes only to a real day.
  const [dayText, setDayText] = useState(day);
  const [dayBad, setDayBad] = useState(false);
  useEffect(() => {
    closeDetail();
  }, []);
  const typeDay = (text: string) => {
    setDayText(text);
    const d = normalizeDay(text);
    setDayBad(d === null && text.replace(/\D/g, '').length >= 8);
    if (d) setDay(d);
  };
  useKeys((key, e) => {
    if (historyStore.getState().detail) return false;
    const inField = isTextField(e.target);
    if (inField && (key === 'ArrowUp' || key === 'ArrowDown')) return typeDay(shiftDay(normalizeDay(dayText) ?? day, key === 'ArrowUp' ? 1 : -1)), true;
    if (inField && key === 'Escape') return (e.target as HTMLElement).blur(), true;
    if (!inField && (key === '1' || key === '2')) return setProvider(PROVIDER_KEYS[key]), true;
    if (key === RECONCILE_KEYS.run) {
      if (normalizeDay(dayText) === null) return setDayBad(true), true;
      return void runReconcile(), true;
    }
    if (key === RECONCILE_KEYS.exportCsv && view) return exportCsv(view), true;
    if (key === 'Escape') return goTo('sale'), true;
    return false;
  });
  const diffs = view ? [...view.differences].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]) : [];
  const amount = (fen: number | null) => (fen === null ? '—' : yuan(fen));
  if (detail) return <PaymentDetail />;
  return (
    <section className="reconcile" data-screen="reconcile" data-state={status}>
      <header className="screen-head">
        <h1>{t('reconcile.title')}</h1>
        <input type="text" inputMode="numeric" maxLength={10} placeholder="YYYY-MM-DD" value={dayText} onChange={(e) => typeDay(e.target.value)} aria-label={t('reconcile.day')} aria-invalid={dayBad} title={t('reconcile.dayHint')} data-testid="reconcile-day" />
        <select value={provider} onChange={(e) => setProvider(e.target.value === 'wechat' ? 'wechat' : 'alipay')} aria-label={t('reconcile.provider')} data-testid="reconcile-provider">
          <option value="alipay">1 {t('reconcile.alipay')}</option>
          <option value="wechat">2 {t('reconcile.wechat')}</option>
        </select>
        <KeyButton keyLabel="Enter" onPress={() => void runReconcile()} testId="reconcile-run">{t('reconcile.run')}</KeyButton>
        {view && <KeyButton keyLabel={RECONCILE_KEYS.exportCsv} onPress={() => exportCsv(view)} testId="reconcile-csv">{t('reconcile.csv')}</KeyButton>}
      </header>
      <p className="hint" data-testid="reconcile-keys">{t(dayBad ? 'reconcile.dayInvalid' : 'reconcile.keysHint')}</p>
      {status === 'loading' && <p role="status">{t('reconcile.loading')}</p>}
      {status === 'error' && error && <p className="problem" role="alert" data-testid="reconcile-error">{t.error(error)}</p>}
      {view && status === 'ready' && (
        <>
          <dl className="reconcile__summary" data-testid="reconcile-summary">
            <dt>{t('reconcile.matchedPayments')}</dt><dd>{view.payments.matched.count} · {yuan(view.payments.matched.amountFen)}</dd>
            <dt>{t('reconcile.matchedRefunds')}</dt><dd>{view.refunds.matched.count} · {yuan(view.refunds.matched.amountFen)}</dd>
            <dt>{t('reconcile.received')}</dt><dd>{yuan(view.receivedFen)}</dd>
            <dt>{t('reconcile.fees')}</dt><dd>{yuan(view.feeFen)}</dd>
            <dt>{t('reconcile.net')}</dt><dd data-testid="reconcile-net">{yuan(view.netSettledFen)}</dd>
          </dl>
          {diffs.length === 0 ? (
            <p className="reconcile__ok" data-testid="reconcile-ok">{t('reconcile.allMatched')}</p>
          ) : (
            <table className="reconcile__diffs" data-testid="reconcile-diffs">
              <thead>
                <tr><th>{t('reconcile.kind')}</th><th>{t('reconcile.order')}</th><th>{t('reconcile.bill')}</th><th>{t('reconcile.till')}</th><th>{t('reconcile.tillState')}</th></tr>
              </thead>
              <tbody>
                {diffs.map((d) => (
                  <tr key={`${d.kind}:${d.outTradeNo}:${d.outRefundNo ?? ''}`} data-kind={d.kind} data-out-trade-no={d.outTradeNo} className={d.inJournal ? 'clickable' : undefined} onClick={() => open(d)} title={d.inJournal ? t('reconcile.openHint') : undefined}>
                    <td>{t(`reconcile.kind.${d.kind}`)}{d.what === 'refund' ? ` · ${t('reconcile.refund')}` : ''}</td>
                    <td>{d.outTradeNo}{d.outRefundNo ? <small> {d.outRefundNo}</small> : null}</td>
                    <td>{amount(d.billAmountFen)}</td>
                    <td>{amount(d.tillAmountFen)}</td>
                    <td>{d.tillState ?? t('reconcile.notInTill')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
