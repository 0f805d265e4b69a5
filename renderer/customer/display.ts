// What the customer display may show: an amount and a status word, nothing else (no trade
// numbers, no buyer, no code). Both the cashier's sale and the core's payment pushes are reduced
// to this before they leave for the second screen.
import type { Provider } from '../../app/common/codes.ts';
import type { CustomerView, PaymentView } from '../../app/common/ipc/views.ts';
import { checkAmount } from '../sale/amountText.ts';
import type { SaleState } from '../sale/saleMachine.ts';
import { CUSTOMER_REASONS, customerReason, isCustomerReason, type CustomerReason } from './customerReason.ts';

/** 'refunded': a refund just went back to this customer ("款项将原路退回", issue 9 item 15). */
export type DisplayStatus = 'idle' | 'amount' | 'scan' | 'paying' | 'waiting' | 'paid' | 'failed' | 'unknown' | 'refunded' | 'qr';
const STATUSES: readonly DisplayStatus[] = ['idle', 'amount', 'scan', 'paying', 'waiting', 'paid', 'failed', 'unknown', 'refunded', 'qr'];

/** The till's QR code for this sale (issue 11), shown large while it can be paid: the merchant's, nothing of the customer's. */
export type DisplayQr = { code: string; expiresAt: number; provider: Provider };

/**
 * `shopName`: the shop's own name, shown (with its initial as a mark) above everything.
 * `reason`: why it did not go through, in the customer's words (customerReason.ts).
 * `provider`: who is taking the payment (支付宝 / 微信支付, in its colour), once the code said so (issue 15).
 */
export type Display = { status: DisplayStatus; amountFen: number | null; training: boolean; shopName?: string | undefined; reason?: CustomerReason | null | undefined; qr?: DisplayQr | null | undefined; provider?: Provider | null | undefined; paid?: DisplayPaid | null | undefined };

/** Paid, and the customer paid less than the total (TRY item 3): "实付 ¥28.00（优惠 ¥2.00）", as the phone says. */
export type DisplayPaid = { paidFen: number; discountFen: number };
const PROVIDERS: readonly Provider[] = ['alipay', 'wechat', 'unionpay'];

export const IDLE_DISPLAY: Display = { status: 'idle', amountFen: null, training: false };

/**
 * The core's customer view (pos:customer:changed), which a display on another machine has alone:
 * idle (when it connects before a sale), or a payment with the reason the core worked out.
 */
export function displayOfCustomerView(v: CustomerView): Display {
  const shop = v.shopName ? { shopName: v.shopName } : {};
  if (v.idle) return { ...IDLE_DISPLAY, training: v.training, ...shop };
  return { ...displayOfPayment(v), ...shop };
}

/** `reason`: the core's own (a CustomerView has no error to work it out from); else from the error. */
export function displayOfPayment(p: Pick<PaymentView, 'status' | 'state' | 'amountFen' | 'training'> & Partial<Pick<PaymentView, 'cancelAction' | 'error' | 'method' | 'qr' | 'cancelReason' | 'provider' | 'paidFen' | 'discountFen'>> & { reason?: CustomerReason | null }): Display {
  if (p.method === 'qr') {
    if (p.state === 'WAITING' && p.qr) return { status: 'qr', amountFen: p.amountFen, training: p.training, qr: { code: p.qr.code, expiresAt: p.qr.expiresAt, provider: p.provider ?? 'alipay' } };
    // Paid after the cancel: the money goes back, so it is a refund to the customer, not "paid".
    if (p.status === 'SUCCESS' && p.cancelReason) return { status: 'refunded', amountFen: p.amountFen, training: p.training, reason: 'lateRefund' };
  }
  const status: DisplayStatus =
    p.status === 'SUCCESS' ? 'paid'
      : p.status === 'FAILED' || p.status === 'CANCELLED' ? 'failed'
        : p.state === 'WAITING' ? 'waiting'
          : p.state === 'UNKNOWN' ? 'unknown'
            : 'paying';
  const reason = status !== 'failed' ? null : isCustomerReason(p.reason) ? p.reason : customerReason({ status: p.status, cancelAction: p.cancelAction ?? null, method: p.method, cancelReason: p.cancelReason ?? null, ...(p.error ? { error: p.error } : {}) });
  const paid = status === 'paid' && p.paidFen !== undefined && p.discountFen !== undefined ? { paid: { paidFen: p.paidFen, discountFen: p.discountFen } } : {};
  return { status, amountFen: p.amountFen, training: p.training, ...(reason ? { reason } : {}), ...(p.provider ? { provider: p.provider } : {}), ...paid };
}

export function displayOfSale(s: SaleState, training: boolean): Display {
  const typed = 'draft' in s ? checkAmount(s.draft.amountText) : null;
  const fen = typed?.ok ? typed.fen : null;
  switch (s.phase) {
    case 'checking':
      return { status: 'idle', amountFen: null, training };
    case 'amount':
      return { status: fen === null ? 'idle' : 'amount', amountFen: fen, training };
    case 'scan':
      return { status: 'scan', amountFen: fen, training };
    case 'paying':
      return s.payment ? displayOfPayment(s.payment) : { status: 'paying', amountFen: fen, training };
    case 'result':
    case 'unknown':
      return s.payment ? displayOfPayment(s.payment) : { status: 'unknown', amountFen: fen, training };
  }
}

export function sameDisplay(a: Display, b: Display): boolean {
  return a.status === b.status && a.amountFen === b.amountFen && a.training === b.training && a.shopName === b.shopName && (a.reason ?? null) === (b.reason ?? null)
    && (a.qr?.code ?? null) === (b.qr?.code ?? null) && (a.qr?.expiresAt ?? null) === (b.qr?.expiresAt ?? null) && (a.provider ?? null) === (b.provider ?? null)
    && (a.paid?.paidFen ?? null) === (b.paid?.paidFen ?? null) && (a.paid?.discountFen ?? null) === (b.paid?.discountFen ?? null);
}

/** Checks a message from another page before it is believed. */
export function isDisplay(x: unknown): x is Display {
  const d = x as Partial<Display> | null;
  return typeof d === 'object' && d !== null
    && STATUSES.includes(d.status as DisplayStatus)
    && (d.amountFen === null || (typeof d.amountFen === 'number' && Number.isSafeInteger(d.amountFen)))
    && typeof d.training === 'boolean'
    && (d.shopName === undefined || (typeof d.shopName === 'string' && d.shopName.length <= 64))
    && (d.reason === undefined || d.reason === null || CUSTOMER_REASONS.includes(d.reason))
    && (d.provider === undefined || d.provider === null || PROVIDERS.includes(d.provider))
    && (d.paid === undefined || d.paid === null || (typeof d.paid === 'object' && Number.isSafeInteger(d.paid.paidFen) && Number.isSafeInteger(d.paid.discountFen)))
    && (d.qr === undefined || d.qr === null || (typeof d.qr === 'object' && typeof d.qr.code === 'string' && d.qr.code.length <= 512 && Number.isSafeInteger(d.qr.expiresAt) && (d.qr.provider === 'alipay' || d.qr.provider === 'wechat')));
}
