// The customer display's red-packet line (issue 14): the latest packet the core reports, shown
// under "paid" until the next sale begins. Only the customer's view of it reaches this page.
import { createStore } from 'zustand/vanilla';
import type { CustomerCashbackView } from '../../app/common/cashback.ts';
import type { PosBridge } from '../../app/common/ipc/contract.ts';
import { displayStore } from './displayStore.ts';

export const customerCashbackStore = createStore<CustomerCashbackView | null>(() => null);

export function followCashback(bridge: PosBridge | null): void {
  bridge?.on('pos:customer:cashback', (v) => customerCashbackStore.setState(v, true));
  displayStore.subscribe((d) => {
    if (d.status === 'idle' || d.status === 'amount' || d.status === 'scan') customerCashbackStore.setState(null, true);
  });
}
