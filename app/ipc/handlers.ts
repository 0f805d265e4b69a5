// The IPC handlers over the core, shared by Electron's main process and browser mode.
import { DEFAULTS as CHECKOUT_DEFAULTS } from '../checkout/Checkout.ts';
import { resultOf } from '../checkout/PaymentResult.ts';
import { SCREEN_DEFAULTS } from '../config/config.ts';
import type { AttemptRecord } from '../journal/JournalStore.ts';
import { PosError } from '../common/errors.ts';
import type { PaymentView } from '../common/ipc/views.ts';
import { paidLines, readPaidDetail } from '../common/paidAmounts.ts';
import { shanghaiDay } from '../common/time.ts';
import type { SettingsChannel } from '../host/settingsChannel.ts';
import type { SettingsStore } from '../settings/SettingsStore.ts';
import type { Till } from '../till.ts';
import type { ReceiptPrinter } from '../printing/receiptPrinter.ts';
import type { COUNTER_CHANNELS } from './counterHandlers.ts';
import { counterHandlers } from './counterHandlers.ts';
import type { RECONCILE_CHANNELS } from './reconcileHandlers.ts';
import { reconcileHandlers } from './reconcileHandlers.ts';
import { announceCashier, cashierHandlers, cashierView, onDutyOf, type CASHIER_CHANNELS } from './cashierHandlers.ts';
import type { PushEvent, PushEvents } from '../common/ipc/contract.ts';
import type { Handlers } from './dispatch.ts';
import { SYNC_OFF } from '../hq/tillSync.ts';

export type HostDeps = {
  /** The till as it is open now (settings changes reopen it). */
  till(): Till;
  settings: SettingsStore;
  /** The settings channel: checked, confirmed, atomic, serialised, and open while the till is closed. */
  settingsChannel: SettingsChannel;
  /** Reopens the till after a settings change; refuses while a payment is in progress. */
  reopen(): Promise<void>;
  printReceipt?: ReceiptPrinter;
  customerDisplayUrl: string | null;
  version: string;
  /** Push events the handlers themselves cause (who is on duty, issue 12); absent: none. */
  push?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;
};

function matches(p: PaymentView, search: string): boolean {
  const s = search.trim();
  if (s === '') return true;
  if (/^\d+(\.\d{1,2})?$/.test(s) && (p.amount === s || p.amount === `${s}.00` || p.amount === `${s}0`)) return true;
  return p.codeLast4.endsWith(s) || p.outTradeNo.includes(s) || (p.tradeNo ?? '').endsWith(s);
}

/** A payment as a screen sees it in lists and details: with what has been refunded of it (issue 9 item 7). */
function viewWithRefunds(till: Till, a: AttemptRecord): PaymentView {
  const refundedFen = till.journal.refundsFor(a.outTradeNo).filter((r) => r.state === 'SUCCESS').reduce((sum, r) => sum + r.amountFen, 0);
  return { ...resultOf(a), refundedFen };
}

function otherScreen(what: string, whatZh: string): PosError {
  return new PosError('PAYMENT_OTHER_SCREEN', what, { detailZh: whatZh });
}

export function createHandlers(d: HostDeps): Handlers {
  // Which screen (tab or window) started which payment (issue 9 item 6). In memory: after a
  // restart nobody owns the open payment and any screen may resolve it.
  const ownerOf = new Map<string, string>();
  const lastOf = new Map<string, string>();
  const base: Omit<Handlers, (typeof COUNTER_CHANNELS)[number] | (typeof RECONCILE_CHANNELS)[number] | (typeof CASHIER_CHANNELS)[number]> = {
    'pos:till:info': async () => {
      const config = d.till().config;
      const screen = config.screen ?? { resultGuardMs: SCREEN_DEFAULTS.resultGuardMs, confirmAboveFen: null };
      const waitSeconds = config.payment.waitSeconds ?? CHECKOUT_DEFAULTS.waitSeconds;
      return { training: d.till().training, shopName: config.shopName, version: d.version, customerDisplayUrl: d.customerDisplayUrl, screen: { ...screen, waitSeconds }, qrProviders: d.till().checkout.qr.available, providers: d.till().checkout.providers };
    },
    'pos:payment:start': async ({ screenId, ...req }) => {
      const till = d.till();
      const busy = till.checkout.activeOutTradeNo;
      const busyOwner = busy ? ownerOf.get(busy) : undefined;
      if (busy && screenId && busyOwner && busyOwner !== screenId) {
        throw otherScreen('another screen of this till is taking a payment; this scan was not charged', '此次扫码未收款，请等那个窗口的收款结束后再扫码');
      }
      // The cashier on duty is the core's (issue 12): journaled and sent as operator_id.
      const cashier = onDutyOf(d).forPayment();
      const paying = till.checkout.pay({ ...req, ...(cashier ? { cashier } : {}) });
      // pay journals the attempt before its first await, so its number is known here already.
      const started = till.checkout.activeOutTradeNo;
      if (screenId && started && started !== busy) {
        ownerOf.set(started, screenId);
        lastOf.set(screenId, started);
      }
      const r = await paying;
      if (screenId && !started) lastOf.set(screenId, r.outTradeNo);
      if (r.status === 'SUCCESS' && d.printReceipt && d.settings.read().printer.printOnSuccess) {
        // Printed after the answer, not before it: a slow or offline printer must neither hold the
        // paid screen nor turn a paid sale into an error (the detail screen reprints it).
        void d.printReceipt(r.outTradeNo).catch(() => false);
      }
      return r;
    },
    'pos:payment:qr': async ({ screenId, amount, provider, subject, undiscountable }) => {
      const till = d.till();
      const busy = till.checkout.activeOutTradeNo;
      const busyOwner = busy ? ownerOf.get(busy) : undefined;
      if (busy && screenId && busyOwner && busyOwner !== screenId) {
        throw otherScreen('another screen of this till is taking a payment; no QR code was made', '另一个窗口正在收款，未生成收款码，请等那笔收款结束');
      }
      const cashier = onDutyOf(d).forPayment();
      const paying = till.checkout.qr.start({ amount, provider, subject, undiscountable, ...(cashier ? { cashier } : {}) });
      // start journals the attempt before its first await, as pay does: its number is known here.
      const started = till.checkout.qr.activeOutTradeNo;
      if (screenId && started && started !== busy) {
        ownerOf.set(started, screenId);
        lastOf.set(screenId, started);
      }
      const r = await paying;
      if (screenId && !started) lastOf.set(screenId, r.outTradeNo);
      // A late payment that was refunded is SUCCESS in the journal but no sale: no receipt for it.
      if (r.status === 'SUCCESS' && !r.cancelReason && d.printReceipt && d.settings.read().printer.printOnSuccess) void d.printReceipt(r.outTradeNo).catch(() => false);
      return r;
    },
    'pos:payment:cancel': async (req) => {
      const checkout = d.till().checkout;
      const active = checkout.activeOutTradeNo;
      const owner = active ? ownerOf.get(active) : undefined;
      if (req.screenId && owner && owner !== req.screenId) {
        throw otherScreen('this payment was started on another screen of this till; cancel it there', '只能在发起这笔收款的窗口撤销');
      }
      return { cancelled: checkout.requestCancel(req.outTradeNo) };
    },
    'pos:payment:current': async (req) => {
      const till = d.till();
      const running = till.checkout.activeOutTradeNo;
      const a = running ? till.journal.getAttempt(running) : till.journal.unresolvedAttempts()[0];
      const owner = a ? ownerOf.get(a.outTradeNo) : undefined;
      const lastNo = req.screenId ? lastOf.get(req.screenId) : undefined;
      const last = lastNo ? till.journal.getAttempt(lastNo) : undefined;
      return {
        active: a ? resultOf(a) : null,
        running: a !== undefined && a.outTradeNo === running,
        owner: !owner || !req.screenId ? 'none' : owner === req.screenId ? 'you' : 'other',
        last: last ? viewWithRefunds(till, last) : null,
      };
    },
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
      return till.journal.listAttempts({ day, training: till.training, limit: 500 }).map((a) => viewWithRefunds(till, a)).filter((p) => matches(p, req.search ?? ''));
    },
    'pos:payment:detail': async (req) => {
      const till = d.till();
      const a = till.journal.getAttempt(req.outTradeNo);
      if (!a) throw new PosError('NOT_FOUND', `no payment ${req.outTradeNo}`);
      return {
        payment: viewWithRefunds(till, a),
        refunds: till.journal.refundsFor(a.outTradeNo).map((r) => till.checkout.refunds.result(r)),
        events: till.journal.events(a.outTradeNo).map((e) => ({ at: e.at, type: e.type })),
        amounts: paidLines(readPaidDetail(a.paidDetail)),
      };
    },
    'pos:refund:start': async (req) => {
      // Made by the cashier on duty (issue 12): journaled, sent as Alipay operator_id; refused as a
      // payment is (CASHIER_REQUIRED) when the till asks for a cashier and nobody is signed in.
      const cashier = onDutyOf(d).forPayment();
      return d.till().checkout.refund(req.outTradeNo, req.amount, { ...(req.reason ? { reason: req.reason } : {}), ...(cashier ? { cashier } : {}) });
    },
    'pos:report:day': async (req) => {
      const till = d.till();
      return till.journal.report(req.day ?? shanghaiDay(Date.now()), till.training);
    },
    'pos:sync:status': async () => d.till().sync?.status() ?? SYNC_OFF,
    'pos:settings:get': async () => d.settingsChannel.get(),
    'pos:settings:set': async (req) => d.settingsChannel.set(req),
    'pos:receipt:print': async (req) => {
      if (!d.printReceipt) throw new PosError('PRINTER_OFFLINE', 'no printer is configured', { detailZh: '未设置小票打印机' });
      return { printed: await d.printReceipt(req.outTradeNo, req.outRequestNo) };
    },
  };
  const all = counterHandlers(d, { ...base, ...reconcileHandlers(d), ...cashierHandlers(d) });
  return {
    ...all,
    // The day close ends the shift: the next one starts by choosing its cashier (issue 12).
    'pos:report:close': async (req) => {
      const r = await all['pos:report:close'](req);
      const onDuty = onDutyOf(d);
      onDuty.signOut();
      announceCashier(d, cashierView(onDuty));
      return r;
    },
  };
}
