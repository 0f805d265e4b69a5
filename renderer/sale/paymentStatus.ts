// A payment's status in the cashier's words (issue 9 items 7 and 9): refunds show (已退款 / 部分退款),
// and a payment the till is still working on is "in progress", not "unconfirmed" like one whose
// outcome nobody could establish.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import type { MessageKey } from '../i18n/catalogue.ts';

export type StatusLabel = 'SUCCESS' | 'REFUNDED' | 'PARTLY_REFUNDED' | 'FAILED' | 'CANCELLED' | 'UNKNOWN' | 'IN_FLIGHT' | 'CANCELLING';

export function statusLabel(p: PaymentView): StatusLabel {
  if (p.status === 'SUCCESS') {
    const refunded = p.refundedFen ?? 0;
    if (refunded >= p.amountFen) return 'REFUNDED';
    return refunded > 0 ? 'PARTLY_REFUNDED' : 'SUCCESS';
  }
  if (p.status !== 'UNKNOWN') return p.status;
  if (p.state === 'UNKNOWN') return 'UNKNOWN';
  return p.state === 'CANCELLING' ? 'CANCELLING' : 'IN_FLIGHT';
}

export function statusKey(p: PaymentView): MessageKey {
  return `status.${statusLabel(p)}`;
}

/** The badge's colour class. */
export function statusTone(label: StatusLabel): string {
  switch (label) {
    case 'SUCCESS':
      return 'success';
    case 'REFUNDED':
    case 'PARTLY_REFUNDED':
      return 'refunded';
    case 'FAILED':
    case 'CANCELLED':
      return 'failed';
    case 'IN_FLIGHT':
    case 'CANCELLING':
      return 'inflight';
    case 'UNKNOWN':
      return 'unknown';
  }
}
