// Where a scanned code goes: to the sale when the sale screen is up; elsewhere it is shown and
// dropped (a code scanned on the settings screen is not a payment).
import type { ScanView } from '../../app/common/ipc/views.ts';
import { notify, uiStore } from '../ui/uiStore.ts';
import { scan } from './saleActions.ts';

export function routeScan(code: string): void {
  if (uiStore.getState().route !== 'sale') return notify('notice.scanIgnored', undefined, 'error');
  scan(code);
}

/** A scan from a HID or serial scanner, pushed by main. */
export function scannerScanned(v: ScanView): void {
  if (!v.accepted) return notify('sale.problem.scanRejected', { reason: v.reason ?? v.code.slice(-4) }, 'error');
  routeScan(v.code);
}
