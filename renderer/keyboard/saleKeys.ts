// The sale screen's keyboard, as data: which action a key means in which phase. Enter goes
// forward, Esc goes back (and on the waiting screen cancels at the gateway), digits type the
// amount unless a text field (the note) has the focus.
import { isAmountKey, type AmountKey } from '../sale/amountText.ts';
import { primaryAfterDecline } from '../sale/outcome.ts';
import type { SaleState } from '../sale/saleMachine.ts';
import { TOTAL_KEY, UNDISCOUNTABLE_KEY } from '../sale/undiscountable.ts';
import type { Provider } from '../../app/common/codes.ts';

export type SaleKeyAction =
  | { do: 'amount'; key: AmountKey }
  | { do: 'field'; field: 'amount' | 'undiscountable' }
  | { do: 'confirm' }
  | { do: 'back' }
  | { do: 'leaveField' }
  | { do: 'focusNote' }
  | { do: 'manual'; key: string }
  | { do: 'submitManual' }
  | { do: 'cancel' }
  | { do: 'newSale' }
  | { do: 'retry' }
  | { do: 'resolve' }
  | { do: 'print' }
  | { do: 'showLast' }
  | { do: 'askNow' }
  | { do: 'editAmount' }
  | { do: 'qr' }
  | { do: 'qrProvider'; provider: Provider };

export const PRINT_KEY = 'F8';
/** On an empty amount: the sale just finished (issue 9 item 1). */
export const LAST_KEY = 'F6';
/** On the waiting screen: ask the gateway now (issue 9 item 10). */
export const ASK_KEY = 'F9';
/** On the scan prompt: show the till's QR code for the customer to scan (issue 11). */
export const QR_KEY = 'F10';

export function saleKey(s: SaleState, key: string, inTextField: boolean): SaleKeyAction | null {
  switch (s.phase) {
    case 'amount': {
      if (key === 'Enter') return { do: 'confirm' };
      if (key === LAST_KEY) return s.last && s.draft.amountText === '' ? { do: 'showLast' } : null;
      if (key === 'Escape') return inTextField ? { do: 'leaveField' } : { do: 'back' };
      if (inTextField) return null;
      if (key === 'Tab') return { do: 'focusNote' };
      // The second amount, not eligible for promotions (issue 12): ↓ to it, ↑ back to the total.
      if (key === UNDISCOUNTABLE_KEY) return { do: 'field', field: 'undiscountable' };
      if (key === TOTAL_KEY) return { do: 'field', field: 'amount' };
      if (key === 'Delete') return { do: 'amount', key: 'Clear' };
      // Numpads on Chinese and European layouts give ',' for the decimal key.
      const k = key === ',' ? '.' : key;
      return isAmountKey(k) ? { do: 'amount', key: k } : null;
    }
    case 'scan':
      if (s.qrChoice) {
        // Choosing whose QR code to show: 1, 2… pick; Enter or F10 again take the first (the default).
        if (key === 'Escape') return { do: 'back' };
        const i = key === 'Enter' || key === QR_KEY ? 0 : /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
        const provider = s.qrChoice[i];
        return provider ? { do: 'qrProvider', provider } : null;
      }
      if (key === 'Escape') return inTextField ? { do: 'leaveField' } : { do: 'back' };
      if (key === 'Enter') return s.manualCode === '' ? null : { do: 'submitManual' };
      if (key === QR_KEY) return { do: 'qr' };
      if (inTextField) return null;
      if (key === 'Backspace' || /^[0-9]$/.test(key)) return { do: 'manual', key };
      return null;
    case 'paying':
      if (key === ASK_KEY) return s.payment ? { do: 'askNow' } : null;
      return key === 'Escape' && !s.cancelRequested ? { do: 'cancel' } : null;
    case 'result':
      if (key === 'Enter') return s.payment.status === 'SUCCESS' ? { do: 'newSale' } : { do: primaryAfterDecline(s.payment) };
      if (key === 'Escape') return { do: 'newSale' };
      if (key === PRINT_KEY && s.payment.status === 'SUCCESS') return { do: 'print' };
      return null;
    case 'unknown':
      return key === 'Enter' && !s.resolving ? { do: 'resolve' } : null;
    case 'checking':
      return null;
  }
}
