// The cashier's screen: wires the bridge's pushes to the stores, then renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { bridge } from './bridge.ts';
import { publishDisplay } from './customer/publishDisplay.ts';
import { checkActive, paymentChanged, recheck } from './sale/saleActions.ts';
import { scannerScanned } from './sale/scanRouting.ts';
import { saleStore } from './sale/saleStore.ts';
import { historyPaymentChanged } from './history/historyStore.ts';
import { clearNotice } from './ui/uiStore.ts';
import { watchLastReceipt } from './receipt/lastReceipt.ts';
import { listenForCashback } from './sale/cashbackStore.ts';
import { watchSaleSounds } from './sound/sounds.ts';
import { followConnection, followScanner, loadSavedLanguage, refreshTillInfo } from './till/tillActions.ts';
import { cashierChanged, loadCashier } from './shift/cashierStore.ts';

const pos = bridge();
pos.on('pos:payment:changed', paymentChanged);
pos.on('pos:payment:changed', historyPaymentChanged);
// A notice is about the screen it was said on: when the sale moves to another screen it goes.
saleStore.subscribe((s, before) => {
  if (s.phase !== before.phase) clearNotice();
});
pos.on('pos:scanner:scanned', scannerScanned);
pos.on('pos:cashier:changed', cashierChanged);
followScanner();
followConnection(() => {
  void refreshTillInfo();
  void recheck();
  void loadCashier();
});
watchSaleSounds();
watchLastReceipt();
// Red packets (issue 14) are pushed as they settle, often before their result screen is drawn.
listenForCashback();
publishDisplay();
void loadSavedLanguage();
void refreshTillInfo();
// Who is on duty is the core's (issue 12): a reload asks again; a till that asks shows the prompt.
void loadCashier();
// Before the first sale: an earlier payment left open must be seen and resolved (field-notes.md item 4).
void checkActive();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
