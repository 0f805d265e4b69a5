// The cashier's side of the customer display: every change of the sale, reduced to what the
// customer may see, goes out once, with the shop's name. A refund just made shows there too
// ("款项将原路退回", issue 9 item 15) until the sale moves on. A display that opens later says
// hello and is told what to show at once, training strip included (item 15: from the start).
import { refundStore } from '../refund/refundStore.ts';
import { saleStore } from '../sale/saleStore.ts';
import { tillStore } from '../till/tillStore.ts';
import { displayOfSale, sameDisplay, type Display } from './display.ts';
import { isHello, openDisplayChannel } from './displayChannel.ts';

export function publishDisplay(): () => void {
  const channel = openDisplayChannel();
  if (!channel) return () => {};
  let last: Display | null = null;
  let refunded: Display | null = null;
  const current = (): Display => {
    const info = tillStore.getState().info;
    const base = refunded ?? displayOfSale(saleStore.getState(), info?.training ?? false);
    return { ...base, training: info?.training ?? base.training, ...(info?.shopName ? { shopName: info.shopName } : {}) };
  };
  // A page the till has not let in yet (or refused: a used address, try.md item 7) knows nothing
  // of the sale at the counter; it says nothing, or it would cover what the working page shows.
  let everOpen = tillStore.getState().connection === 'open';
  const send = (force = false) => {
    everOpen ||= tillStore.getState().connection === 'open';
    if (!everOpen) return;
    const d = current();
    if (!force && last && sameDisplay(last, d)) return;
    last = d;
    channel.postMessage(d);
  };
  const onMessage = (e: MessageEvent) => {
    if (isHello(e.data)) send(true);
  };
  channel.addEventListener('message', onMessage);
  send();
  const stopSale = saleStore.subscribe(() => {
    refunded = null;
    send();
  });
  const stopTill = tillStore.subscribe(() => send());
  const stopRefund = refundStore.subscribe((r, before) => {
    if (r.phase === 'done' && before.phase !== 'done' && r.refund.status === 'SUCCESS') {
      refunded = { status: 'refunded', amountFen: r.refund.amountFen, training: r.refund.training, reason: 'refunded' };
      send();
    }
  });
  return () => {
    stopSale();
    stopTill();
    stopRefund();
    channel.removeEventListener('message', onMessage);
    channel.close();
  };
}
