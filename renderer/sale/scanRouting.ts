// Where a scanned code goes: to the sale when the sale screen is up; elsewhere it is shown and
// dropped (a code scanned on the settings screen is not a payment).
import type { ScanView } from '../../app/common/ipc/views.ts';
import { orderNumberFromScan } from '../../app/common/receipt/receiptCode.ts';
import { openDetail } from '../history/historyStore.ts';
import { notify, uiStore } from '../ui/uiStore.ts';
import { scan } from './saleActions.ts';

export function routeScan(code: string): void {
  if (uiStore.getState().route !== 'sale') return notify('notice.scanIgnored', undefined, 'error');
  scan(code);
}

/** A scan from a HID or serial scanner, pushed by main. */
export function scannerScanned(v: ScanView): void {
  // A receipt's QR read by a HID or serial scanner on F2: that payment (issue 9 item 13).
  const order = uiStore.getState().route === 'history' ? orderNumberFromScan(v.code) : null;
  if (order) return void openDetail(order);
  if (!v.accepted) return notify('sale.problem.scanRejected', { reason: v.reason ?? v.code.slice(-4) }, 'error');
  routeScan(v.code);
}
