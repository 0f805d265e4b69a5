// The keyboard wedge in the renderer (issue 3, item 2): one global keydown listener, in the capture
// phase so it runs before any field or React handler, feeds the wedge detector. Keys that may belong
// to a scan are kept out of the page while the burst is judged; a scan is handed to `onScan` and
// its keys never reach the focused amount field (field-notes.md item 9); keys that turn out to be
// typing are given back in order (reinsert.ts), so the cashier's own typing still works.
import type { WedgeConfig } from '../../app/common/wedge/config.ts';
import { WedgeDetector, type WedgeOutput, type WedgeScan } from '../../app/common/wedge/detector.ts';
import { reinsertKey, type HeldKey } from './reinsert.ts';

export type ScanListenerOptions = {
  onScan: (scan: WedgeScan) => void;
  config?: Partial<WedgeConfig>;
  /** Where to listen; the window of the page by default. */
  target?: Window;
  /** The detector's clock, ms. Must be the clock of `timeOf`. */
  now?: () => number;
  /**
   * When a key was pressed. The event's own timeStamp (same clock as performance.now()) keeps the
   * gaps of a burst true even when the page was busy and handled the keys late.
   */
  timeOf?: (event: KeyboardEvent) => number;
  setTimer?: (fn: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/** Starts listening; returns the function that stops and gives back any key still held. */
export function attachScanListener(options: ScanListenerOptions): () => void {
  const win = options.target ?? window;
  const doc = win.document;
  const now = options.now ?? (() => win.performance.now());
  const timeOf = options.timeOf ?? ((e: KeyboardEvent) => (e.timeStamp > 0 ? e.timeStamp : now()));
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => win.setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => win.clearTimeout(h as number));
  const detector = new WedgeDetector<HeldKey>(options.config);
  const ours = new WeakSet<Event>();
  const mark = (e: Event): void => {
    ours.add(e);
  };
  let timer: unknown;
  let attached = true;

  const apply = (out: WedgeOutput<HeldKey>): void => {
    for (const k of out.released) reinsertKey(k, doc, mark);
    for (const s of out.scans) options.onScan(s);
  };

  const arm = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const deadline = detector.nextDeadline();
    if (deadline === null || !attached) return;
    timer = setTimer(() => {
      timer = undefined;
      apply(detector.tick(Math.max(deadline, now())));
      arm();
    }, Math.max(0, deadline - now()));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (ours.has(event)) return;
    const key: HeldKey = {
      t: timeOf(event),
      key: event.key,
      code: event.code,
      repeat: event.repeat,
      shortcut: event.ctrlKey || event.altKey || event.metaKey,
      target: event.target,
      init: { key: event.key, code: event.code, location: event.location, shiftKey: event.shiftKey, keyCode: event.keyCode, which: event.keyCode } as KeyboardEventInit,
    };
    const step = detector.key(key);
    // Released keys were typed before this one, so they go in before its default action runs.
    apply(step);
    if (step.decision === 'hold' || step.decision === 'swallow') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    arm();
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    attached = false;
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    if (timer !== undefined) clearTimer(timer);
    for (const k of detector.reset()) reinsertKey(k, doc, mark);
  };
}
