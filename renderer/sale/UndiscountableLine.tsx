// "其中不参与优惠 ¥10.00" under an amount (issue 12), on the scan prompt and the result; on a WeChat
// payment it also says the part was not sent (codepay has no such field).
import { yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';

export function UndiscountableLine({ fen, wechat = false }: { fen: number; wechat?: boolean }) {
  const t = useT();
  if (fen <= 0) return null;
  return (
    <>
      <p className="undiscountable-line" data-testid="undiscountable-line">{t('cashier.undiscountable.line', { amount: yuan(fen) })}</p>
      {wechat && <p className="hint small" data-testid="undiscountable-wechat">{t('cashier.undiscountable.wechatNote')}</p>}
    </>
  );
}
