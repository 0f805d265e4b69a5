// How the payment ended: paid (amount, provider, trade number, masked buyer) or not (the specific
// reason and what to do next).
import { formatYuan } from '../../app/common/money.ts';
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { maskBuyer } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { PRINT_KEY } from '../keyboard/saleKeys.ts';
import { outcomeOf } from './outcome.ts';
import { newSale, printReceipt, retry } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';

export function ResultScreen({ sale }: { sale: Extract<SaleState, { phase: 'result' }> }) {
  const t = useT();
  const p = sale.payment;
  const o = outcomeOf(p, t.language);
  if (o.kind === 'paid') {
    const buyer = maskBuyer(p.buyer);
    return (
      <section className="sale sale--paid" data-screen="paid">
        <div className="status status--paid">
          <Icon name="check" className="status__icon" />
          <h1 className="status__title" data-testid="status">{t('sale.paid.title')}</h1>
        </div>
        <div className="amount-display amount-display--fixed" data-testid="amount">{formatYuan(p.amountFen)}</div>
        <dl className="facts" data-testid="facts">
          <dt>{t('sale.result.provider')}</dt>
          <dd>{t(`provider.${p.provider}`)}</dd>
          <dt>{t('sale.result.tradeNo')}</dt>
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
        {sale.ignoredScan && <p className="problem" role="alert">{t('sale.result.paidScanIgnored', { last4: sale.ignoredScan.last4 })}</p>}
        <div className="actions">
          <KeyButton keyLabel="Enter" tone="primary" onPress={newSale} testId="new-sale">
            {t('sale.result.newSale')}
          </KeyButton>
          <KeyButton keyLabel={PRINT_KEY} onPress={() => void printReceipt()}>
            {t('sale.result.print')}
          </KeyButton>
        </div>
      </section>
    );
  }
  const title = o.kind === 'failed' ? t('sale.failed.title') : o.kind === 'refunded' ? t('sale.cancelled.refunded') : t('sale.cancelled.title');
  return (
    <section className={`sale sale--failed sale--${o.kind}`} data-screen="failed" data-status={p.status}>
      <div className="status status--failed">
        <Icon name="cross" className="status__icon" />
        <h1 className="status__title" data-testid="status">{title}</h1>
      </div>
      <div className="amount-display amount-display--fixed amount-display--muted" data-testid="amount">{formatYuan(p.amountFen)}</div>
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
        <KeyButton keyLabel="Enter" tone="primary" onPress={retry} testId="retry">
          {t('sale.result.retry')}
        </KeyButton>
        <KeyButton keyLabel="Esc" onPress={newSale}>
          {t('sale.result.newSale')}
        </KeyButton>
      </div>
    </section>
  );
}
