// One payment: what the journal knows, its refunds and its history, and the actions on it.
import { Fragment } from 'react';
import { useStore } from 'zustand';
import { KeyButton } from '../app/KeyButton.tsx';
import { dateTime, clockTime, maskBuyer, yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { leftToRefund, openRefund } from '../refund/leftToRefund.ts';
import { RefundPanel } from '../refund/RefundPanel.tsx';
import { refundStore, startRefund } from '../refund/refundStore.ts';
import { bridge } from '../bridge.ts';
import { notify, notifyError } from '../ui/uiStore.ts';
import { outcomeOf } from '../sale/outcome.ts';
import { eventLabel } from './eventLabel.ts';
import { codeText, tradeNoLabel } from './paymentWords.ts';
import { closeDetail, historyStore, queryDetail } from './historyStore.ts';
import { StatusBadge } from './HistoryScreen.tsx';
import { cashierLabel, cashierStore } from '../shift/cashierStore.ts';

export const REFUND_KEY = 'F7';
export const PRINT_KEY = 'F8';
export const QUERY_KEY = 'F9';

async function print(outTradeNo: string): Promise<void> {
  const r = await bridge().receipt.print({ outTradeNo });
  if (r.ok) notify('sale.result.printed');
  else notifyError(r.error);
}

export function PaymentDetail() {
  const t = useT();
  const detail = useStore(historyStore, (s) => s.detail);
  const refund = useStore(refundStore);
  const cashiers = useStore(cashierStore, (s) => s.view);
  const d = detail?.data ?? null;
  const left = d ? leftToRefund(d) : 0;
  const canRefund = d !== null && left > 0 && !openRefund(d);
  useKeys((key) => {
    if (refundStore.getState().phase !== 'closed') return false;
    if (key === 'Escape') return closeDetail(), true;
    if (key === REFUND_KEY && d && canRefund) return startRefund(d.payment.outTradeNo, left), true;
    if (key === PRINT_KEY && d?.payment.status === 'SUCCESS') return void print(d.payment.outTradeNo), true;
    if (key === QUERY_KEY && d?.payment.status === 'UNKNOWN') return void queryDetail(), true;
    return false;
  });
  if (!detail) return null;
  const p = d?.payment;
  const o = p ? outcomeOf(p, t.language) : null;
  return (
    <section className="detail" data-screen="detail">
      <header className="screen-head">
        <h1>{t('detail.title')}</h1>
        {p && <span className="screen-head__amount mono" data-testid="detail-amount">{yuan(p.amountFen)}</span>}
        {p && <StatusBadge payment={p} />}
        {p?.training && <span className="badge badge--training">{t('detail.training')}</span>}
      </header>
      {detail.error && <p className="problem">{t.error(detail.error)}</p>}
      {p && (
        <div className="detail__body">
          <dl className="facts">
            <dt>{t('detail.time')}</dt>
            <dd className="mono">{dateTime(p.createdAt)}</dd>
            <dt>{t('sale.result.provider')}</dt>
            <dd className={`provider provider--${p.provider}`}>{t(`provider.${p.provider}`)}</dd>
            <dt data-testid="detail-trade-no-label">{tradeNoLabel(t, p.provider)}</dt>
            <dd className="mono">{p.tradeNo ?? '—'}</dd>
            <dt>{t('sale.result.outTradeNo')}</dt>
            <dd className="mono">{p.outTradeNo}</dd>
            <dt>{t('sale.result.code')}</dt>
            <dd className="mono" data-testid="detail-code">{codeText(t, p)}</dd>
            {/* Issue 12: who took it, and the part no promotion could touch. */}
            {p.cashier && (
              <>
                <dt>{t('cashier.detail.cashier')}</dt>
                <dd className="mono" data-testid="detail-cashier">{cashierLabel(p.cashier, cashiers)}</dd>
              </>
            )}
            {(p.undiscountableFen ?? 0) > 0 && (
              <>
                <dt>{t('cashier.detail.undiscountable')}</dt>
                <dd className="mono" data-testid="detail-undiscountable">{yuan(p.undiscountableFen ?? 0)}</dd>
              </>
            )}
            {maskBuyer(p.buyer) && (
              <>
                <dt>{t('sale.result.buyer')}</dt>
                <dd className="mono">{maskBuyer(p.buyer)}</dd>
              </>
            )}
            {o?.reason && (
              <>
                <dt>{t('sale.result.reason')}</dt>
                <dd>{o.reason}</dd>
              </>
            )}
            {p.status === 'SUCCESS' && (p.refundedFen ?? 0) > 0 && (
              <>
                <dt>{t('detail.refunded')}</dt>
                <dd className="mono" data-testid="refunded">{yuan(p.refundedFen ?? 0)}</dd>
                <dt>{t('detail.net')}</dt>
                <dd className="mono" data-testid="net">{yuan(p.amountFen - (p.refundedFen ?? 0))}</dd>
              </>
            )}
            {(d!.amounts ?? []).map((l) => (
              <Fragment key={l.key}>
                <dt>{t(`detail.amounts.${l.key}`)}</dt>
                <dd className="mono" data-testid={`amount-${l.key}`}>{yuan(l.fen)}</dd>
              </Fragment>
            ))}
            {p.status === 'SUCCESS' && (
              <>
                <dt>{t('detail.left')}</dt>
                <dd className="mono" data-testid="left">{yuan(left)}</dd>
              </>
            )}
          </dl>
          <div className="detail__side">
            <h2>{t('detail.refunds')}</h2>
            {d!.refunds.length === 0 ? (
              <p className="empty">{t('detail.noRefunds')}</p>
            ) : (
              <ul className="refunds" data-testid="refunds">
                {d!.refunds.map((r) => (
                  <li key={r.outRequestNo}>
                    <span className="mono">{yuan(r.amountFen)}</span> <span className={`badge badge--${r.status.toLowerCase()}`}>{t(`status.${r.status}`)}</span> <span className="mono dim">{r.outRequestNo}</span>
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('detail.events')}</h2>
            <ol className="events">
              {d!.events.map((e, i) => (
                <li key={i}>
                  <span className="mono dim">{clockTime(e.at)}</span> {eventLabel(t, e.type, p)}
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
      {refund.phase !== 'closed' ? (
        <RefundPanel />
      ) : (
        <div className="actions">
          {canRefund && (
            <KeyButton keyLabel={REFUND_KEY} tone="primary" onPress={() => startRefund(p!.outTradeNo, left)} testId="refund">
              {t('detail.refund')}
            </KeyButton>
          )}
          {p?.status === 'SUCCESS' && <KeyButton keyLabel={PRINT_KEY} onPress={() => void print(p.outTradeNo)}>{t('sale.result.print')}</KeyButton>}
          {p?.status === 'UNKNOWN' && <KeyButton keyLabel={QUERY_KEY} onPress={() => void queryDetail()}>{t('detail.query')}</KeyButton>}
          <KeyButton keyLabel="Esc" onPress={closeDetail}>{t('detail.back')}</KeyButton>
        </div>
      )}
    </section>
  );
}
