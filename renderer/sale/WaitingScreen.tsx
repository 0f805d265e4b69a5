// The waiting screen: from the scan until the core knows how it ended. It says what the till is
// doing right now, how long it has waited, and that Esc cancels at the gateway.
import { useStore } from 'zustand';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { useNow } from '../app/useNow.ts';
import { elapsedSeconds, yuan } from '../format/display.ts';
import { ASK_KEY } from '../keyboard/saleKeys.ts';
import { tillStore } from '../till/tillStore.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { checkAmount } from './amountText.ts';
import { askNow, cancelPayment } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';

export function waitingMessage(payment: PaymentView | null, cancelRequested: boolean): MessageKey {
  // Esc while trade.pay is still out: the cancel is journaled and goes the moment its answer is
  // back, refunding a payment that came through meanwhile (issue 9 item 2).
  if (payment?.state === 'CANCELLING' && payment.payInFlight) return 'sale.paying.cancelQueued';
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

/** Whole seconds until the core cancels the wait by itself (Checkout: createdAt + waitSeconds). */
export function secondsToAutoCancel(nowMs: number, sale: Extract<SaleState, { phase: 'paying' }>, waitSeconds: number | null): number | null {
  if (waitSeconds === null || sale.cancelRequested || sale.payment?.state === 'CANCELLING') return null;
  const from = sale.payment?.createdAt ?? sale.startedAt;
  // The core's clock and the screen's may differ a little: never more than the whole wait.
  return Math.min(waitSeconds, Math.max(0, Math.ceil((from + waitSeconds * 1000 - nowMs) / 1000)));
}

export function WaitingScreen({ sale }: { sale: Extract<SaleState, { phase: 'paying' }> }) {
  const t = useT();
  const now = useNow(250);
  const waitSeconds = useStore(tillStore, (s) => s.info?.screen?.waitSeconds ?? null);
  const typed = checkAmount(sale.draft.amountText);
  const fen = sale.payment?.amountFen ?? (typed.ok ? typed.fen : null);
  const message = waitingMessage(sale.payment, sale.cancelRequested);
  const left = secondsToAutoCancel(now, sale, waitSeconds);
  return (
    <section className="sale sale--waiting" data-screen="waiting" data-state={sale.payment?.state ?? 'STARTING'}>
      <div className="amount-display amount-display--fixed" data-testid="amount">{fen === null ? '' : yuan(fen)}</div>
      <div className={`status status--waiting${message === 'sale.paying.cancelling' || message === 'sale.paying.cancelQueued' ? ' status--cancelling' : ''}`}>
        <span className="spinner" aria-hidden="true" />
        <div>
          <h1 className="status__title" data-testid="status">{t(message)}</h1>
          {message === 'sale.paying.waiting' && <p className="status__detail">{t('sale.paying.waitingHint')}</p>}
          {/* A forged or mismatched answer is cancelled at once: the screen says why (item 3). */}
          {sale.payment?.cancelReason === 'unverified' && sale.payment.error && <p className="status__detail" data-testid="cancel-reason">{t.error(sale.payment.error)}</p>}
          <p className="elapsed">
            <Icon name="clock" /> {t('sale.paying.elapsed', { seconds: elapsedSeconds(now, sale.startedAt) })}
            {left !== null && <span className="countdown" data-testid="countdown">{t('sale.paying.countdown', { seconds: left })}</span>}
          </p>
        </div>
      </div>
      {sale.linkLost && <p className="problem" role="alert" data-testid="link-lost">{t('sale.paying.linkLost')}</p>}
      {sale.foreign && <p className="problem" role="alert" data-testid="foreign">{t('sale.paying.foreign')}</p>}
      {sale.ignoredScan && <p className="problem" role="alert">{t('sale.paying.secondScan', { last4: sale.ignoredScan.last4 })}</p>}
      <div className="actions">
        <KeyButton keyLabel="Esc" tone="danger" onPress={() => void cancelPayment()} disabled={sale.cancelRequested || sale.linkLost === true || sale.foreign === true} testId="cancel-payment">
          {t('sale.paying.cancel')}
        </KeyButton>
        <KeyButton keyLabel={ASK_KEY} onPress={() => void askNow()} disabled={!sale.payment || sale.linkLost === true} testId="ask-now">
          {t('sale.paying.askNow')}
        </KeyButton>
      </div>
    </section>
  );
}
