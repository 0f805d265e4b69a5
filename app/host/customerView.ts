// The payment as the customer display may see it (docs/security.md item 2): derived here, in the
// core, so nothing the second screen must not show ever leaves for it.
import { customerReason } from '../common/customerReason.ts';
import type { CustomerIdleView, CustomerPaymentView, PaymentView } from '../common/ipc/views.ts';

export function customerViewOf(p: PaymentView, shopName: string): CustomerPaymentView {
  // The reason in the customer's words, worked out here from the error, which never leaves the core.
  const reason = customerReason({ status: p.status, cancelAction: p.cancelAction, method: p.method, cancelReason: p.cancelReason ?? null, ...(p.error ? { error: p.error } : {}) });
  const v: CustomerPaymentView = { status: p.status, state: p.state, amount: p.amount, amountFen: p.amountFen, provider: p.provider, training: p.training, shopName, ...(reason ? { reason } : {}), ...paidOf(p) };
  if (p.method !== 'qr') return v;
  // The QR is shown only while it can be paid; after that, what happened to it (issue 11).
  return { ...v, method: 'qr', qr: p.state === 'WAITING' ? p.qr ?? null : null, cancelReason: p.cancelReason ?? null, lateRefund: p.status === 'SUCCESS' && Boolean(p.cancelReason) };
}

/** A paid sale's 顾客实付 (TRY item 3): the customer's phone says it; so does the display. */
function paidOf(p: PaymentView): Pick<CustomerPaymentView, 'paidFen' | 'discountFen'> {
  return p.status === 'SUCCESS' && p.paidFen !== undefined && p.discountFen !== undefined ? { paidFen: p.paidFen, discountFen: p.discountFen } : {};
}

export function idleCustomerView(shop: { training: boolean; shopName: string; logo: string | null }): CustomerIdleView {
  return { idle: true, training: shop.training, shopName: shop.shopName, logo: shop.logo };
}
