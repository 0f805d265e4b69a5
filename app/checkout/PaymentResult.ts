import type { PaymentView } from '../common/ipc/views.ts';
import type { ErrorData } from '../common/errors.ts';
import { fenToYuan } from '../common/money.ts';
import { isFinal } from '../common/payment/machine.ts';
import { customerPaidOf } from '../common/payment/customerPaid.ts';
import { readPaidDetail } from '../common/paidAmounts.ts';
import type { AttemptRecord } from '../journal/JournalStore.ts';

/** What a payment came to, as the CLI prints it and the screen shows it. */
export type PaymentResult = PaymentView;

export function resultOf(a: AttemptRecord, error?: ErrorData): PaymentResult {
  const status = isFinal(a.state) ? (a.state as PaymentResult['status']) : 'UNKNOWN';
  const storedError = a.errorCode ? storedErrorOf(a.errorCode, a.errorMessage) : undefined;
  const e = error ?? (status === 'SUCCESS' ? undefined : storedError);
  return {
    status,
    state: a.state,
    outTradeNo: a.outTradeNo,
    tradeNo: a.tradeNo,
    amount: fenToYuan(a.amountFen),
    amountFen: a.amountFen,
    provider: a.provider,
    training: a.training,
    buyer: a.buyerLogonId,
    codeLast4: a.codeLast4,
    cancelAction: a.cancelAction,
    cancelReason: a.cancelReason,
    createdAt: a.createdAt,
    ...(a.undiscountableFen ? { undiscountableFen: a.undiscountableFen } : {}),
    ...(a.cashier ? { cashier: a.cashier } : {}),
    ...customerPaidOf(readPaidDetail(a.paidDetail)),
    ...(a.method === 'qr' ? { method: 'qr' as const, qr: a.qrCode !== null && a.qrExpiresAt !== null ? { code: a.qrCode, expiresAt: a.qrExpiresAt } : null } : {}),
    ...(e ? { error: e } : {}),
  };
}

/** The journal keeps an error as the JSON of its ErrorData (so both languages survive a restart). */
export function storedErrorOf(code: string, text: string | null): ErrorData {
  if (text?.startsWith('{')) {
    try {
      return { code, ...(JSON.parse(text) as Omit<ErrorData, 'code'>) } as ErrorData;
    } catch {
      // fall through: an older plain-text message
    }
  }
  return { code, message: text ?? code, messageZh: text ?? code } as ErrorData;
}

export function storableError(e: ErrorData): { errorCode: string; errorMessage: string } {
  const { code, ...rest } = e;
  return { errorCode: code, errorMessage: JSON.stringify(rest) };
}
