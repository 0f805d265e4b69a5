// The scanner as the settings choose it (model-codebases.md practice 6: only the composition root
// picks adapters). A keyboard-wedge scanner types into the till's window and is read there, so main
// has nothing to open; HID and serial scanners are opened here and every code they read is pushed
// to the windows as 'pos:scanner:scanned'. The renderer, which knows the amount, starts the payment.
import { classifyCode } from '../common/codes.ts';
import type { ScannerSourceKind, ScannerStatusView } from '../common/ipc/views.ts';
import type { Push } from '../host/TillHost.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { DuplicateGuard } from './duplicate-guard.ts';
import { connectScans } from './scan-intake.ts';
import type { ScanSource, ScanStatus } from './scan-source.ts';

export type ScannerSettings = { source: ScannerSourceKind; path: string | null };

/** Builds the hardware sources; each loads its native module only when chosen. */
export type ScanSourceMakers = {
  hid(path: string | null): Promise<ScanSource>;
  serial(path: string): Promise<ScanSource>;
};

/** A continuous-mode scanner rereads the code under it every few hundred ms: that is one scan. */
export const DUPLICATE_SCAN_WINDOW_MS = 1500;

export type ScannerLinkOptions = {
  makers: ScanSourceMakers;
  push: Push;
  isPaymentInProgress: () => boolean;
  duplicateWindowMs?: number;
};

export class ScannerLink {
  readonly #o: ScannerLinkOptions;
  #source: ScanSource | null = null;
  #disconnect: Array<() => void> = [];
  #lastStatus: ScannerStatusView | null = null;

  constructor(o: ScannerLinkOptions) {
    this.#o = o;
  }

  /** Lets go of the current scanner and opens the one `settings` name. Never rejects: problems are pushed as status. */
  async use(settings: ScannerSettings): Promise<void> {
    await this.stop();
    const kind = settings.source;
    const status = (s: ScanStatus) => {
      this.#lastStatus = { source: kind, state: s.state, ...(s.message !== undefined ? { message: s.message } : {}) };
      this.#o.push('pos:scanner:status', this.#lastStatus);
    };
    if (kind === 'wedge') {
      status({ state: 'connected', message: 'keyboard wedge: codes are read from the keyboard by the till window' });
      return;
    }
    if (kind === 'serial' && !settings.path) {
      status({ state: 'error', message: 'a serial scanner needs its port in the settings (e.g. /dev/ttyACM0 or COM3)' });
      return;
    }
    let source: ScanSource;
    try {
      source = kind === 'serial' ? await this.#o.makers.serial(settings.path!) : await this.#o.makers.hid(settings.path);
    } catch (e) {
      status({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const guard = new DuplicateGuard({ windowMs: this.#o.duplicateWindowMs ?? DUPLICATE_SCAN_WINDOW_MS, isPaymentInProgress: this.#o.isPaymentInProgress });
    this.#source = source;
    this.#disconnect = [
      source.onStatus(status),
      connectScans(source, guard, {
        onCode: (scan) => {
          const c = classifyCode(scan.code);
          this.#o.push('pos:scanner:scanned', c.ok
            ? { code: c.code, provider: c.provider, accepted: true, at: scan.at }
            : { code: scan.code, provider: null, accepted: false, reason: c.reason, at: scan.at });
        },
        onRejected: (scan, reason) => this.#o.push('pos:scanner:scanned', { code: scan.code, provider: null, accepted: false, reason, at: scan.at }),
      }),
    ];
    try {
      await source.start();
    } catch (e) {
      status({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Pushes the scanner's status again: a window that has just loaded missed the earlier pushes. */
  announce(): void {
    if (this.#lastStatus) this.#o.push('pos:scanner:status', this.#lastStatus);
  }

  async stop(): Promise<void> {
    for (const off of this.#disconnect) off();
    this.#disconnect = [];
    const source = this.#source;
    this.#source = null;
    await source?.stop();
  }
}

/** Re-opens the scanner when the settings screen changes it. */
export function reloadScannerOnSettings(handlers: Handlers, read: () => { source: string; path: string | null }, use: () => Promise<void>): Handlers {
  const set = handlers['pos:settings:set'];
  return {
    ...handlers,
    'pos:settings:set': async (req) => {
      const before = JSON.stringify(read());
      const view = await set(req);
      if (JSON.stringify(read()) !== before) await use();
      return view;
    },
  };
}

