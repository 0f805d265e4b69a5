// The cashier's side of the customer display: every change of the sale, reduced to what the
// customer may see, goes out once.
import { saleStore } from '../sale/saleStore.ts';
import { tillStore } from '../till/tillStore.ts';
import { displayOfSale, sameDisplay, type Display } from './display.ts';
import { openDisplayChannel } from './displayChannel.ts';

export function publishDisplay(): () => void {
  const channel = openDisplayChannel();
  if (!channel) return () => {};
  let last: Display | null = null;
  const send = () => {
    const d = displayOfSale(saleStore.getState(), tillStore.getState().info?.training ?? false);
    if (last && sameDisplay(last, d)) return;
    last = d;
    channel.postMessage(d);
  };
  send();
  const stopSale = saleStore.subscribe(send);
  const stopTill = tillStore.subscribe(send);
  return () => {
    stopSale();
    stopTill();
    channel.close();
  };
}
