// `pos:settings:get` and `pos:settings:set` as the host serves them (issue 10 items 3, 4, 8).
//  - One change at a time: ten parallel saves used to open ten journals and ten training gateways.
//  - Everything is checked before anything is written (keys load, the gateway can be built), the
//    write is atomic, and if the till will not open with the new settings the old ones come back.
//  - Changing the merchant's credentials or the mode needs a confirmation the page cannot give
//    itself (the manager PIN, or the desktop app's native dialog), shows key fingerprints, and is
//    refused while any payment or refund is unresolved: those must settle under the merchant
//    that made them.
//  - It works while the till is closed, so settings that keep it closed can be repaired.
import { PosError } from '../common/errors.ts';
import type { SettingsPatch } from '../common/ipc/contract.ts';
import type { SettingsView } from '../common/ipc/views.ts';
import type { ResolvedConfig } from '../config/config.ts';
import type { CredentialChange, SettingsStore } from '../settings/SettingsStore.ts';

/** Resolves when the change is confirmed; throws CONFIRMATION_REQUIRED (with the fingerprints) otherwise. */
export type Confirm = (change: CredentialChange, given: { managerPin?: string | undefined }) => Promise<void>;

export type SettingsChannelDeps = {
  settings: SettingsStore;
  /** The configuration file's settings, before the screen's are laid over them. */
  baseConfig: ResolvedConfig;
  /** The open till's configuration, or undefined while it is closed. */
  openConfig(): ResolvedConfig | undefined;
  /** A payment being taken now (a change waits for none: it is refused). */
  paymentInProgress(): boolean;
  unresolved(): { payments: number; refunds: number };
  /** Opens the till with the settings as they are on disk now (closing it first if open). */
  reopen(): Promise<void>;
  /** The checks the till's opening makes that need no network or files: keys, gateway. */
  check(config: ResolvedConfig): void;
  confirm: Confirm;
};

export type SettingsChannel = {
  get(): Promise<SettingsView>;
  set(req: SettingsPatch & { managerPin?: string | undefined }): Promise<SettingsView>;
};

export function createSettingsChannel(d: SettingsChannelDeps): SettingsChannel {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  const currentConfig = () => d.openConfig() ?? d.settings.apply(d.baseConfig);

  const set = async ({ managerPin, ...patch }: SettingsPatch & { managerPin?: string | undefined }): Promise<SettingsView> => {
    if (d.paymentInProgress()) throw new PosError('PAYMENT_IN_PROGRESS', 'settings cannot change while a payment is in progress');
    const plan = d.settings.plan(patch, d.baseConfig);
    d.check(plan.config);
    if (plan.credentials.changed.length > 0) {
      const open = d.unresolved();
      if (open.payments + open.refunds > 0) {
        throw new PosError('ATTEMPT_UNRESOLVED', `the merchant's credentials cannot change while ${open.payments} payment(s) and ${open.refunds} refund(s) are unresolved; resolve them first`, {
          details: { ...open },
          detailZh: `尚有 ${open.payments} 笔支付、${open.refunds} 笔退款结果未确认，不能更换商户凭据；请先处理`,
        });
      }
      await d.confirm(plan.credentials, { managerPin });
    }
    const commit = d.settings.commit(plan);
    try {
      await d.reopen();
    } catch (e) {
      commit.rollback();
      // Back to what worked; if even that fails the till stays closed and this channel still answers.
      await d.reopen().catch(() => undefined);
      throw e;
    }
    commit.finish();
    return d.settings.view(currentConfig());
  };

  return {
    get: async () => d.settings.view(currentConfig()),
    set: (req) => serial(() => set(req)),
  };
}
