// The journal's event names (created, sent, refund-success…) in the cashier's words; a name this
// screen does not know yet is shown as the journal wrote it rather than hidden.
import { isMessageKey } from '../i18n/catalogue.ts';
import type { T } from '../i18n/useT.ts';

export function eventLabel(t: T, type: string): string {
  const key = `event.${type}`;
  return isMessageKey(key) ? t(key) : type;
}
