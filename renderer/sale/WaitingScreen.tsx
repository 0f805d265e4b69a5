// The waiting screen: from the scan until the core knows how it ended. It says what the till is
// doing right now, how long it has waited, and that Esc cancels at the gateway.
import { formatYuan } from '../../app/common/money.ts';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { useNow } from '../app/useNow.ts';
import { elapsedSeconds } from '../format/display.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { checkAmount } from './amountText.ts';
import { cancelPayment } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';

export function waitingMessage(payment: PaymentView | null, cancelRequested: boolean): MessageKey {
  if (cancelRequested || payment?.state === 'CANCELLING') return 'sale.paying.cancelling';
  switch (payment?.state) {
    case 'WAITING':
      return 'sale.paying.waiting';
    case 'QUERYING':
    case 'UNKNOWN':
      return 'sale.paying.querying';
    default:
      return 'sale.paying.starting';
  }
}

export function WaitingScreen({ sale }: { sale: Extract<SaleState, { phase: 'paying' }> }) {
  const t = useT();
  const now = useNow(250);
  const typed = checkAmount(sale.draft.amountText);
  const fen = sale.payment?.amountFen ?? (typed.ok ? typed.fen : null);
  const message = waitingMessage(sale.payment, sale.cancelRequested);
  return (
    <section className="sale sale--waiting" data-screen="waiting" data-state={sale.payment?.state ?? 'STARTING'}>
      <div className="amount-display amount-display--fixed" data-testid="amount">{fen === null ? '' : formatYuan(fen)}</div>
      <div className={`status status--waiting${message === 'sale.paying.cancelling' ? ' status--cancelling' : ''}`}>
        <span className="spinner" aria-hidden="true" />
        <div>
          <h1 className="status__title" data-testid="status">{t(message)}</h1>
          {message === 'sale.paying.waiting' && <p className="status__detail">{t('sale.paying.waitingHint')}</p>}
          <p className="elapsed">
            <Icon name="clock" /> {t('sale.paying.elapsed', { seconds: elapsedSeconds(now, sale.startedAt) })}
          </p>
        </div>
      </div>
      {sale.ignoredScan && <p className="problem" role="alert">{t('sale.paying.secondScan', { last4: sale.ignoredScan.last4 })}</p>}
      <div className="actions">
        <KeyButton keyLabel="Esc" tone="danger" onPress={() => void cancelPayment()} disabled={sale.cancelRequested} testId="cancel-payment">
          {t('sale.paying.cancel')}
        </KeyButton>
      </div>
    </section>
  );
}
