// "其中不参与优惠 ¥10.00" under an amount (issue 12), on the scan prompt, the QR screen and the result.
// WeChat codepay/Native has no such field, so the part is journaled but not sent: said before the
// customer pays (TRY item 2) — `before` 'scan' (WeChat may be whose code comes), 'qr' (it is
// WeChat's code) — and on a WeChat payment's result (`wechat`), that it was not sent.
import { yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';

export function UndiscountableLine({ fen, wechat = false, before }: { fen: number; wechat?: boolean; before?: 'scan' | 'qr' | undefined }) {
  const t = useT();
  if (fen <= 0) return null;
  return (
    <>
      <p className="undiscountable-line" data-testid="undiscountable-line">{t('cashier.undiscountable.line', { amount: yuan(fen) })}</p>
      {before && (
        <p className="hint small" role="note" data-testid="undiscountable-wechat-before" data-before={before}>
          {t(before === 'qr' ? 'cashier.undiscountable.qrWechat' : 'cashier.undiscountable.scanWechat')}
        </p>
      )}
      {wechat && <p className="hint small" data-testid="undiscountable-wechat">{t('cashier.undiscountable.wechatNote')}</p>}
    </>
  );
}
