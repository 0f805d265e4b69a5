// The till's QR code on the customer display (issue 11): large, with which app scans it (its name
// in its colour inside the sentence, and a frame of that colour round the code: Alipay blue, WeChat
// green) and the seconds it is still valid, in both languages. The code disappears once it can no
// longer be paid.
import { QrCode } from '../app/QrCode.tsx';
import { useNow } from '../app/useNow.ts';
import { translate, type Language } from '../i18n/catalogue.ts';
import { secondsToExpiry } from '../sale/QrWaitingScreen.tsx';
import type { DisplayQr } from './display.ts';

const MARK = '\u0000';

/** "请用{provider}扫码付款" with the provider's name as its own coloured span. */
function ScanWith({ lang, qr }: { lang: Language; qr: DisplayQr }) {
  const [before = '', after = ''] = translate(lang, 'customer.qr', { provider: MARK }).split(MARK);
  return (
    <div lang={lang} className={lang === 'en' ? 'en' : undefined}>
      {before}
      <span className="customer__qr-provider" data-testid={lang === 'en' ? undefined : 'customer-qr-provider'}>{translate(lang, `provider.${qr.provider}`)}</span>
      {after}
    </div>
  );
}

export function CustomerQr({ qr }: { qr: DisplayQr }) {
  const now = useNow(250);
  const seconds = secondsToExpiry(now, qr.expiresAt);
  return (
    <div className={`customer__qr customer__qr--${qr.provider}`} data-testid="customer-qr" data-provider={qr.provider}>
      <div className="customer__qr-title">
        <ScanWith lang="zh-CN" qr={qr} />
        <ScanWith lang="en" qr={qr} />
      </div>
      <QrCode text={qr.code} className="customer__qr-code" label={translate('zh-CN', 'customer.qr', { provider: translate('zh-CN', `provider.${qr.provider}`) })} />
      <div className="customer__qr-left" data-testid="customer-qr-countdown">
        <span lang="zh-CN">{translate('zh-CN', 'customer.qrExpiresIn', { seconds })}</span> · <span lang="en" className="en">{translate('en', 'customer.qrExpiresIn', { seconds })}</span>
      </div>
    </div>
  );
}
