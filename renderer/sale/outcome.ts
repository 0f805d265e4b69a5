// What a finished or stuck payment means for the cashier: the specific reason and the next step,
// in the screen's language. Declines carry Alipay's sub_code, which maps to advice written for the
// counter (app/common/payment/declines.ts); the core's other messages are "reason — next step"
// in English and "原因，请…" in Chinese, and are split the same way.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { adviceFor } from '../../app/common/payment/declines.ts';
import { errorText, translate, type Language } from '../i18n/catalogue.ts';

export type Outcome = { kind: 'paid' | 'failed' | 'cancelled' | 'refunded' | 'unknown'; reason: string | null; next: string | null };

function splitAdvice(language: Language, text: string): { reason: string; next: string | null } {
  if (language === 'en') {
    const at = text.lastIndexOf(' — ');
    return at > 0 ? { reason: text.slice(0, at), next: text.slice(at + 3) } : { reason: text, next: null };
  }
  const at = text.lastIndexOf('，请');
  return at > 0 ? { reason: text.slice(0, at), next: text.slice(at + 1) } : { reason: text, next: null };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What Enter does after a payment that did not go through: what its advice says. A risk refusal
 * or a refused configuration is not helped by scanning again, an amount over the limit needs the
 * amount changed; everything else is the customer's refreshed code (issue 9 item 9).
 */
export type DeclineAction = 'retry' | 'newSale' | 'editAmount';

const NOT_RETRIED: Readonly<Record<string, DeclineAction>> = {
  'ACQ.PAYMENT_REQUEST_HAS_RISK': 'newSale',
  'ACQ.ACCESS_FORBIDDEN': 'newSale',
  'ACQ.INVALID_STORE_ID': 'newSale',
  'ACQ.TOTAL_FEE_EXCEED': 'editAmount',
};

export function primaryAfterDecline(p: PaymentView): DeclineAction {
  if (p.error?.code === 'GATEWAY_CONFIG_ERROR') return 'newSale';
  const subCode = typeof p.error?.details?.subCode === 'string' ? p.error.details.subCode : '';
  return NOT_RETRIED[subCode] ?? 'retry';
}

export function outcomeOf(p: PaymentView, language: Language): Outcome {
  if (p.status === 'SUCCESS') return { kind: 'paid', reason: null, next: null };
  if (p.status === 'UNKNOWN') {
    const reason = p.error ? errorText(language, p.error) : null;
    return { kind: 'unknown', reason, next: translate(language, 'unknown.warning') };
  }
  const kind = p.status === 'CANCELLED' ? (p.cancelAction === 'refund' ? 'refunded' : 'cancelled') : 'failed';
  const e = p.error;
  const subCode = typeof e?.details?.subCode === 'string' ? e.details.subCode : undefined;
  if (e?.code === 'PAYMENT_DECLINED' && subCode) {
    const gatewayMessage = typeof e.details?.gatewayMessage === 'string' ? e.details.gatewayMessage : '';
    const a = adviceFor(subCode, gatewayMessage);
    return language === 'en' ? { kind, reason: capitalise(a.reason), next: capitalise(a.next) } : { kind, reason: a.reasonZh, next: a.nextZh };
  }
  const fallbackNext = translate(language, e?.code === 'GATEWAY_CONFIG_ERROR' ? 'next.config' : kind === 'failed' ? 'next.declined' : 'next.cancelled');
  if (!e) return { kind, reason: null, next: fallbackNext };
  const split = splitAdvice(language, errorText(language, e));
  return { kind, reason: language === 'en' ? capitalise(split.reason) : split.reason, next: split.next ? (language === 'en' ? capitalise(split.next) : split.next) : fallbackNext };
}
