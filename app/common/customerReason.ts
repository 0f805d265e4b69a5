// Why a payment did not go through, in words a customer understands (issue 9 item 15): not the
// gateway's sub_code or the cashier's advice, but what the customer can do about it, and whether
// money left their account. Only the reason's key reaches the display, never the error itself.
// Here, in app/common, so the core puts it in the CustomerView it pushes (a display on another
// machine never sees the error) and the cashier's page reduces its own sale the same way.
import type { PaymentView } from './ipc/views.ts';

export const CUSTOMER_REASONS = ['balance', 'codeExpired', 'risk', 'refunded', 'cancelled', 'other', 'qrExpired', 'qrCancelled', 'lateRefund'] as const;
export type CustomerReason = (typeof CUSTOMER_REASONS)[number];

const BY_SUB_CODE: Record<string, CustomerReason> = {
  'ACQ.BUYER_BALANCE_NOT_ENOUGH': 'balance',
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH': 'balance',
  'ACQ.PAYMENT_AUTH_CODE_INVALID': 'codeExpired',
  'ACQ.PAYMENT_REQUEST_HAS_RISK': 'risk',
  // WeChat Pay's words for the same (app/gateway/wechat/errorCodes.ts).
  NOTENOUGH: 'balance',
  NOT_ENOUGH: 'balance',
  AUTHCODEEXPIRE: 'codeExpired',
  AUTH_CODE_ERROR: 'codeExpired',
  AUTH_CODE_INVALID: 'codeExpired',
  TRADE_ERROR: 'risk',
};

export function isCustomerReason(x: unknown): x is CustomerReason {
  return typeof x === 'string' && (CUSTOMER_REASONS as readonly string[]).includes(x);
}

export function customerReason(p: Pick<PaymentView, 'status' | 'cancelAction'> & Partial<Pick<PaymentView, 'method' | 'cancelReason'>> & { error?: PaymentView['error'] }): CustomerReason | null {
  // A QR sale (issue 11): the code expired or was cancelled; or paid after that, and refunded.
  if (p.method === 'qr' && p.status === 'SUCCESS' && p.cancelReason) return 'lateRefund';
  if (p.method === 'qr' && p.status === 'CANCELLED') return p.cancelReason === 'expired' ? 'qrExpired' : 'qrCancelled';
  if (p.status === 'CANCELLED') return p.cancelAction === 'refund' ? 'refunded' : 'cancelled';
  if (p.status !== 'FAILED') return null;
  const sub = (p.error?.details as { subCode?: unknown } | undefined)?.subCode;
  return (typeof sub === 'string' ? BY_SUB_CODE[sub] : undefined) ?? 'other';
}
