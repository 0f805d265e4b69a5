// On today's payments or the settings, the sale is not out of mind: a payment still running, or a
// result that came in while the cashier was elsewhere, stays announced here until F1 shows it
// (issue 9 item 4). Unlike a notice it does not fade.
import { useStore } from 'zustand';
import { yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { statusKey } from '../sale/paymentStatus.ts';
import { checkAmount } from '../sale/amountText.ts';
import { saleStore } from '../sale/saleStore.ts';
import type { Route } from '../ui/uiStore.ts';

export function SaleBanner({ route }: { route: Route }) {
  const t = useT();
  const sale = useStore(saleStore);
  if (route === 'sale') return null;
  if (sale.phase === 'result' && (sale.shownAt === null || sale.shownAt === undefined)) {
    const tone = sale.payment.status === 'SUCCESS' ? 'paid' : 'failed';
    return (
      <div className={`sale-banner sale-banner--${tone}`} role="alert" data-testid="sale-banner">
        {t('banner.result', { amount: yuan(sale.payment.amountFen), status: t(statusKey(sale.payment)) })}
      </div>
    );
  }
  if (sale.phase === 'paying' || sale.phase === 'unknown') {
    const typed = checkAmount(sale.draft.amountText);
    const fen = sale.payment?.amountFen ?? (typed.ok ? typed.fen : null);
    return (
      <div className="sale-banner sale-banner--waiting" role="status" data-testid="sale-banner">
        {t(sale.phase === 'unknown' ? 'banner.result' : 'banner.paying', { amount: fen === null ? '' : yuan(fen), status: t('status.UNKNOWN') })}
      </div>
    );
  }
  return null;
}
