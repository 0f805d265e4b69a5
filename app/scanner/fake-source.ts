// A ScanSource driven by hand: training mode, the UI's tests, and the contract suite's reference.
import { Listeners, StatusListeners } from './listeners.ts';
import type { Scan, ScanSource, ScanStatus } from './scan-source.ts';

export class FakeScanSource implements ScanSource {
  readonly kind = 'fake' as const;
  readonly #scans = new Listeners<Scan>();
  readonly #status = new StatusListeners<ScanStatus>({ state: 'disconnected', message: 'not started' });
  readonly #now: () => number;
  #running = false;
  #plugged = true;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#status.set(this.#plugged ? { state: 'connected' } : { state: 'disconnected', message: 'unplugged' });
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#status.set({ state: 'disconnected', message: 'stopped' });
  }

  /** A scanner reading `code`: delivered only while started and plugged in, as a device would. */
  scan(code: string): void {
    if (this.#running && this.#plugged) this.#scans.emit({ code, source: 'fake', at: this.#now() });
  }

  unplug(): void {
    this.#plugged = false;
    if (this.#running) this.#status.set({ state: 'disconnected', message: 'unplugged' });
  }

  replug(): void {
    this.#plugged = true;
    if (this.#running) this.#status.set({ state: 'connected' });
  }

  onScan(listener: (scan: Scan) => void): () => void {
    return this.#scans.add(listener);
  }

  onStatus(listener: (status: ScanStatus) => void): () => void {
    return this.#status.add(listener);
  }
}
