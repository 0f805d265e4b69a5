// What a QR sale (the customer scans the till's code, issue 11) came to, in the screen's terms.
// A payment that landed after the cashier's cancel or the code's expiry is SUCCESS in the journal
// (the money did move) but is no sale: the core refunds it in full at once, and says so.
import type { PaymentView } from '../../app/common/ipc/views.ts';

export type QrOutcome = 'paid' | 'expired' | 'cancelled' | 'lateRefunded' | 'lateRefunding' | 'failed' | 'unknown' | 'open';

export function isQr(p: Pick<PaymentView, 'method'> | null | undefined): boolean {
  return p?.method === 'qr';
}

/** Paid, but after the close was decided: a refund, not a sale. */
export function isLatePaid(p: Pick<PaymentView, 'method' | 'status' | 'cancelReason'>): boolean {
  return p.method === 'qr' && p.status === 'SUCCESS' && Boolean(p.cancelReason);
}

export function qrOutcomeOf(p: PaymentView): QrOutcome {
  switch (p.status) {
    case 'SUCCESS':
      if (!isLatePaid(p)) return 'paid';
      // The call's answer carries lateRefund; a reloaded screen has only the journal's view (refundedFen).
      return p.lateRefund?.status === 'SUCCESS' || (p.refundedFen ?? 0) >= p.amountFen || /已全额原路退回|refunded in full/.test(p.error?.messageZh ?? '') ? 'lateRefunded' : 'lateRefunding';
    case 'CANCELLED':
      return p.cancelReason === 'expired' ? 'expired' : 'cancelled';
    case 'FAILED':
      return 'failed';
    case 'UNKNOWN':
      return p.state === 'UNKNOWN' ? 'unknown' : 'open';
  }
}
