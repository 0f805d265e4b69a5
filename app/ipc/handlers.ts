// The IPC handlers over the core, shared by Electron's main process and browser mode.
import { resultOf } from '../checkout/PaymentResult.ts';
import { PosError } from '../common/errors.ts';
import type { PaymentView } from '../common/ipc/views.ts';
import { shanghaiDay } from '../common/time.ts';
import type { SettingsStore } from '../settings/SettingsStore.ts';
import type { Till } from '../till.ts';
import type { Handlers } from './dispatch.ts';
import { SYNC_OFF } from '../hq/tillSync.ts';

export type HostDeps = {
  /** The till as it is open now (settings changes reopen it). */
  till(): Till;
  settings: SettingsStore;
  /** Reopens the till after a settings change; refuses while a payment is in progress. */
  reopen(): Promise<void>;
  printReceipt?: (outTradeNo: string, outRequestNo?: string) => Promise<boolean>;
  customerDisplayUrl: string | null;
  version: string;
};

function matches(p: PaymentView, search: string): boolean {
  const s = search.trim();
  if (s === '') return true;
  if (/^\d+(\.\d{1,2})?$/.test(s) && (p.amount === s || p.amount === `${s}.00` || p.amount === `${s}0`)) return true;
  return p.codeLast4.endsWith(s) || p.outTradeNo.includes(s) || (p.tradeNo ?? '').endsWith(s);
}

export function createHandlers(d: HostDeps): Handlers {
  return {
    'pos:till:info': async () => ({ training: d.till().training, shopName: d.till().config.shopName, version: d.version, customerDisplayUrl: d.customerDisplayUrl }),
    'pos:payment:start': async (req) => {
      const till = d.till();
      const r = await till.checkout.pay(req);
      if (r.status === 'SUCCESS' && d.printReceipt && d.settings.read().printer.printOnSuccess) {
        // Printed after the answer, not before it: a slow or offline printer must neither hold the
        // paid screen nor turn a paid sale into an error (the detail screen reprints it).
        void d.printReceipt(r.outTradeNo).catch(() => false);
      }
      return r;
    },
    'pos:payment:cancel': async (req) => ({ cancelled: d.till().checkout.requestCancel(req.outTradeNo) }),
    'pos:payment:query': async (req) => {
      const { gatewayStatus: _g, ...r } = await d.till().checkout.query(req.outTradeNo);
      return r;
    },
    'pos:payment:active': async () => {
      const till = d.till();
      const active = till.checkout.activeOutTradeNo;
      const a = active ? till.journal.getAttempt(active) : till.journal.unresolvedAttempts()[0];
      return a ? resultOf(a) : null;
    },
    'pos:payment:resolve': async () => d.till().checkout.recover(),
    'pos:payment:list': async (req) => {
      const till = d.till();
      const day = req.day ?? shanghaiDay(Date.now());
      return till.journal.listAttempts({ day, training: till.training, limit: 500 }).map((a) => resultOf(a)).filter((p) => matches(p, req.search ?? ''));
    },
    'pos:payment:detail': async (req) => {
      const till = d.till();
      const a = till.journal.getAttempt(req.outTradeNo);
      if (!a) throw new PosError('NOT_FOUND', `no payment ${req.outTradeNo}`);
      return {
        payment: resultOf(a),
        refunds: till.journal.refundsFor(a.outTradeNo).map((r) => till.checkout.refunds.result(r)),
        events: till.journal.events(a.outTradeNo).map((e) => ({ at: e.at, type: e.type })),
      };
    },
    'pos:refund:start': async (req) => d.till().checkout.refund(req.outTradeNo, req.amount),
    'pos:report:day': async (req) => {
      const till = d.till();
      return till.journal.report(req.day ?? shanghaiDay(Date.now()), till.training);
    },
    'pos:sync:status': async () => d.till().sync?.status() ?? SYNC_OFF,
    'pos:settings:get': async () => d.settings.view(d.till().config),
    'pos:settings:set': async (req) => {
      if (d.till().checkout.activeOutTradeNo) throw new PosError('PAYMENT_IN_PROGRESS', 'settings cannot change while a payment is in progress');
      d.settings.write(req);
      await d.reopen();
      return d.settings.view(d.till().config);
    },
    'pos:receipt:print': async (req) => {
      if (!d.printReceipt) throw new PosError('PRINTER_OFFLINE', 'no printer is configured');
      return { printed: await d.printReceipt(req.outTradeNo, req.outRequestNo) };
    },
  };
}
