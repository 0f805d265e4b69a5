// The X/Z report's takings by cashier on the F5 screen (issue 12), from the same report the
// printout is made of: who took the paid payments, who made the refunds, and what is left of each.
import { useStore } from 'zustand';
import type { DayReportView } from '../../app/common/ipc/views.ts';
import { yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { cashierLabel, cashierStore } from './cashierStore.ts';

export function CashierTotals({ report, testId }: { report: DayReportView; testId: string }) {
  const t = useT();
  const view = useStore(cashierStore, (s) => s.view);
  const rows = report.cashiers ?? [];
  // As the printout: nothing when nobody signed in all period (the configured operator took it all).
  if (!rows.some((r) => r.cashier !== null)) return null;
  return (
    <table className="payments cashier-totals" data-testid={testId}>
      <caption>{t('shift.cashiers.title')}</caption>
      <thead>
        <tr>
          <th>{t('shift.cashiers.cashier')}</th>
          <th className="num">{t('shift.paid')}</th>
          <th className="num">{t('shift.refunds')}</th>
          <th className="num">{t('shift.net')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.cashier ?? ''} data-cashier={r.cashier ?? ''}>
            <td>{r.cashier === null ? t('shift.cashiers.nobody') : cashierLabel(r.cashier, view)}</td>
            <td className="num mono">{t('shift.countAmount', { count: r.paid.count, amount: yuan(r.paid.amountFen) })}</td>
            <td className="num mono">{r.refunds.count > 0 ? t('shift.countAmount', { count: r.refunds.count, amount: yuan(-r.refunds.amountFen) }) : '—'}</td>
            <td className="num mono">{yuan(r.paid.amountFen - r.refunds.amountFen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
