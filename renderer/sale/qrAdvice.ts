// What to do after a QR code was cancelled or expired unpaid (TRY item 10): the customer was scanning
// the till's code, often because his own would not scan, so "refresh your code and scan again" is
// the wrong advice; Enter goes back to the scan prompt, where either way is open.
import type { T } from '../i18n/useT.ts';
import type { QrOutcome } from './qrOutcome.ts';

export function qrNextStep(t: T, qo: QrOutcome | undefined): { next: string; retryLabel: string } | null {
  return qo === 'expired' || qo === 'cancelled' ? { next: t('qr.result.nextAgain'), retryLabel: t('qr.result.continue') } : null;
}
