// The amount screen's second amount (issue 12): 不参与优惠金额, the part of the sale no promotion
// may touch (cigarettes, deposits). Hidden until the cashier moves to it with ↓ (the small key
// beside the caption says so, taking no line of its own at 800x600); shown while it holds an amount; ↑ goes back to the total, Esc drops it.
import { KeyButton } from '../app/KeyButton.tsx';
import { groupDigits } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import type { SaleState } from './saleMachine.ts';

export function UndiscountableField({ sale, onMove }: { sale: Extract<SaleState, { phase: 'amount' }>; onMove: (field: 'amount' | 'undiscountable') => void }) {
  const t = useT();
  const focused = sale.field === 'undiscountable';
  const text = sale.draft.undiscountableText;
  if (!focused && (text === undefined || text === '')) return null;
  return (
    <div className={`undiscountable${focused ? ' undiscountable--focused' : ''}`} data-testid="undiscountable-field" data-focused={focused ? 'on' : undefined}>
      <span className="undiscountable__label">{t('cashier.undiscountable.label')}</span>
      <output className="undiscountable__amount mono" data-testid="undiscountable" aria-live="polite" onClick={() => onMove('undiscountable')}>
        ¥{text === '' || text === undefined ? '0.00' : groupDigits(text)}
        {focused && <span className="caret" aria-hidden="true" />}
      </output>
      <span className="undiscountable__hint small">{t(focused ? 'cashier.undiscountable.hintFocused' : 'cashier.undiscountable.hint', { up: '↑', down: '↓' })}</span>
      {focused && <KeyButton keyLabel="↑" onPress={() => onMove('amount')}>{t('cashier.undiscountable.back')}</KeyButton>}
    </div>
  );
}


/** The key that opens the second amount, on the caption's line (no extra height on a small screen). */
export function UndiscountableOpener({ sale, onMove }: { sale: Extract<SaleState, { phase: 'amount' }>; onMove: (field: 'amount' | 'undiscountable') => void }) {
  const t = useT();
  if (sale.field === 'undiscountable' || (sale.draft.undiscountableText ?? '') !== '') return null;
  return <KeyButton keyLabel="↓" onPress={() => onMove('undiscountable')} testId="undiscountable-open">{t('cashier.undiscountable.open')}</KeyButton>;
}
