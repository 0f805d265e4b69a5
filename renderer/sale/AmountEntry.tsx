// Amount entry: the big amount as typed, the optional note, the keypad, a code scanned before the
// amount was confirmed (held until Enter charges it), the second Enter an unusually large amount
// asks for, and the sale just finished, one key away.
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { clockTime, groupDigits, yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { LAST_KEY } from '../keyboard/saleKeys.ts';
import { checkAmount } from './amountText.ts';
import { Keypad } from './Keypad.tsx';
import { statusKey } from './paymentStatus.ts';
import { back, confirmAmount, moveToField, setNote, showLast } from './saleActions.ts';
import type { SaleState } from './saleMachine.ts';
import { UndiscountableField, UndiscountableOpener } from './UndiscountableField.tsx';
import { checkUndiscountable } from './undiscountable.ts';

export const NOTE_FIELD_ID = 'sale-note';

export function AmountEntry({ sale }: { sale: Extract<SaleState, { phase: 'amount' }> }) {
  const t = useT();
  const text = sale.draft.amountText;
  const typed = checkAmount(text);
  const shown = typed.ok ? yuan(typed.fen) : `¥${groupDigits(text)}`;
  const last = sale.last ?? null;
  // The held code charges the part typed beside the total too: said with it (TRY item 17).
  const heldSplit = sale.heldScan && typed.ok ? checkUndiscountable(typed.fen, sale.draft) : null;
  const heldPart = heldSplit?.ok ? heldSplit.fen : 0;
  return (
    <section className="sale sale--amount" data-screen="amount" data-confirm-large={sale.confirmLarge ? 'on' : undefined}>
      <div className="sale__main">
        <div className="caption caption--with-key">
          {t('sale.amount.label')}
          <UndiscountableOpener sale={sale} onMove={moveToField} />
        </div>
        <output className={`amount-display${text === '' ? ' amount-display--empty' : ''}`} data-testid="amount" aria-live="polite" data-focused={sale.field === 'undiscountable' ? undefined : 'on'}>
          <span className="amount-display__sign">¥</span>
          {text === '' ? '0.00' : groupDigits(text)}
          {sale.field !== 'undiscountable' && <span className="caret" aria-hidden="true" />}
        </output>
        <UndiscountableField sale={sale} onMove={moveToField} />
        {sale.confirmLarge ? (
          <p className="confirm-large" role="alert" data-testid="confirm-large">
            {t('sale.amount.confirmLarge', { amount: shown })}
          </p>
        ) : (
          <p className="hint">{t('sale.amount.hint')}</p>
        )}
        <ProblemLine problem={sale.problem} />
        {sale.heldScan && (
          <p className="held-scan" role="status" data-testid="held-scan">
            {t('sale.amount.held', { amount: shown, last4: sale.heldScan.last4 })}
            {heldPart > 0 && t('sale.amount.heldPart', { part: yuan(heldPart) })}
          </p>
        )}
        <label className="note">
          <span>{t('sale.note.label')}</span>
          <input id={NOTE_FIELD_ID} type="text" maxLength={64} value={sale.draft.note} placeholder={t('sale.note.placeholder')} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
        </label>
        <div className="actions">
          {/* With a code held, Enter charges it and Esc drops the code (the amount stays). */}
          <KeyButton keyLabel="Enter" tone="primary" onPress={confirmAmount} testId="confirm-amount">
            {sale.confirmLarge ? t('sale.amount.confirmLargeKey') : sale.heldScan ? t('sale.amount.charge') : t('sale.confirm')}
          </KeyButton>
          <KeyButton keyLabel="Esc" onPress={back}>
            {sale.confirmLarge ? t('sale.scan.back') : sale.heldScan ? t('sale.amount.dropCode') : t('sale.clear')}
          </KeyButton>
        </div>
        {last && (
          <div className="last-sale" data-testid="last-sale">
            <span>{t('sale.last', { amount: yuan(last.amountFen), status: t(statusKey(last)), time: clockTime(last.createdAt) })}</span>
            <KeyButton keyLabel={LAST_KEY} onPress={showLast} disabled={text !== ''} testId="show-last">
              {t('sale.last.show')}
            </KeyButton>
          </div>
        )}
      </div>
      <Keypad />
    </section>
  );
}
