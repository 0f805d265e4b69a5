// The long-running till behind a screen (Electron main or `pos serve`): opens the core with the
// screen's settings, runs the recovery pass before the first payment, keeps a reconciler going
// while anything is unresolved, and fans state changes out as push events.
import type { PushEvent, PushEvents } from '../common/ipc/contract.ts';
import { PosError } from '../common/errors.ts';
import type { ResolvedConfig } from '../config/config.ts';
import { createHandlers, type HostDeps } from '../ipc/handlers.ts';
import { watchCashierOnDuty } from '../ipc/cashierHandlers.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { SettingsStore } from '../settings/SettingsStore.ts';
import type { SecretBox } from '../settings/SecretBox.ts';
import { openTill, type Till } from '../till.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalStore } from '../journal/JournalStore.ts';
import { SqliteJournal } from '../journal/SqliteJournal.ts';
import { codeHashSecretFile } from '../settings/codeHashSecret.ts';
import { ManagerPin } from '../settings/ManagerPin.ts';
import { checkTillConfig } from './checkTillConfig.ts';
import { createSettingsChannel, type Confirm } from './settingsChannel.ts';
import { CustomerNow } from './customerNow.ts';
import { idleCustomerView } from './customerView.ts';
import { CONFIG_LOGO, loadShopLogo, SETTINGS_LOGO } from '../config/shopLogo.ts';
import type { CustomerView } from '../common/ipc/views.ts';
import { customerCashbackOf } from '../common/cashback.ts';

export type Push = <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;

export type TillHostOptions = {
  config: ResolvedConfig;
  box: SecretBox;
  push: Push;
  version: string;
  customerDisplayUrl?: string | null;
  printReceipt?: HostDeps['printReceipt'];
  /** How often the reconciler retries unresolved payments and refunds. */
  reconcileIntervalMs?: number;
  /**
   * How a change of the merchant's credentials is confirmed (issue 10 item 3): by default the
   * manager PIN set with `pos settings set-pin`; the desktop app passes its native dialog.
   */
  confirm?: Confirm;
  onUnexpected?: (e: unknown) => void;
};

/** The journal files a data folder can hold (app/till.ts names them). */
const JOURNAL_FILES = ['journal.db', 'journal-training.db'];

export class TillHost {
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly #o: TillHostOptions;
  #till: Till | undefined;
  #customer: CustomerNow | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reconciling = false;
  #reopening: Promise<unknown> = Promise.resolve();
  readonly #deps: HostDeps;
  #unwatchCashier: (() => void) | undefined;

  constructor(o: TillHostOptions) {
    this.#o = o;
    this.settings = new SettingsStore(o.config.dataDir, o.box);
    const pin = new ManagerPin(o.config.dataDir);
    const settingsChannel = createSettingsChannel({
      settings: this.settings,
      baseConfig: o.config,
      openConfig: () => this.#till?.config,
      paymentInProgress: () => this.#till?.checkout.activeOutTradeNo !== undefined,
      unresolved: () => this.unresolved(),
      reopen: () => this.reopen(),
      check: checkTillConfig,
      confirm: o.confirm ?? (async (change, given) => pin.verify(given.managerPin, { credentials: change })),
    });
    this.#deps = {
      till: () => this.till,
      settings: this.settings,
      settingsChannel,
      reopen: () => this.reopen(),
      printReceipt: o.printReceipt,
      customerDisplayUrl: o.customerDisplayUrl ?? null,
      version: o.version,
      push: o.push,
    };
    this.handlers = createHandlers(this.#deps);
  }

  get till(): Till {
    if (!this.#till) throw new PosError('INTERNAL_ERROR', 'the till is not open');
    return this.#till;
  }

  async open(): Promise<void> {
    const config = this.settings.apply(this.#o.config);
    // A bad logo file is a bad config: refused with its path and reason before anything opens.
    const logo = loadShopLogo(config.shopLogoPath, this.settings.read().shopLogoPath !== undefined ? SETTINGS_LOGO : CONFIG_LOGO)?.dataUrl ?? null;
    this.#till = await openTill(config, {
      onChange: (r) => {
        this.#o.push('pos:payment:changed', r);
        // Until the till is open (start-up recovery) nothing is pushed to the display: it is not about the counter.
        const customer = this.#customer;
        if (customer) this.#o.push('pos:customer:changed', customer.changed(r));
      },
      onCashback: (v) => {
        this.#o.push('pos:cashback:changed', v);
        this.#o.push('pos:customer:cashback', customerCashbackOf(v));
      },
      // The head-office outbox (issue 13) runs with the long-running till, never per CLI command.
      sync: true,
      secretBox: this.#o.box,
      onSyncProblem: (m) => this.#o.onUnexpected?.(new Error(m)),
    });
    const till = this.#till;
    this.#customer = new CustomerNow({ training: till.training, shopName: config.shopName, logo }, () => till.checkout.activeOutTradeNo);
    // Displays already connected learn the (re)opened till's shop, logo and mode now (issue 9 item 15).
    this.#o.push('pos:customer:changed', idleCustomerView({ training: till.training, shopName: config.shopName, logo }));
    // A Z or sign-in made by another process on this data folder reaches the open screens (issue 12).
    this.#unwatchCashier = watchCashierOnDuty(this.#deps);
    // Start-up rule (barcode-pay.md step 7): settle what was left open before taking a payment.
    await this.reconcile();
    this.#timer = setInterval(() => void this.reconcile(), this.#o.reconcileIntervalMs ?? 30_000);
    this.#timer.unref?.();
  }

  /**
   * What a customer display that has just connected is told first (browser mode: when its socket
   * subscribes; Electron: when the window has loaded): the payment at the counter, or idle.
   */
  customerView(): CustomerView | null {
    return this.#customer?.current() ?? null;
  }

  async reconcile(): Promise<void> {
    const till = this.#till;
    if (!till || this.#reconciling || till.checkout.activeOutTradeNo) return;
    const packets = till.cashback?.unresolvedCount() ?? 0;
    if (till.journal.unresolvedAttempts().length === 0 && till.journal.unresolvedRefunds().length === 0 && packets === 0) return;
    this.#reconciling = true;
    try {
      await till.checkout.recover();
      // Red packets left unknown (a crash, a lost answer): query, then an identical resend (issue 14).
      if (packets > 0) await till.cashback?.recover();
    } catch (e) {
      this.#o.onUnexpected?.(e);
    } finally {
      this.#reconciling = false;
    }
  }

  /** Closes (if open) and opens again; one at a time, so no two openings race for the journal. */
  reopen(): Promise<void> {
    const run = this.#reopening.then(async () => {
      if (this.#till?.checkout.activeOutTradeNo) throw new PosError('PAYMENT_IN_PROGRESS', 'a payment is in progress');
      await this.close();
      await this.open();
    });
    this.#reopening = run.catch(() => undefined);
    return run;
  }

  /**
   * Unresolved payments and refunds in every journal of the data folder, the open till's and the
   * other mode's: a change of merchant must not strand either (issue 10 item 3).
   */
  unresolved(): { payments: number; refunds: number } {
    let payments = 0;
    let refunds = 0;
    const count = (j: JournalStore) => {
      payments += j.unresolvedAttempts().length;
      refunds += j.unresolvedRefunds().length;
    };
    const openFile = this.#till ? join(this.#till.config.dataDir, this.#till.training ? 'journal-training.db' : 'journal.db') : undefined;
    if (this.#till) count(this.#till.journal);
    for (const name of JOURNAL_FILES) {
      const file = join(this.#o.config.dataDir, name);
      if (file === openFile || !existsSync(file)) continue;
      const j = new SqliteJournal(file, { codeHashSecret: codeHashSecretFile(file, this.#o.box) });
      try {
        count(j);
      } finally {
        j.close();
      }
    }
    return { payments, refunds };
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#unwatchCashier?.();
    this.#unwatchCashier = undefined;
    this.#customer = undefined;
    await this.#till?.close();
    this.#till = undefined;
  }
}
