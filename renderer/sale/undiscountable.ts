// The sale's second amount (issue 12): the part not eligible for promotions (不参与优惠金额:
// cigarettes, deposits), typed in its own field that appears only when the cashier moves to it
// (↓ on the amount screen, ↑ back). Checked with the core's own rule (splitAmount) before Enter
// may go on, and sent with the payment only when it is not zero.
import type { ErrorData } from '../../app/common/errors.ts';
import { PosError } from '../../app/common/errors.ts';
import type { Fen } from '../../app/common/money.ts';
import { splitAmount } from '../../app/common/payment/amountParts.ts';
import type { Draft } from './saleMachine.ts';

/** ↓ moves to the second field (showing it), ↑ back to the total. */
export const UNDISCOUNTABLE_KEY = 'ArrowDown';
export const TOTAL_KEY = 'ArrowUp';

/** The typed text as the core reads it ("12." is a cashier who stopped typing). */
function clean(text: string | undefined): string {
  const t = (text ?? '').trim();
  return t.endsWith('.') ? t.slice(0, -1) : t;
}

/** The part in fen, 0 when none; a refusal in the core's words when it is more than the total or malformed. */
export function checkUndiscountable(totalFen: Fen, draft: Draft): { ok: true; fen: number } | { ok: false; error: ErrorData } {
  try {
    return { ok: true, fen: splitAmount(totalFen, clean(draft.undiscountableText)).undiscountableFen };
  } catch (e) {
    if (e instanceof PosError) return { ok: false, error: e.toData() };
    throw e;
  }
}

/** What goes to pos:payment:start / qr: the yuan text when there is a part, else nothing. */
export function undiscountableArg(draft: Draft): { undiscountable?: string } {
  const t = clean(draft.undiscountableText);
  return t === '' || /^0+(\.0*)?$/.test(t) ? {} : { undiscountable: t };
}
