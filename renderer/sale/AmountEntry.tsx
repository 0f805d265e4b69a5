// Amount entry: the big amount as typed, the optional note, the keypad, and a code scanned before
// the amount was confirmed, held until Enter charges it.
import { formatYuan } from '../../app/common/money.ts';
import { useT } from '../i18n/useT.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { checkAmount } from './amountText.ts';
import { Keypad } from './Keypad.tsx';
import { back, confirmAmount, setNote } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';

export const NOTE_FIELD_ID = 'sale-note';

export function AmountEntry({ sale }: { sale: Extract<SaleState, { phase: 'amount' }> }) {
  const t = useT();
  const text = sale.draft.amountText;
  const typed = checkAmount(text);
  return (
    <section className="sale sale--amount" data-screen="amount">
      <div className="sale__main">
        <div className="caption">{t('sale.amount.label')}</div>
        <output className={`amount-display${text === '' ? ' amount-display--empty' : ''}`} data-testid="amount" aria-live="polite">
          <span className="amount-display__sign">¥</span>
          {text === '' ? '0.00' : text}
          <span className="caret" aria-hidden="true" />
        </output>
        <p className="hint">{t('sale.amount.hint')}</p>
        <ProblemLine problem={sale.problem} />
        {sale.heldScan && (
          <p className="held-scan" role="status" data-testid="held-scan">
            {t('sale.amount.held', { amount: typed.ok ? formatYuan(typed.fen) : `¥${text}`, last4: sale.heldScan.last4 })}
          </p>
        )}
        <label className="note">
          <span>{t('sale.note.label')}</span>
          <input id={NOTE_FIELD_ID} type="text" maxLength={64} value={sale.draft.note} placeholder={t('sale.note.placeholder')} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
        </label>
        <div className="actions">
          {/* With a code held, Enter charges it and Esc drops the code (the amount stays). */}
          <KeyButton keyLabel="Enter" tone="primary" onPress={confirmAmount} testId="confirm-amount">
            {sale.heldScan ? t('sale.amount.charge') : t('sale.confirm')}
          </KeyButton>
          <KeyButton keyLabel="Esc" onPress={back}>
            {sale.heldScan ? t('sale.amount.dropCode') : t('sale.clear')}
          </KeyButton>
        </div>
      </div>
      <Keypad />
    </section>
  );
}
