// The red packets the core reports (pos:cashback:changed, issue 14), by sale, for the result screen.
// Listening starts once, on the first screen that asks, so a push that beats the screen is kept.
import { createStore } from 'zustand/vanilla';
import type { CashbackView } from '../../app/common/cashback.ts';
import { optionalBridge } from '../bridge.ts';

export const cashbackStore = createStore<Record<string, CashbackView>>(() => ({}));

let listening = false;
export function listenForCashback(): void {
  if (listening) return;
  const b = optionalBridge();
  if (!b) return;
  listening = true;
  b.on('pos:cashback:changed', (v) => cashbackStore.setState({ [v.outTradeNo]: v }));
}
