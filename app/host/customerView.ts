// The payment as the customer display may see it (docs/security.md item 2): derived here, in the
// core, so nothing the second screen must not show ever leaves for it.
import type { CustomerView, PaymentView } from '../common/ipc/views.ts';

export function customerViewOf(p: PaymentView, shopName: string): CustomerView {
  const v: CustomerView = { status: p.status, state: p.state, amount: p.amount, amountFen: p.amountFen, provider: p.provider, training: p.training, shopName };
  if (p.method !== 'qr') return v;
  // The QR is shown only while it can be paid; after that, what happened to it (issue 11).
  return { ...v, method: 'qr', qr: p.state === 'WAITING' ? p.qr ?? null : null, cancelReason: p.cancelReason ?? null, lateRefund: p.status === 'SUCCESS' && Boolean(p.cancelReason) };
}
