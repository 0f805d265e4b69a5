// The sale: one screen per phase of the sale's state machine, and the keys that drive it.
import { useStore } from 'zustand';
import { useT } from '../i18n/useT.ts';
import { saleKey, type SaleKeyAction } from '../keyboard/saleKeys.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { isTextField } from '../scanner/reinsert.ts';
import { AmountEntry, NOTE_FIELD_ID } from './AmountEntry.tsx';
import { ResultScreen } from './ResultScreen.tsx';
import * as act from './saleActions.ts';
import { saleStore } from './saleStore.ts';
import { ScanPrompt } from './ScanPrompt.tsx';
import { UnknownScreen } from './UnknownScreen.tsx';
import { WaitingScreen } from './WaitingScreen.tsx';
import { isQr } from './qrOutcome.ts';
import { QrWaitingScreen } from './QrWaitingScreen.tsx';

function run(a: SaleKeyAction): void {
  switch (a.do) {
    case 'amount':
      return act.typeAmount(a.key);
    case 'field':
      return act.moveToField(a.field);
    case 'confirm':
      return act.confirmAmount();
    case 'back':
      return act.back();
    case 'leaveField':
      return (document.activeElement as HTMLElement | null)?.blur();
    case 'focusNote':
      return document.getElementById(NOTE_FIELD_ID)?.focus();
    case 'manual':
      return act.typeManualCode(a.key);
    case 'submitManual':
      return act.submitManualCode();
    case 'cancel':
      return void act.cancelPayment();
    case 'newSale':
      return act.newSale();
    case 'retry':
      return act.retry();
    case 'resolve':
      return void act.resolveUnknown();
    case 'print':
      return void act.printReceipt();
    case 'showLast':
      return act.showLast();
    case 'askNow':
      return void act.askNow();
    case 'editAmount':
      return act.editAmount();
    case 'qr':
      return act.startQr();
    case 'qrProvider':
      return act.startQr(a.provider);
  }
}

export function SaleScreen() {
  const t = useT();
  const sale = useStore(saleStore);
  useKeys((key, e) => {
    // Just after a result appears the keys that leave it are held off: a scanner's CR+LF or a
    // habitual Enter must not take it off the screen (issue 9 item 1). F2–F12 go on (they leave
    // the result where it is); F1's new sale waits for the guard itself (saleActions.newSale).
    if (act.resultGuardActive() && !/^F([2-9]|1[0-2])$/.test(key)) return true;
    const a = saleKey(saleStore.getState(), key, isTextField(e.target));
    if (!a) return false;
    run(a);
    return true;
  });
  switch (sale.phase) {
    case 'checking':
      return (
        <section className="sale sale--checking" data-screen="checking">
          <span className="spinner" aria-hidden="true" />
          <p className="hint">{t('sale.checking')}</p>
        </section>
      );
    case 'amount':
      return <AmountEntry sale={sale} />;
    case 'scan':
      return <ScanPrompt sale={sale} />;
    case 'paying':
      return sale.qr || isQr(sale.payment) ? <QrWaitingScreen sale={sale} /> : <WaitingScreen sale={sale} />;
    case 'result':
      return <ResultScreen sale={sale} />;
    case 'unknown':
      return <UnknownScreen sale={sale} />;
  }
}
