// The cashier's screen while the customer pays by scanning the till's QR code (issue 11): the
// code (also on the customer display), the amount, the payee's name, the seconds before the code
// expires, and Esc to cancel. Cancelling closes the code at the provider; until the provider
// confirms nothing can be paid any more the screen says so, rather than "cancelled".
import { useRef } from 'react';
import { useStore } from 'zustand';
import { KeyButton } from '../app/KeyButton.tsx';
import { QrCode } from '../app/QrCode.tsx';
import { useNow } from '../app/useNow.ts';
import { clockTime, yuan } from '../format/display.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { tillStore } from '../till/tillStore.ts';
import { checkAmount } from './amountText.ts';
import { cancelPayment } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';
import { checkUndiscountable } from './undiscountable.ts';
import { UndiscountableLine } from './UndiscountableLine.tsx';

type Paying = Extract<SaleState, { phase: 'paying' }>;

/** After this long closing, an unscanned code is being waited out (the provider has no order to close yet). */
const WAITING_OUT_AFTER_MS = 3000;

export function qrMessage(sale: Paying, closingForMs: number): MessageKey {
  const p = sale.payment;
  if (p?.state === 'CANCELLING' || sale.cancelRequested) {
    // Alipay has no order to close before the scan; WeChat closed it, yet it still answers unpaid.
    if (closingForMs >= WAITING_OUT_AFTER_MS && p?.qr) return p.provider === 'wechat' ? 'qr.waitingOutOpen' : 'qr.waitingOut';
    return p?.cancelReason === 'expired' ? 'qr.closingExpired' : 'qr.closing';
  }
  return p?.state === 'WAITING' && p.qr ? 'qr.title' : 'qr.making';
}

/** Whole seconds until the code expires (never below zero). */
export function secondsToExpiry(nowMs: number, expiresAt: number): number {
  return Math.max(0, Math.ceil((expiresAt - nowMs) / 1000));
}

export function QrWaitingScreen({ sale }: { sale: Paying }) {
  const t = useT();
  const now = useNow(250);
  const shopName = useStore(tillStore, (s) => s.info?.shopName ?? '');
  const p = sale.payment;
  const typed = checkAmount(sale.draft.amountText);
  const fen = p?.amountFen ?? (typed.ok ? typed.fen : null);
  const closing = p?.state === 'CANCELLING' || sale.cancelRequested;
  const closingSince = useRef<number | null>(null);
  if (closing && closingSince.current === null) closingSince.current = now;
  if (!closing) closingSince.current = null;
  const message = qrMessage(sale, closingSince.current === null ? 0 : now - closingSince.current);
  const providerId = p?.provider ?? sale.qrProvider ?? 'alipay';
  const provider = t(`provider.${providerId}`);
  const showCode = p?.state === 'WAITING' && p.qr && !closing;
  // The part not for promotions (issue 12): the core's once it answers, else as typed; WeChat's code does not carry it (TRY item 2).
  const typedPart = typed.ok ? checkUndiscountable(typed.fen, sale.draft) : null;
  const partFen = p?.undiscountableFen ?? (typedPart?.ok ? typedPart.fen : 0);
  return (
    <section className="sale sale--qr" data-screen="qr" data-state={p?.state ?? 'STARTING'} data-message={message} data-provider={providerId}>
      <div className="qr-layout">
        <div className={`qr-box qr-box--${providerId}`}>
          {showCode && p.qr ? <QrCode text={p.qr.code} className="qr-code" label={t('qr.title', { provider })} /> : <span className="spinner" aria-hidden="true" />}
        </div>
        <div className="qr-facts">
          <div className="amount-display amount-display--fixed" data-testid="amount">{fen === null ? '' : yuan(fen)}</div>
          <p className={`qr-provider provider provider--${providerId}`} data-testid="qr-provider">{provider}</p>
          <UndiscountableLine fen={partFen} before={providerId === 'wechat' ? 'qr' : undefined} />
          {shopName && (
            <p className="qr-shop" data-testid="qr-shop">
              {t('qr.shop')}：{shopName}
            </p>
          )}
          <h1 className={`status__title${closing ? ' qr-closing' : ''}`} data-testid="status">
            {t(message, { provider, time: p?.qr ? clockTime(p.qr.expiresAt) : '' })}
          </h1>
          {showCode && <p className="status__detail">{t('qr.hint')}</p>}
          {showCode && p.qr && (
            <p className="countdown" data-testid="qr-countdown">
              {t('qr.expiresIn', { seconds: secondsToExpiry(now, p.qr.expiresAt) })}
            </p>
          )}
          {sale.linkLost && <p className="problem" role="alert" data-testid="link-lost">{t('sale.paying.linkLost')}</p>}
          {sale.foreign && <p className="problem" role="alert" data-testid="foreign">{t('sale.paying.foreign')}</p>}
          {sale.ignoredScan && <p className="problem" role="alert">{t('sale.paying.secondScan', { last4: sale.ignoredScan.last4 })}</p>}
          <div className="actions">
            <KeyButton keyLabel="Esc" tone="danger" onPress={() => void cancelPayment()} disabled={closing || !p || sale.linkLost === true || sale.foreign === true} testId="cancel-payment">
              {t('qr.cancel')}
            </KeyButton>
          </div>
        </div>
      </div>
    </section>
  );
}
