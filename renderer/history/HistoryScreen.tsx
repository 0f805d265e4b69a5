// Today's payments: search by amount or the code's last digits, arrows to pick, Enter for detail.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { clockTime, yuan } from '../format/display.ts';
import { statusLabel, statusTone } from '../sale/paymentStatus.ts';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { goTo } from '../ui/uiStore.ts';
import { orderNumberFromScan } from '../../app/common/receipt/receiptCode.ts';
import { historyStore, moveCursor, openDetail, openHistory, setSearch } from './historyStore.ts';
import { PaymentDetail } from './PaymentDetail.tsx';
import { codeText } from './paymentWords.ts';

export function StatusBadge({ payment }: { payment: PaymentView }) {
  const t = useT();
  const label = statusLabel(payment);
  return <span className={`badge badge--${statusTone(label)}`} data-status={label}>{t(`status.${label}`)}</span>;
}

function PaymentList() {
  const t = useT();
  const { search, list, cursor, totals } = useStore(historyStore);
  useKeys((key) => {
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      moveCursor(key === 'ArrowDown' ? 1 : -1);
      return true;
    }
    if (key === 'Enter') {
      // A receipt's QR scanned into the search (its order number, then the scanner's Enter) opens
      // that payment, today's or not (issue 9 item 13).
      const order = orderNumberFromScan(historyStore.getState().search);
      if (order) return void openDetail(order), true;
      const p = historyStore.getState().list.payments[historyStore.getState().cursor];
      if (p) void openDetail(p.outTradeNo);
      return true;
    }
    if (key === 'Escape') {
      if (historyStore.getState().search !== '') setSearch('');
      else goTo('sale');
      return true;
    }
    return false;
  });
  useEffect(() => {
    document.querySelector<HTMLElement>(`[data-row="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  return (
    <section className="history" data-screen="history">
      <header className="screen-head">
        <h1>{t('history.title')}</h1>
        <input className="search" type="search" autoFocus value={search} placeholder={t('history.search')} aria-label={t('history.search')} onChange={(e) => setSearch(e.target.value)} data-testid="search" />
        {totals && (
          <span className="totals" data-testid="totals">
            {t('history.totalsNet', { count: totals.paid.count, paid: yuan(totals.paid.amountFen), refunded: yuan(totals.refunds.amountFen), net: yuan(totals.netFen) })}
            {totals.unresolved > 0 && <span className="badge badge--unknown">{t('history.unresolved', { count: totals.unresolved })}</span>}
          </span>
        )}
      </header>
      {list.error && <p className="problem">{t.error(list.error)}</p>}
      {list.status === 'ready' && list.payments.length === 0 && <p className="empty">{search ? t('history.noMatch') : t('history.empty')}</p>}
      {list.payments.length > 0 && (
        <table className="payments" data-testid="payments">
          <thead>
            <tr>
              <th>{t('history.col.time')}</th>
              <th className="num">{t('history.col.amount')}</th>
              <th>{t('history.col.status')}</th>
              <th>{t('history.col.provider')}</th>
              <th>{t('history.col.code')}</th>
            </tr>
          </thead>
          <tbody>
            {list.payments.map((p, i) => (
              <tr key={p.outTradeNo} data-row={i} className={i === cursor ? 'selected' : undefined} aria-selected={i === cursor} onClick={() => void openDetail(p.outTradeNo)}>
                <td className="mono">{clockTime(p.createdAt)}</td>
                <td className="num mono">{yuan(p.amountFen)}</td>
                <td><StatusBadge payment={p} /></td>
                <td className={`provider provider--${p.provider}`}>{t(`provider.${p.provider}`)}</td>
                <td className="mono">{codeText(t, p, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <KeyButton keyLabel="↑↓" onPress={() => moveCursor(1)}>{t('history.move')}</KeyButton>
        <KeyButton keyLabel="Enter" tone="primary" onPress={() => { const p = list.payments[cursor]; if (p) void openDetail(p.outTradeNo); }}>{t('history.open')}</KeyButton>
        <KeyButton keyLabel="Esc" onPress={() => goTo('sale')}>{t('history.back')}</KeyButton>
      </div>
    </section>
  );
}

export function HistoryScreen() {
  const detail = useStore(historyStore, (s) => s.detail);
  useEffect(() => {
    openHistory();
  }, []);
  return detail ? <PaymentDetail /> : <PaymentList />;
}
