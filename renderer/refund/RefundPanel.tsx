// The refund form under a payment's detail: amount, confirmation, outcome.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { formatYuan } from '../../app/common/money.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { checkAmount } from '../sale/amountText.ts';
import { refundBack, refundFull, refundNext, refundStore, setRefundAmount } from './refundStore.ts';

export function RefundPanel() {
  const t = useT();
  const s = useStore(refundStore);
  const panel = useRef<HTMLElement>(null);
  // The panel opens below the detail: it is brought into view, or its outcome could go unseen.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, [s.phase]);
  useKeys((key) => {
    if (key === 'Enter') return void refundNext(), true;
    if (key === 'Escape') return refundBack(), true;
    return false;
  });
  if (s.phase === 'closed') return null;
  const amount = 'amountText' in s ? checkAmount(s.amountText) : null;
  const shown = amount?.ok ? formatYuan(amount.fen) : '';
  return (
    <section className="refund" data-screen="refund" data-phase={s.phase} ref={panel}>
      <h2>{t('refund.title')}</h2>
      {s.phase === 'editing' && (
        <>
          <label className="refund__amount">
            <span>{t('refund.amount')}</span>
            <span className="refund__field">
              ¥<input type="text" inputMode="decimal" autoFocus value={s.amountText} onChange={(e) => setRefundAmount(e.target.value)} data-testid="refund-amount" />
            </span>
            <span className="hint">{t('refund.max', { left: formatYuan(s.leftFen) })}</span>
          </label>
          <ProblemLine problem={s.problem} />
          <div className="actions">
            <KeyButton keyLabel="Enter" tone="primary" onPress={() => void refundNext()}>{t('refund.next')}</KeyButton>
            <KeyButton onPress={refundFull}>{t('refund.full')}</KeyButton>
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {(s.phase === 'confirming' || s.phase === 'sending') && (
        <>
          <p className="question" data-testid="refund-question">{t('refund.confirmQuestion', { amount: shown })}</p>
          <div className="actions">
            <KeyButton keyLabel="Enter" tone="danger" onPress={() => void refundNext()} disabled={s.phase === 'sending'} testId="refund-send">
              {s.phase === 'sending' ? t('refund.sending') : t('refund.send')}
            </KeyButton>
            <KeyButton keyLabel="Esc" onPress={refundBack} disabled={s.phase === 'sending'}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {s.phase === 'done' && (
        <>
          <p className={`refund__outcome refund__outcome--${s.refund.status.toLowerCase()}`} data-testid="refund-outcome">
            {s.refund.status === 'SUCCESS'
              ? t('refund.done', { amount: formatYuan(s.refund.amountFen), left: formatYuan(s.refund.leftFen) })
              : s.refund.status === 'UNKNOWN'
                ? t('refund.unknown')
                : `${t('refund.failed')}${s.refund.error ? `：${t.error(s.refund.error)}` : ''}`}
          </p>
          <div className="actions">
            <KeyButton keyLabel="Esc" tone="primary" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {s.phase === 'failed' && (
        <>
          <p className="problem" role="alert">{t('refund.failed')}：{t.error(s.error)}</p>
          <div className="actions">
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
    </section>
  );
}
