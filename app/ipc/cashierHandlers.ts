// The cashier sign-in channels (issue 12): who is on duty is the core's (app/shift/CashierOnDuty.ts),
// so a reload, a second screen and `pos pay` on the same data folder agree. Spread over
// createHandlers' own (handlers.ts); the payment handlers take the cashier from here too.
import { watch } from 'node:fs';
import type { Channel } from '../common/ipc/contract.ts';
import type { CashierView } from '../common/ipc/cashierViews.ts';
import { CashierOnDuty, ON_DUTY_FILE } from '../shift/CashierOnDuty.ts';
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

/** What was last pushed as pos:cashier:changed, per host: a change is pushed once, whoever saw it first. */
const announced = new WeakMap<HostDeps, string>();

/** Pushes who is on duty to every cashier screen of this till, unless that is what they were last told. */
export function announceCashier(d: HostDeps, view: CashierView = cashierView(onDutyOf(d))): CashierView {
  const key = JSON.stringify(view);
  if (announced.get(d) !== key) {
    announced.set(d, key);
    d.push?.('pos:cashier:changed', view);
  }
  return view;
}

/**
 * Another process on this data folder (`pos report --kind Z` signs out, `pos pay --operator` does
 * not sign in) changes the on-duty file without this host's handlers: a watch on the folder tells
 * the open screens (issue 12). The folder, not the file: the file is replaced by a rename or
 * removed. One inotify watch, read only when that file's name is in the event. Returns the stop.
 */
export function watchCashierOnDuty(d: HostDeps): () => void {
  const dir = d.till().config.dataDir;
  announced.set(d, JSON.stringify(cashierView(onDutyOf(d))));
  try {
    const w = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && name !== ON_DUTY_FILE) return;
      try {
        announceCashier(d);
      } catch {
        // The till is closing or reopening: it announces again when it opens.
      }
    });
    w.on('error', () => w.close());
    return () => w.close();
  } catch {
    // No watch (a folder fs.watch cannot follow): screens still learn it on their next ask.
    return () => {};
  }
}

export function cashierHandlers(d: HostDeps): Pick<Handlers, CashierChannel> {
  // Every cashier screen of this till follows a change made on one of them.
  const changed = (onDuty: CashierOnDuty): CashierView => announceCashier(d, cashierView(onDuty));
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
