// The till's QR code on the customer display (issue 11): large, with which app scans it (its name
// and colour: Alipay blue, WeChat green) and the seconds it is still valid, in both languages. The code disappears once it can no longer be paid.
import { QrCode } from '../app/QrCode.tsx';
import { useNow } from '../app/useNow.ts';
import { translate } from '../i18n/catalogue.ts';
import { secondsToExpiry } from '../sale/QrWaitingScreen.tsx';
import type { DisplayQr } from './display.ts';

export function CustomerQr({ qr }: { qr: DisplayQr }) {
  const now = useNow(250);
  const seconds = secondsToExpiry(now, qr.expiresAt);
  const provider = { zh: translate('zh-CN', `provider.${qr.provider}`), en: translate('en', `provider.${qr.provider}`) };
  return (
    <div className={`customer__qr customer__qr--${qr.provider}`} data-testid="customer-qr" data-provider={qr.provider}>
      <div className="customer__qr-provider" data-testid="customer-qr-provider">
        <span lang="zh-CN">{provider.zh}</span> · <span lang="en" className="en">{provider.en}</span>
      </div>
      <div className="customer__qr-title">
        <div lang="zh-CN">{translate('zh-CN', 'customer.qr', { provider: provider.zh })}</div>
        <div lang="en" className="en">{translate('en', 'customer.qr', { provider: provider.en })}</div>
      </div>
      <QrCode text={qr.code} className="customer__qr-code" label={translate('zh-CN', 'customer.qr', { provider: provider.zh })} />
      <div className="customer__qr-left" data-testid="customer-qr-countdown">
        <span lang="zh-CN">{translate('zh-CN', 'customer.qrExpiresIn', { seconds })}</span> · <span lang="en" className="en">{translate('en', 'customer.qrExpiresIn', { seconds })}</span>
      </div>
    </div>
  );
}
