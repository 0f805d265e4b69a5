// The refund form under a payment's detail: amount (F7: all of what is left), reason (1–4),
// confirmation, the manager's PIN when the till has one, outcome.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { formatYuan } from '../../app/common/money.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { checkAmount } from '../sale/amountText.ts';
import { REFUND_REASONS, reasonForKey } from './refundReasons.ts';
import { pickReason, refundBack, refundFull, refundNext, refundStore, setRefundAmount, typeRefundPin } from './refundStore.ts';

/** In the panel, the same key that opened it takes the whole remainder. */
export const FULL_REFUND_KEY = 'F7';

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
    if (key === FULL_REFUND_KEY && (s.phase === 'editing' || s.phase === 'reason')) return refundFull(), true;
    const reason = s.phase === 'reason' ? reasonForKey(key) : null;
    if (reason) return pickReason(reason), true;
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
            <KeyButton keyLabel={FULL_REFUND_KEY} onPress={refundFull} testId="refund-full">{t('refund.full')}</KeyButton>
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {s.phase === 'reason' && (
        <>
          <p className="question" data-testid="refund-reason-question">{t('refund.reason.question', { amount: shown })}</p>
          <div className="actions" data-testid="refund-reasons">
            {REFUND_REASONS.map((r, i) => (
              <KeyButton key={r} keyLabel={String(i + 1)} onPress={() => pickReason(r)} testId={`reason-${i + 1}`}>{t(r)}</KeyButton>
            ))}
            <KeyButton keyLabel={FULL_REFUND_KEY} onPress={refundFull}>{t('refund.full')}</KeyButton>
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {s.phase === 'pin' && (
        <>
          <p className="question">{t('refund.pin.question', { amount: shown })}</p>
          <label className="refund__amount">
            <span>{t('refund.pin.label')}</span>
            <input type="password" inputMode="numeric" autoComplete="off" autoFocus value={s.pin} onChange={(e) => typeRefundPin(e.target.value)} data-testid="refund-pin" />
          </label>
          {s.problem && <p className="problem" role="alert" data-testid="refund-pin-problem">{t.error(s.problem)}</p>}
          <div className="actions">
            <KeyButton keyLabel="Enter" tone="danger" onPress={() => void refundNext()} disabled={s.pin.length < 4} testId="refund-pin-send">{t('refund.send')}</KeyButton>
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
      {(s.phase === 'confirming' || s.phase === 'sending') && (
        <>
          <p className="question" data-testid="refund-question">{t('refund.confirmQuestion', { amount: shown })}</p>
          <p className="hint" data-testid="refund-reason">{t('refund.reason.chosen', { reason: t(s.reason) })}</p>
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
          {/* REFUND_TOO_SOON (WeChat's minute between two refunds) says in its text when it may be sent. */}
          <p className="problem" role="alert" data-testid="refund-problem" data-code={s.error.code}>{t('refund.failed')}：{t.error(s.error)}</p>
          <div className="actions">
            <KeyButton keyLabel="Esc" onPress={refundBack}>{t('refund.cancel')}</KeyButton>
          </div>
        </>
      )}
    </section>
  );
}
