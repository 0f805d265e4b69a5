// The cashier sign-in channels (issue 12): who is on duty is the core's (app/shift/CashierOnDuty.ts),
// so a reload, a second screen and `pos pay` on the same data folder agree. Spread over
// createHandlers' own (handlers.ts); the payment handlers take the cashier from here too.
import type { Channel } from '../common/ipc/contract.ts';
import type { CashierView } from '../common/ipc/cashierViews.ts';
import { CashierOnDuty } from '../shift/CashierOnDuty.ts';
import type { Handlers } from './dispatch.ts';
import type { HostDeps } from './handlers.ts';

export const CASHIER_CHANNELS = ['pos:cashier:current', 'pos:cashier:signIn', 'pos:cashier:signOut'] as const satisfies readonly Channel[];
type CashierChannel = (typeof CASHIER_CHANNELS)[number];

/** One per till as it is open now: a settings change reopens the till, and may move its data folder. */
export function onDutyOf(d: HostDeps): CashierOnDuty {
  const config = d.till().config;
  const cached = cache.get(d);
  if (cached && cached.dir === config.dataDir && cached.config === config.cashiers) return cached.onDuty;
  const onDuty = new CashierOnDuty(config.dataDir, config.cashiers);
  cache.set(d, { dir: config.dataDir, config: config.cashiers, onDuty });
  return onDuty;
}

const cache = new WeakMap<HostDeps, { dir: string; config: unknown; onDuty: CashierOnDuty }>();

export function cashierView(onDuty: CashierOnDuty): CashierView {
  return { cashier: onDuty.current(), ask: onDuty.config.ask, list: onDuty.config.list };
}

export function cashierHandlers(d: HostDeps): Pick<Handlers, CashierChannel> {
  // Every cashier screen of this till follows a change made on one of them.
  const changed = (onDuty: CashierOnDuty): CashierView => {
    const view = cashierView(onDuty);
    d.push?.('pos:cashier:changed', view);
    return view;
  };
  return {
    'pos:cashier:current': async () => cashierView(onDutyOf(d)),
    'pos:cashier:signIn': async (req) => {
      const onDuty = onDutyOf(d);
      onDuty.signIn(req.id, Date.now());
      return changed(onDuty);
    },
    'pos:cashier:signOut': async () => {
      const onDuty = onDutyOf(d);
      onDuty.signOut();
      return changed(onDuty);
    },
  };
}
