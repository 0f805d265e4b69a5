// The journal's event names (created, sent, refund-success…) in the cashier's words, said for the
// payment's provider and kind (a WeChat payment is not sent to Alipay; a QR one waits for a scan);
// a name this screen does not know yet is shown as the journal wrote it rather than hidden.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { isMessageKey } from '../i18n/catalogue.ts';
import type { T } from '../i18n/useT.ts';

export function eventLabel(t: T, type: string, p?: Pick<PaymentView, 'provider' | 'method'>): string {
  const keys = [
    ...(p?.method === 'qr' ? [`event.${type}.qr`] : []),
    ...(p ? [`event.${type}.${p.provider}`] : []),
    `event.${type}`,
  ];
  const key = keys.find(isMessageKey);
  return key ? t(key, p ? { provider: t(`provider.${p.provider}`) } : undefined) : type;
}
