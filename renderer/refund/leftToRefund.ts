import type { PaymentDetailView } from '../../app/common/ipc/views.ts';

/**
 * Fen that may still be refunded. Every RefundView carries the payment's current remainder
 * (RefundDesk.result), so any of them will do; with none, the whole payment is left.
 */
export function leftToRefund(d: PaymentDetailView): number {
  if (d.payment.status !== 'SUCCESS') return 0;
  const first = d.refunds[0];
  return first ? first.leftFen : d.payment.amountFen;
}

/** A refund whose outcome is not known blocks another one: it is resent under its own number. */
export function openRefund(d: PaymentDetailView): PaymentDetailView['refunds'][number] | undefined {
  return d.refunds.find((r) => r.status === 'UNKNOWN');
}
