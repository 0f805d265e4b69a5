// What the customer display shows now, for a display that connects later (issue 9 item 15): a
// second screen opened after the till started, or on another machine, or back after a dropped
// link, learns the training strip, the shop's name and logo, and the payment being paid at once,
// instead of at the first push of the next sale.
import type { CustomerPaymentView, CustomerView, PaymentView } from '../common/ipc/views.ts';
import { customerViewOf, idleCustomerView } from './customerView.ts';

/** A payment that has just ended stays the current view this long, as the display keeps it (renderer/customer.tsx). */
export const OUTCOME_SHOWN_FOR_MS = 30_000;

export type Shop = { training: boolean; shopName: string; logo: string | null };

export class CustomerNow {
  readonly #shop: Shop;
  readonly #active: () => string | undefined;
  readonly #nowMs: () => number;
  #last: { outTradeNo: string; view: CustomerPaymentView; atMs: number } | undefined;

  /** `active`: the payment the till is paying now (Checkout.activeOutTradeNo). */
  constructor(shop: Shop, active: () => string | undefined, nowMs: () => number = Date.now) {
    this.#shop = shop;
    this.#active = active;
    this.#nowMs = nowMs;
  }

  /**
   * The push for a change of a payment. Only the payment being paid at the counter becomes the
   * current view: the reconciler settling an old one is nothing a newly connected display shows.
   */
  changed(p: PaymentView): CustomerPaymentView {
    const view = customerViewOf(p, this.#shop.shopName);
    if (this.#active() === p.outTradeNo) this.#last = { outTradeNo: p.outTradeNo, view, atMs: this.#nowMs() };
    return view;
  }

  /** The view for a display that has just connected: the payment at the counter, or idle; logo included. */
  current(): CustomerView {
    const last = this.#last;
    const live = last && (this.#active() === last.outTradeNo || this.#nowMs() - last.atMs < OUTCOME_SHOWN_FOR_MS);
    if (!last || !live) return idleCustomerView(this.#shop);
    return { ...last.view, logo: this.#shop.logo };
  }
}

/** BrowserServer's greeting (app/browser/BrowserServer.ts Greeting) from the host's current view. */
export function customerGreeting(view: () => CustomerView | null): () => Array<{ event: 'pos:customer:changed'; payload: CustomerView }> {
  return () => {
    const v = view();
    return v ? [{ event: 'pos:customer:changed', payload: v }] : [];
  };
}
