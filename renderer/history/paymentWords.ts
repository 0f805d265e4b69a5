// A payment's facts in its provider's own words (TRY items 1, 4): WeChat's transaction id is not an
// Alipay trade number, and a QR sale was never paid with a code, so it has no last digits to show.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import type { Provider } from '../../app/common/codes.ts';
import type { T } from '../i18n/useT.ts';

export function tradeNoLabel(t: T, provider: Provider): string {
  return t(`tradeNo.${provider}`);
}

/** The payment code's last digits, or that it was a QR sale (the core marks those "QR"). */
export function codeText(t: T, p: Pick<PaymentView, 'method' | 'codeLast4'>, short = false): string {
  if (p.method === 'qr') return t(short ? 'code.qrShort' : 'code.qr');
  return `…${p.codeLast4}`;
}

/** What the customer is asked to open on the scan prompt: the apps this till takes. */
export function scanHint(t: T, providers: readonly Provider[] | undefined): string {
  const ali = !providers || providers.length === 0 || providers.includes('alipay');
  const wx = providers?.includes('wechat') ?? false;
  return ali && wx ? t('sale.scan.hint.both') : wx ? t('sale.scan.hint.wechat') : t('sale.scan.hint');
}
