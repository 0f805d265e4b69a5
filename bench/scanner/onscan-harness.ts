// Runs onScan.js 1.5.2 (the detector most web POS apps use) on a timeline, in happy-dom with a fake
// clock, exactly as hardware-notes.md section 5 describes: library defaults, attached to
// `document`, bubbling keydowns dispatched on a focused <input>. The library reads `setTimeout`,
// `clearTimeout` and `Date.now()` as free variables, so it is evaluated with the fake clock's
// versions passed in; no global is patched.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Window } from 'happy-dom';
import type { Emission, PageFate } from './score.ts';
import type { TimelineEvent } from './timelines.ts';

type Timer = { id: number; at: number; fn: (...args: unknown[]) => void; args: unknown[] };

class FakeClock {
  now = 0;
  #timers: Timer[] = [];
  #nextId = 1;

  setTimeout = (fn: (...args: unknown[]) => void, ms = 0, ...args: unknown[]): number => {
    const id = this.#nextId++;
    this.#timers.push({ id, at: this.now + Math.max(0, ms), fn, args });
    return id;
  };

  clearTimeout = (id: unknown): void => {
    this.#timers = this.#timers.filter((t) => t.id !== id);
  };

  /** Runs every timer due up to `t`, in due order, with the clock reading each one's due time. */
  advanceTo(t: number): void {
    for (;;) {
      const due = this.#timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((x) => x !== due);
      this.now = Math.max(this.now, due.at);
      due.fn(...due.args);
    }
    this.now = Math.max(this.now, t);
  }
}

type OnScanApi = {
  attachTo(el: unknown, options: Record<string, unknown>): unknown;
  detachFrom(el: unknown): void;
};

export class OnScanHarness {
  readonly #window = new Window();
  readonly #clock = new FakeClock();
  readonly #onScan: OnScanApi;
  readonly #input: InstanceType<Window['HTMLInputElement']>;

  constructor() {
    const source = readFileSync(createRequire(import.meta.url).resolve('onscan.js'), 'utf8');
    const clock = this.#clock;
    const FakeDate = { now: () => clock.now };
    const mod = { exports: {} as unknown };
    const w = this.#window;
    // The library's own UMD source, evaluated with the fake clock's timers and Date in scope.
    const factory = new Function('module', 'exports', 'define', 'setTimeout', 'clearTimeout', 'Date', 'CustomEvent', 'KeyboardEvent', 'document', 'window', source);
    factory(mod, mod.exports, undefined, clock.setTimeout, clock.clearTimeout, FakeDate, w.CustomEvent, w.KeyboardEvent, w.document, w);
    this.#onScan = mod.exports as OnScanApi;
    this.#input = w.document.createElement('input');
    w.document.body.appendChild(this.#input);
    this.#input.focus();
  }

  /** Runs one timeline from a fresh attachment; times in the result are the timeline's. */
  run(events: readonly TimelineEvent[]): { emissions: Emission[]; page: PageFate[] } {
    const doc = this.#window.document;
    const clock = this.#clock;
    clock.advanceTo(clock.now + 1_000_000);
    const base = clock.now + 10_000;
    const emissions: Emission[] = [];
    this.#onScan.attachTo(doc, { onScan: (code: unknown) => emissions.push({ code: String(code), at: clock.now - base }) });
    const page: PageFate[] = [];
    try {
      for (const e of events) {
        clock.advanceTo(base + e.t);
        const ev = new this.#window.KeyboardEvent('keydown', { key: e.key, code: e.code, keyCode: e.keyCode, which: e.keyCode, bubbles: true, cancelable: true });
        this.#input.dispatchEvent(ev);
        page.push({ event: e, at: ev.defaultPrevented ? null : e.t });
      }
      clock.advanceTo(clock.now + 1_000_000);
    } finally {
      this.#onScan.detachFrom(doc);
    }
    return { emissions, page };
  }

  close(): void {
    void this.#window.happyDOM.close();
  }
}
