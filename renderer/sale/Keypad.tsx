// The on-screen keypad: the same keys as the keyboard's, for a touch screen or a mouse.
import { useT } from '../i18n/useT.ts';
import type { AmountKey } from './amountText.ts';
import { typeAmount } from './saleActions.ts';

const ROWS: readonly (readonly AmountKey[])[] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['0', '00', '.'],
];

export function Keypad() {
  const t = useT();
  const key = (k: AmountKey, label: string = k, kind: '' | ' keypad__key--word' | ' keypad__key--word keypad__key--wide' = '') => (
    <button key={k} type="button" tabIndex={-1} className={`keypad__key${kind}`} data-key={k} onMouseDown={(e) => e.preventDefault()} onClick={() => typeAmount(k)}>
      {label}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={t('sale.keypad.label')}>
      {ROWS.map((row) => row.map((k) => key(k)))}
      {key('Backspace', `⌫ ${t('sale.keypad.backspace')}`, ' keypad__key--word keypad__key--wide')}
      {key('Clear', t('sale.clear'), ' keypad__key--word')}
    </div>
  );
}
