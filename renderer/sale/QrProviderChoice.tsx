// F10 on the scan prompt when more than one provider can show a QR code (issue 11): whose code the
// customer will scan — 1 支付宝, 2 微信支付; Enter or F10 again take the first (the till's default);
// Esc goes back to the scan prompt. One code per sale, for one provider: never side by side, so a
// customer can never pay one code while the till is closing the other.
import type { Provider } from '../../app/common/codes.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { useT } from '../i18n/useT.ts';
import { back, startQr } from './saleActions.ts';

/** `partFen`: the part not for promotions (issue 12); WeChat's key says it is not sent there (TRY item 2). */
export function QrProviderChoice({ providers, partFen = 0 }: { providers: readonly Provider[]; partFen?: number }) {
  const t = useT();
  return (
    <div className="qr-choice" role="dialog" aria-label={t('qr.choose')} data-testid="qr-choice">
      <h2 className="qr-choice__title">{t('qr.choose')}</h2>
      <div className="qr-choice__options">
        {providers.map((p, i) => (
          <KeyButton key={p} keyLabel={String(i + 1)} tone={i === 0 ? 'primary' : 'plain'} onPress={() => startQr(p)} testId={`qr-choice-${p}`}>
            <span className={`provider provider--${p}`}>{t(`provider.${p}`)}</span>
            {p === 'wechat' && partFen > 0 && <>{' '}<small className="qr-choice__note" data-testid="qr-choice-wechat-note">{t('cashier.undiscountable.choiceWechat')}</small></>}
          </KeyButton>
        ))}
      </div>
      <p className="hint">{t('qr.chooseHint', { provider: t(`provider.${providers[0]!}`) })}</p>
      <KeyButton keyLabel="Esc" onPress={back}>
        {t('qr.chooseBack')}
      </KeyButton>
    </div>
  );
}
