// The long-running till behind a screen (Electron main or `pos serve`): opens the core with the
// screen's settings, runs the recovery pass before the first payment, keeps a reconciler going
// while anything is unresolved, and fans state changes out as push events.
import type { PushEvent, PushEvents } from '../common/ipc/contract.ts';
import { PosError } from '../common/errors.ts';
import type { ResolvedConfig } from '../config/config.ts';
import { createHandlers, type HostDeps } from '../ipc/handlers.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { SettingsStore } from '../settings/SettingsStore.ts';
import type { SecretBox } from '../settings/SecretBox.ts';
import { openTill, type Till } from '../till.ts';
import { customerViewOf } from './customerView.ts';

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
  onUnexpected?: (e: unknown) => void;
};

export class TillHost {
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly #o: TillHostOptions;
  #till: Till | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reconciling = false;

  constructor(o: TillHostOptions) {
    this.#o = o;
    this.settings = new SettingsStore(o.config.dataDir, o.box);
    this.handlers = createHandlers({
      till: () => this.till,
      settings: this.settings,
      reopen: () => this.reopen(),
      printReceipt: o.printReceipt,
      customerDisplayUrl: o.customerDisplayUrl ?? null,
      version: o.version,
    });
  }

  get till(): Till {
    if (!this.#till) throw new PosError('INTERNAL_ERROR', 'the till is not open');
    return this.#till;
  }

  async open(): Promise<void> {
    const config = this.settings.apply(this.#o.config);
    this.#till = await openTill(config, {
      onChange: (r) => {
        this.#o.push('pos:payment:changed', r);
        this.#o.push('pos:customer:changed', customerViewOf(r, config.shopName));
      },
      // The head-office outbox (issue 13) runs with the long-running till, never per CLI command.
      sync: true,
      onSyncProblem: (m) => this.#o.onUnexpected?.(new Error(m)),
    });
    // Start-up rule (barcode-pay.md step 7): settle what was left open before taking a payment.
    await this.reconcile();
    this.#timer = setInterval(() => void this.reconcile(), this.#o.reconcileIntervalMs ?? 30_000);
    this.#timer.unref?.();
  }

  async reconcile(): Promise<void> {
    const till = this.#till;
    if (!till || this.#reconciling || till.checkout.activeOutTradeNo) return;
    if (till.journal.unresolvedAttempts().length === 0 && till.journal.unresolvedRefunds().length === 0) return;
    this.#reconciling = true;
    try {
      await till.checkout.recover();
    } catch (e) {
      this.#o.onUnexpected?.(e);
    } finally {
      this.#reconciling = false;
    }
  }

  async reopen(): Promise<void> {
    if (this.#till?.checkout.activeOutTradeNo) throw new PosError('PAYMENT_IN_PROGRESS', 'a payment is in progress');
    await this.close();
    await this.open();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#till?.close();
    this.#till = undefined;
  }
}
