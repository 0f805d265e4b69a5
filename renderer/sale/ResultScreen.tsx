// How the payment ended: paid (amount, provider, trade number, masked buyer) or not (the specific
// reason and what to do next, with Enter doing what the advice says). Keys are held off for a guard
// time after it appears, shown by data-guard, so a scanner's CR+LF cannot take it away (item 1).
import { useEffect, useState } from 'react';
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { maskBuyer, yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { PRINT_KEY } from '../keyboard/saleKeys.ts';
import { CashbackNote } from './CashbackNote.tsx';
import { outcomeOf, primaryAfterDecline } from './outcome.ts';
import { isQr, qrOutcomeOf } from './qrOutcome.ts';
import { editAmount, newSale, printReceipt, resultGuardActive, resultShown, retry } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';
import { UndiscountableLine } from './UndiscountableLine.tsx';
import { tradeNoLabel } from '../history/paymentWords.ts';
import { qrNextStep } from './qrAdvice.ts';

/** Re-renders when the guard time ends, so the screen (and a test) can see it. */
function useGuard(shownAt: number | null | undefined): boolean {
  const [, tick] = useState(0);
  useEffect(() => {
    resultShown();
  }, []);
  const guarded = shownAt === null || shownAt === undefined || resultGuardActive();
  useEffect(() => {
    if (!guarded) return undefined;
    const id = setInterval(() => tick((n) => n + 1), 100);
    return () => clearInterval(id);
  }, [guarded]);
  return guarded;
}

export function ResultScreen({ sale }: { sale: Extract<SaleState, { phase: 'result' }> }) {
  const t = useT();
  const p = sale.payment;
  const o = outcomeOf(p, t.language);
  const guarded = useGuard(sale.shownAt);
  const guard = guarded ? 'on' : 'off';
  // A QR sale (issue 11): expired, cancelled, or paid after the cancel and refunded — said as such.
  const qo = isQr(p) ? qrOutcomeOf(p) : undefined;
  const late = qo === 'lateRefunded' || qo === 'lateRefunding';
  if (o.kind === 'paid' && !late) {
    const buyer = maskBuyer(p.buyer);
    return (
      <section className="sale sale--paid" data-screen="paid" data-guard={guard} data-qr-outcome={qo}>
        <div className="status status--paid">
          <Icon name="check" className="status__icon" />
          <h1 className="status__title" data-testid="status">{t('sale.paid.title')}</h1>
        </div>
        <div className="amount-display amount-display--fixed" data-testid="amount">{yuan(p.amountFen)}</div>
        {p.paidFen !== undefined && p.discountFen !== undefined && (
          // The customer's phone says what he paid; the cashier must be able to say why it is less (TRY item 3).
          <p className="customer-paid" data-testid="customer-paid">{t('sale.paid.customerPaid', { paid: yuan(p.paidFen), discount: yuan(p.discountFen) })}</p>
        )}
        <UndiscountableLine fen={p.undiscountableFen ?? 0} wechat={p.provider === 'wechat'} />
        {sale.cancelTooLate && <p className="problem" role="alert" data-testid="cancel-too-late">{t('sale.result.cancelTooLate')}</p>}
        <dl className="facts" data-testid="facts">
          <dt>{t('sale.result.provider')}</dt>
          <dd className={`provider provider--${p.provider}`}>{t(`provider.${p.provider}`)}</dd>
          <dt data-testid="trade-no-label">{tradeNoLabel(t, p.provider)}</dt>
          <dd className="mono" data-testid="trade-no">{p.tradeNo ?? '—'}</dd>
          <dt>{t('sale.result.outTradeNo')}</dt>
          <dd className="mono">{p.outTradeNo}</dd>
          {buyer && (
            <>
              <dt>{t('sale.result.buyer')}</dt>
              <dd className="mono" data-testid="buyer">{buyer}</dd>
            </>
          )}
        </dl>
        <CashbackNote outTradeNo={p.outTradeNo} />
        {sale.ignoredScan && <p className="problem" role="alert">{t('sale.result.paidScanIgnored', { last4: sale.ignoredScan.last4 })}</p>}
        <div className="actions">
          <KeyButton keyLabel="Enter" tone="primary" onPress={newSale} disabled={guarded} testId="new-sale">
            {t('sale.result.newSale')}
          </KeyButton>
          <KeyButton keyLabel={PRINT_KEY} onPress={() => void printReceipt()} disabled={guarded}>
            {t('sale.result.print')}
          </KeyButton>
        </div>
      </section>
    );
  }
  const qrTitle = qo === 'lateRefunded' ? 'qr.result.lateRefunded' : qo === 'lateRefunding' ? 'qr.result.lateRefunding' : qo === 'expired' ? 'qr.result.expired' : qo === 'cancelled' ? 'qr.result.cancelled' : null;
  const title = qrTitle ? t(qrTitle) : o.kind === 'failed' ? t('sale.failed.title') : o.kind === 'refunded' ? t('sale.cancelled.refunded') : t('sale.cancelled.title');
  // A late payment is no sale: the core's words say what went back; the next step is a new charge.
  if (late) Object.assign(o, { reason: p.error ? t.error(p.error).split(/——| — /)[0] : null, next: t('qr.result.again') });
  const qrNext = qrNextStep(t, qo);
  if (qrNext) o.next = qrNext.next;
  const primary = late ? 'newSale' : primaryAfterDecline(p);
  return (
    <section className={`sale sale--failed sale--${late ? 'refunded' : o.kind}`} data-screen="failed" data-status={p.status} data-guard={guard} data-qr-outcome={qo}>
      <div className="status status--failed">
        <Icon name="cross" className="status__icon" />
        <h1 className="status__title" data-testid="status">{title}</h1>
      </div>
      <div className="amount-display amount-display--fixed amount-display--muted" data-testid="amount">{yuan(p.amountFen)}</div>
      <dl className="facts facts--advice">
        {o.reason && (
          <>
            <dt>{t('sale.result.reason')}</dt>
            <dd data-testid="reason">{o.reason}</dd>
          </>
        )}
        {o.next && (
          <>
            <dt>{t('sale.result.next')}</dt>
            <dd className="next-step" data-testid="next-step">{o.next}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {primary === 'retry' ? (
          <KeyButton keyLabel="Enter" tone="primary" onPress={retry} disabled={guarded} testId="retry">
            {qrNext ? qrNext.retryLabel : t('sale.result.retry')}
          </KeyButton>
        ) : primary === 'editAmount' ? (
          <KeyButton keyLabel="Enter" tone="primary" onPress={editAmount} disabled={guarded} testId="edit-amount">
            {t('sale.result.editAmount')}
          </KeyButton>
        ) : (
          <KeyButton keyLabel="Enter" tone="primary" onPress={newSale} disabled={guarded} testId="other-way">
            {late ? t('sale.result.newSale') : t('sale.result.otherWay')}
          </KeyButton>
        )}
        <KeyButton keyLabel="Esc" onPress={newSale} disabled={guarded}>
          {t('sale.result.newSale')}
        </KeyButton>
      </div>
    </section>
  );
}
