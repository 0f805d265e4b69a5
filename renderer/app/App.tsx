// The cashier's screen: the training banner, the till's state, the current screen, and the
// function keys that reach every screen (F1 new sale, F2 today, F3 settings, F4 language).
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { HistoryScreen } from '../history/HistoryScreen.tsx';
import { historyStore } from '../history/historyStore.ts';
import { otherLanguage, translate } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { newSale } from '../sale/saleActions.ts';
import { SaleScreen } from '../sale/SaleScreen.tsx';
import { routeScan } from '../sale/scanRouting.ts';
import { useScanner } from '../scanner/use-scanner.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { tillStore } from '../till/tillStore.ts';
import { goTo, setLanguage, uiStore, type Route } from '../ui/uiStore.ts';
import { LastReceiptPreview } from '../receipt/LastReceiptPreview.tsx';
import { REPRINT_KEY, reprintLast } from '../receipt/lastReceipt.ts';
import { ShiftScreen } from '../shift/ShiftScreen.tsx';
import { ReconcileScreen } from '../reconcile/ReconcileScreen.tsx';
import { StatusLights } from '../status/StatusLights.tsx';
import { KeyButton } from './KeyButton.tsx';
import { LinkRefused } from './LinkRefused.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { SyncPill } from './SyncPill.tsx';
import { SaleBanner } from './SaleBanner.tsx';
import { saleStore } from '../sale/saleStore.ts';
import { TrainingBanner } from './TrainingBanner.tsx';
import { CashierPill, CashierPrompt } from '../shift/CashierPrompt.tsx';
import { CASHIER_KEY, openCashierPrompt } from '../shift/cashierStore.ts';

export const FUNCTION_KEYS = { newSale: 'F1', history: 'F2', settings: 'F3', language: 'F4', shift: 'F5', reconcile: 'F7' } as const;

function toggleLanguage(): void {
  setLanguage(otherLanguage(uiStore.getState().language));
}

/**
 * F1: to the sale screen, and a new sale there, unless the sale holds something the cashier has not
 * seen yet (a result that came in on another screen): then F1 shows that first (issue 9 item 4).
 */
function startNewSale(): void {
  const elsewhere = uiStore.getState().route !== 'sale';
  goTo('sale');
  const s = saleStore.getState();
  if (elsewhere && (s.phase === 'paying' || (s.phase === 'result' && (s.shownAt === null || s.shownAt === undefined)))) return;
  newSale();
}

/** A payment's detail is up: F7 there is the payment's refund, not 对账. */
function refundKeyHere(): boolean {
  return detailRoute(uiStore.getState().route) && historyStore.getState().detail !== null;
}

/** Screens that open a payment's detail over themselves (F2, and 对账's differences). */
function detailRoute(route: Route): boolean {
  return route === 'history' || route === 'reconcile';
}

function Header() {
  const t = useT();
  const { info, connection, scanner } = useStore(tillStore);
  // The shop's name is the owner's words; the till's own default name is translated.
  const shop = !info || info.shopName === translate('zh-CN', 'app.title') ? t('app.title') : info.shopName;
  return (
    <header className="topbar">
      <span className="topbar__shop" data-testid="shop">{shop}</span>
      {connection !== 'open' && connection !== 'refused' && <span className="pill pill--warn" role="status" data-testid="connection">{t(connection === 'lost' ? 'conn.lost' : 'conn.connecting')}</span>}
      {scanner && scanner.state !== 'connected' && (
        <span className="pill pill--warn" role="status">{scanner.state === 'error' ? t('scanner.error', { message: scanner.message ?? '' }) : t('scanner.disconnected')}</span>
      )}
      <CashierPill />
      <SyncPill />
      <StatusLights />
    </header>
  );
}

function FunctionKeys({ route }: { route: Route }) {
  const t = useT();
  // The footer offers no F7 对账 where F7 refunds (the detail shows its own F7 退款).
  const detailOpen = useStore(historyStore, (s) => s.detail !== null) && detailRoute(route);
  return (
    <nav className="fkeys">
      <KeyButton keyLabel={FUNCTION_KEYS.newSale} tone={route === 'sale' ? 'current' : 'plain'} onPress={startNewSale}>{t('nav.newSale')}</KeyButton>
      <KeyButton keyLabel={FUNCTION_KEYS.history} tone={route === 'history' ? 'current' : 'plain'} onPress={() => goTo('history')}>{t('nav.history')}</KeyButton>
      <KeyButton keyLabel={FUNCTION_KEYS.settings} tone={route === 'settings' ? 'current' : 'plain'} onPress={() => goTo('settings')}>{t('nav.settings')}</KeyButton>
      <KeyButton keyLabel={FUNCTION_KEYS.shift} tone={route === 'shift' ? 'current' : 'plain'} onPress={() => goTo('shift')} testId="nav-shift">{t('nav.shift')}</KeyButton>
      {!detailOpen && <KeyButton keyLabel={FUNCTION_KEYS.reconcile} tone={route === 'reconcile' ? 'current' : 'plain'} onPress={() => goTo('reconcile')} testId="nav-reconcile">{t('nav.reconcile')}</KeyButton>}
      <KeyButton keyLabel={FUNCTION_KEYS.language} onPress={toggleLanguage} testId="language-switch">{translate(otherLanguage(t.language), 'language.name')}</KeyButton>
    </nav>
  );
}

export function App() {
  const t = useT();
  const route = useStore(uiStore, (s) => s.route);
  const refused = useStore(tillStore, (s) => s.connection === 'refused');
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  useScanner((scan) => routeScan(scan.code));
  useKeys((key) => {
    switch (key) {
      case FUNCTION_KEYS.newSale:
        return startNewSale(), true;
      case FUNCTION_KEYS.history:
        return goTo('history'), true;
      case FUNCTION_KEYS.settings:
        return goTo('settings'), true;
      case FUNCTION_KEYS.language:
        return toggleLanguage(), true;
      case FUNCTION_KEYS.shift:
        return goTo('shift'), true;
      // Change of cashier (issue 12): the core keeps who is on duty; the prompt asks it.
      case CASHIER_KEY:
        return openCashierPrompt(), true;
      case FUNCTION_KEYS.reconcile:
        // On a payment's detail (F2, Enter), F7 is its refund key (and the full refund inside it):
        // App's listener runs before the detail's, so it leaves the key alone there. On the F2 list
        // it is 对账, as the footer says (try.md item 12a).
        if (refundKeyHere()) return false;
        return goTo('reconcile'), true;
      // Reaches here only when the screen up did not take it (the paid screen prints its own receipt).
      case REPRINT_KEY: {
        // Only before a sale: the paid screen's own F8 prints its receipt (App's listener runs first).
        const phase = saleStore.getState().phase;
        if (uiStore.getState().route !== 'sale' || (phase !== 'amount' && phase !== 'scan')) return false;
        return void reprintLast(), true;
      }
      default:
        return false;
    }
  });
  if (refused) {
    return (
      <div className="till" data-route="refused">
        <Header />
        <main className="till__main"><LinkRefused /></main>
      </div>
    );
  }
  return (
    <div className="till" data-route={route}>
      <TrainingBanner />
      <Header />
      <main className="till__main">{route === 'sale' ? <SaleScreen /> : route === 'history' ? <HistoryScreen /> : route === 'shift' ? <ShiftScreen /> : route === 'reconcile' ? <ReconcileScreen /> : <SettingsScreen />}</main>
      <LastReceiptPreview />
      <SaleBanner route={route} />
      <NoticeBar />
      <FunctionKeys route={route} />
      <CashierPrompt />
    </div>
  );
}
