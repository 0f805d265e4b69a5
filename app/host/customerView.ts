// The payment as the customer display may see it (docs/security.md item 2): derived here, in the
// core, so nothing the second screen must not show ever leaves for it.
import type { CustomerView, PaymentView } from '../common/ipc/views.ts';

export function customerViewOf(p: PaymentView, shopName: string): CustomerView {
  return { status: p.status, state: p.state, amount: p.amount, amountFen: p.amountFen, provider: p.provider, training: p.training, shopName };
}
