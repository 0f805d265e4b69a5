// An outcome nobody can confirm yet: what the till is doing about it, a warning against charging
// again, and the resolve action. A new sale is refused until it is settled (field-notes.md item 4).
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { clockTime, yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { checkAmount } from './amountText.ts';
import { outcomeOf } from './outcome.ts';
import { resolveUnknown } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';
import { codeText } from '../history/paymentWords.ts';

export function UnknownScreen({ sale }: { sale: Extract<SaleState, { phase: 'unknown' }> }) {
  const t = useT();
  const p = sale.payment;
  const typed = checkAmount(sale.draft.amountText);
  const fen = p?.amountFen ?? (typed.ok ? typed.fen : null);
  const reason = p ? outcomeOf(p, t.language).reason : null;
  return (
    <section className="sale sale--unknown" data-screen="unknown">
      <div className="status status--unknown">
        <Icon name="alert" className="status__icon" />
        <h1 className="status__title" data-testid="status">{t('unknown.title')}</h1>
      </div>
      {fen !== null && <div className="amount-display amount-display--fixed" data-testid="amount">{yuan(fen)}</div>}
      <p className="doing">{p ? t('unknown.doing') : t('unknown.noPayment')}</p>
      <p className="warning" data-testid="unknown-warning">{t('unknown.warning')}</p>
      <ProblemLine problem={sale.problem} />
      {sale.ignoredScan && <p className="problem" role="alert">{t('sale.paying.secondScan', { last4: sale.ignoredScan.last4 })}</p>}
      <div className="actions">
        <KeyButton keyLabel="Enter" tone="primary" onPress={() => void resolveUnknown()} disabled={sale.resolving} testId="resolve">
          {sale.resolving ? t('unknown.resolving') : t('unknown.resolve')}
        </KeyButton>
      </div>
      {p && (
        <dl className="facts facts--small">
          <dt>{t('sale.result.outTradeNo')}</dt>
          <dd className="mono">{p.outTradeNo}</dd>
          <dt>{t('detail.time')}</dt>
          <dd>{clockTime(p.createdAt)}</dd>
          <dt>{t('sale.result.code')}</dt>
          <dd className="mono">{codeText(t, p)}</dd>
          {reason && (
            <>
              <dt>{t('sale.result.reason')}</dt>
              <dd>{reason}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
