// F5: the shift and the day close (issue 9 item 12). The shift so far (X: the open business
// period, since the last Z) on screen, printed with F8 or previewed with P; the day close (Z) with
// F10 then Enter, printed as it closes; and any day's payments by date, searched by the code's
// last four digits or the order number, exported as CSV with F9.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { PeriodReportView } from '../../app/common/ipc/counterViews.ts';
import type { DayReportView } from '../../app/common/ipc/views.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { clockTime, dateTime, yuan } from '../format/display.ts';
import { StatusBadge } from '../history/HistoryScreen.tsx';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { ReceiptPreview } from '../receipt/ReceiptPreview.tsx';
import { goTo } from '../ui/uiStore.ts';
import { CashierTotals } from './CashierTotals.tsx';
import { askClose, cancelClose, closePreview, confirmClose, exportCsv, openShift, previewShift, printShift, setDay, setSearch, shiftStore } from './shiftStore.ts';

export const SHIFT_KEYS = { printX: 'F8', exportCsv: 'F9', closeZ: 'F10', preview: 'P' } as const;

function Totals({ report, testId }: { report: DayReportView; testId: string }) {
  const t = useT();
  return (
    <dl className="facts facts--report" data-testid={testId}>
      {report.rows.map((r) => (
        <div key={`${r.provider}-${r.state}`} className="facts__row">
          <dt>{t(`provider.${r.provider}`)} · {t(`shift.state.${r.state === 'SUCCESS' ? 'SUCCESS' : r.state === 'CANCELLED' ? 'CANCELLED' : r.state === 'FAILED' ? 'FAILED' : 'OTHER'}`)}</dt>
          <dd className="mono">{t('shift.countAmount', { count: r.count, amount: yuan(r.amountFen) })}</dd>
        </div>
      ))}
      <div className="facts__row">
        <dt>{t('shift.paid')}</dt>
        <dd className="mono" data-testid={`${testId}-paid`}>{t('shift.countAmount', { count: report.paid.count, amount: yuan(report.paid.amountFen) })}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('shift.refunds')}</dt>
        <dd className="mono">{t('shift.countAmount', { count: report.refunds.count, amount: yuan(report.refunds.amountFen) })}</dd>
      </div>
      <div className="facts__row facts__row--total">
        <dt>{t('shift.net')}</dt>
        <dd className="mono" data-testid={`${testId}-net`}>{yuan(report.netFen)}</dd>
      </div>
      {report.unresolved > 0 && <p className="badge badge--unknown">{t('history.unresolved', { count: report.unresolved })}</p>}
    </dl>
  );
}

function ShiftPanel({ shift }: { shift: PeriodReportView }) {
  const t = useT();
  return (
    <section className="panel" data-testid="shift-x">
      <h2>{t('shift.x.title')}</h2>
      <p className="hint">{shift.since === null ? t('shift.x.sinceStart') : t('shift.x.since', { time: dateTime(shift.since) })}</p>
      <Totals report={shift} testId="shift-totals" />
      <CashierTotals report={shift} testId="shift-cashiers" />
    </section>
  );
}

function ClosePanel() {
  const t = useT();
  const close = useStore(shiftStore, (s) => s.close);
  return (
    <section className="panel" data-testid="shift-z" data-step={close.step}>
      <h2>{t('shift.z.title')}</h2>
      {close.step === 'idle' && <p className="hint">{t('shift.z.hint')}</p>}
      {close.step === 'confirm' && <p className="problem" role="alert" data-testid="z-confirm">{t('shift.z.confirm')}</p>}
      {close.step === 'closing' && <p className="hint">{t('shift.z.closing')}</p>}
      {close.step === 'failed' && <p className="problem" role="alert">{t.error(close.error)}</p>}
      {close.step === 'done' && (
        <div data-testid="z-done">
          <p className="ok" role="status">{t(close.view.firstClose ? 'shift.z.done' : 'shift.z.again', { n: String(close.view.zNumber).padStart(4, '0'), day: close.view.day, time: clockTime(close.view.closedAt) })}</p>
          <p className={close.view.printed ? 'ok' : 'problem'} data-testid="z-printed">{close.view.printed ? t('shift.z.printed') : t('shift.z.notPrinted', { why: close.view.printError ? t.error(close.view.printError) : '' })}</p>
          <Totals report={close.view.report} testId="z-totals" />
          <CashierTotals report={close.view.report} testId="z-cashiers" />
        </div>
      )}
    </section>
  );
}

function DayPayments() {
  const t = useT();
  const { day, search, payments } = useStore(shiftStore);
  return (
    <section className="panel panel--wide" data-testid="day-payments">
      <header className="screen-head">
        <h2>{t('shift.days.title')}</h2>
        <label className="inline-field">
          <span>{t('shift.days.date')}</span>
          <input type="date" value={day} max={shanghaiDay(Date.now())} onChange={(e) => setDay(e.target.value)} data-testid="day" />
        </label>
        <input className="search" type="search" value={search} placeholder={t('shift.days.search')} aria-label={t('shift.days.search')} onChange={(e) => setSearch(e.target.value)} data-testid="day-search" />
        <span className="small" data-testid="day-count">{t('shift.days.count', { count: payments.list.length })}</span>
      </header>
      {payments.error && <p className="problem">{t.error(payments.error)}</p>}
      {payments.status === 'ready' && payments.list.length === 0 && <p className="empty">{search ? t('history.noMatch') : t('shift.days.empty')}</p>}
      {payments.list.length > 0 && (
        <table className="payments" data-testid="day-list">
          <thead>
            <tr>
              <th>{t('history.col.time')}</th>
              <th className="num">{t('history.col.amount')}</th>
              <th>{t('history.col.status')}</th>
              <th>{t('history.col.code')}</th>
              <th>{t('shift.days.order')}</th>
            </tr>
          </thead>
          <tbody>
            {payments.list.map((p) => (
              <tr key={p.outTradeNo}>
                <td className="mono">{clockTime(p.createdAt)}</td>
                <td className="num mono">{yuan(p.amountFen)}</td>
                <td><StatusBadge payment={p} /></td>
                <td className="mono">…{p.codeLast4}</td>
                <td className="mono small">{p.outTradeNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ShiftScreen() {
  const t = useT();
  const { shift, shiftError, close, printing, preview } = useStore(shiftStore);
  useEffect(() => {
    openShift();
  }, []);
  useKeys((key, e) => {
    const typing = (e.target as HTMLElement | null)?.tagName === 'INPUT';
    if (close.step === 'confirm') {
      if (key === 'Enter') return void confirmClose(), true;
      if (key === 'Escape') return cancelClose(), true;
      return true;
    }
    switch (key) {
      case SHIFT_KEYS.printX:
        return void printShift(), true;
      case SHIFT_KEYS.exportCsv:
        return exportCsv(), true;
      case SHIFT_KEYS.closeZ:
        return askClose(), true;
      case 'p':
      case 'P':
        if (typing) return false;
        return void previewShift(), true;
      case 'Escape':
        if (typing && (e.target as HTMLInputElement).value !== '' && (e.target as HTMLInputElement).type === 'search') return setSearch(''), true;
        return goTo('sale'), true;
      default:
        return false;
    }
  });
  return (
    <section className="shift" data-screen="shift">
      <header className="screen-head">
        <h1>{t('shift.title')}</h1>
        {printing.status === 'printed' && <p className="ok" role="status" data-testid="x-printed">{t('shift.x.printed')}</p>}
        {printing.status === 'failed' && <p className="problem" role="alert" data-testid="x-print-failed">{t.error(printing.error)}</p>}
        <div className="actions actions--head">
          <KeyButton keyLabel={SHIFT_KEYS.printX} onPress={() => void printShift()} testId="print-x">{t('shift.x.print')}</KeyButton>
          <KeyButton keyLabel={SHIFT_KEYS.preview} onPress={() => void previewShift()} testId="preview-x">{t('shift.x.preview')}</KeyButton>
          {close.step === 'confirm' ? (
            <KeyButton keyLabel="Enter" tone="danger" onPress={() => void confirmClose()} testId="confirm-z">{t('shift.z.confirmKey')}</KeyButton>
          ) : (
            <KeyButton keyLabel={SHIFT_KEYS.closeZ} tone="danger" onPress={askClose} testId="close-z">{t('shift.z.key')}</KeyButton>
          )}
          <KeyButton keyLabel={SHIFT_KEYS.exportCsv} onPress={exportCsv} testId="export-csv">{t('shift.days.export')}</KeyButton>
          <KeyButton keyLabel="Esc" onPress={() => (close.step === 'confirm' ? cancelClose() : goTo('sale'))}>{t('history.back')}</KeyButton>
        </div>
      </header>
      {shiftError && <p className="problem">{t.error(shiftError)}</p>}
      <div className="shift__grid">
        {shift ? <ShiftPanel shift={shift} /> : <p className="hint">{t('history.loading')}</p>}
        <ClosePanel />
        <DayPayments />
      </div>
      {preview && <ReceiptPreview preview={preview} onClose={closePreview} />}
    </section>
  );
}
