// Amount entry: the big amount as typed, the optional note, the keypad.
import { useT } from '../i18n/useT.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { Keypad } from './Keypad.tsx';
import { back, confirmAmount, setNote } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';

export const NOTE_FIELD_ID = 'sale-note';

export function AmountEntry({ sale }: { sale: Extract<SaleState, { phase: 'amount' }> }) {
  const t = useT();
  const text = sale.draft.amountText;
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
        <label className="note">
          <span>{t('sale.note.label')}</span>
          <input id={NOTE_FIELD_ID} type="text" maxLength={64} value={sale.draft.note} placeholder={t('sale.note.placeholder')} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
        </label>
        <div className="actions">
          <KeyButton keyLabel="Enter" tone="primary" onPress={confirmAmount} testId="confirm-amount">
            {t('sale.confirm')}
          </KeyButton>
          <KeyButton keyLabel="Esc" onPress={back}>
            {t('sale.clear')}
          </KeyButton>
        </div>
      </div>
      <Keypad />
    </section>
  );
}
