// The keyboard wedge as a ScanSource: keydowns forwarded to the core (from the renderer, or from a
// recording) run through the wedge detector. In the renderer itself the global listener in
// renderer/scanner/ uses the same detector directly, because only there can keys be kept out of
// the focused field.
import { WedgeDetector, type WedgeOutput } from '../common/wedge/detector.ts';
import type { WedgeConfig } from '../common/wedge/config.ts';
import type { KeyInput } from '../common/wedge/keys.ts';
import { Listeners, StatusListeners } from './listeners.ts';
import type { Scan, ScanSource, ScanStatus } from './scan-source.ts';
import { realTimers, type TimerHandle, type Timers } from './timers.ts';

export type WedgeKey = Omit<KeyInput, 't'> & { t?: number };

export type WedgeScanSourceOptions = { config?: Partial<WedgeConfig>; timers?: Timers };

export class WedgeScanSource implements ScanSource {
  readonly kind = 'wedge' as const;
  readonly #scans = new Listeners<Scan>();
  readonly #status = new StatusListeners<ScanStatus>({ state: 'disconnected', message: 'not started' });
  readonly #timers: Timers;
  readonly #config: Partial<WedgeConfig>;
  #detector: WedgeDetector | null = null;
  #tick: TimerHandle | undefined;

  constructor(options: WedgeScanSourceOptions = {}) {
    this.#timers = options.timers ?? realTimers;
    this.#config = options.config ?? {};
  }

  async start(): Promise<void> {
    this.#detector ??= new WedgeDetector(this.#config);
    this.#status.set({ state: 'connected' });
  }

  async stop(): Promise<void> {
    this.#timers.clearTimeout(this.#tick);
    this.#detector = null;
    this.#status.set({ state: 'disconnected', message: 'stopped' });
  }

  /** Feeds one keydown; `t` defaults to now on the source's clock, which every `t` must share. */
  feed(key: WedgeKey): void {
    const detector = this.#detector;
    if (!detector) return;
    this.#deliver(detector.key({ ...key, t: key.t ?? this.#timers.now() }));
    this.#arm();
  }

  onScan(listener: (scan: Scan) => void): () => void {
    return this.#scans.add(listener);
  }

  onStatus(listener: (status: ScanStatus) => void): () => void {
    return this.#status.add(listener);
  }

  #arm(): void {
    this.#timers.clearTimeout(this.#tick);
    const deadline = this.#detector?.nextDeadline();
    if (deadline === null || deadline === undefined) return;
    this.#tick = this.#timers.setTimeout(() => {
      const detector = this.#detector;
      if (!detector) return;
      this.#deliver(detector.tick(Math.max(deadline, this.#timers.now())));
      this.#arm();
    }, deadline - this.#timers.now());
  }

  #deliver(out: WedgeOutput<KeyInput>): void {
    for (const s of out.scans) this.#scans.emit({ code: s.code, source: 'wedge', at: this.#timers.now() });
  }
}
