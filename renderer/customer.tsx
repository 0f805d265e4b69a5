// The customer display page: follows the cashier's page on this machine, and the core's payment
// pushes (which also reach a display opened on another machine).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { optionalBridge } from './bridge.ts';
import { followCashback } from './customer/cashbackDisplay.ts';
import { CustomerDisplay } from './customer/CustomerDisplay.tsx';
import { displayOfCustomerView, IDLE_DISPLAY } from './customer/display.ts';
import { HELLO, onDisplay, openDisplayChannel } from './customer/displayChannel.ts';
import { displayStore, show } from './customer/displayStore.ts';
import { takeLogo } from './customer/shopLogo.ts';
import { translate } from './i18n/catalogue.ts';

document.title = `${translate('zh-CN', 'customer.title')} ${translate('en', 'customer.title')}`;

/** A display with no cashier's page beside it returns to "welcome" this long after an outcome. */
const OUTCOME_SHOWN_FOR_MS = 30_000;

// Once the cashier's page on this machine speaks, it alone decides: the core's pushes also carry
// the reconciler settling old payments, which the customer at the counter has nothing to do with.
let cashierNearby = false;
const channel = openDisplayChannel();
onDisplay(channel, (d) => {
  cashierNearby = true;
  show(d);
});
// Asks the cashier's page for what to show now: the training strip and the shop's name from the start.
channel?.postMessage(HELLO);
// Only the customer's view of a payment reaches this page (docs/security.md item 2). The core
// sends the current one as soon as this page connects (idle, or the payment at the counter), so a
// display on another machine has the training strip, the shop's name and logo from the start.
optionalBridge()?.on('pos:customer:changed', (v) => {
  takeLogo(v);
  if (!cashierNearby) show(displayOfCustomerView(v));
});

followCashback(optionalBridge());

let idleTimer: ReturnType<typeof setTimeout> | undefined;
displayStore.subscribe((d) => {
  clearTimeout(idleTimer);
  if (!cashierNearby && (d.status === 'paid' || d.status === 'failed')) idleTimer = setTimeout(() => show({ ...IDLE_DISPLAY, training: d.training, ...(d.shopName ? { shopName: d.shopName } : {}) }), OUTCOME_SHOWN_FOR_MS);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CustomerDisplay />
  </StrictMode>,
);
