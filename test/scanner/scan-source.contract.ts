// The ScanSource contract (design.md "Ports": one suite, every implementation, fakes included).
// Each harness drives its source the way its kind of scanner really delivers a code: keystrokes
// for the wedge, input reports for HID, bytes on a pseudo-terminal for serial.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scan, ScanSource, ScanSourceKind, ScanStatus } from '../../app/scanner/scan-source.ts';
import { waitUntil } from './helpers/socat.ts';

export type ContractHarness = {
  source: ScanSource;
  /** The scanner reads `code` and sends it whole. */
  send(code: string): Promise<void>;
  /** The scanner sends `code` in pieces (split writes, several reports, a pause mid-code). */
  sendSplit(code: string): Promise<void>;
  /** Lets the device's pending work run (timers, I/O), so an absence can be checked. */
  settle(): Promise<void>;
  unplug?: () => Promise<void>;
  replug?: () => Promise<void>;
  dispose(): Promise<void>;
};

const CODES = ['287634438256643941', '134567890123456789', '2576344382566439411'];

function record(source: ScanSource): { scans: Scan[]; statuses: ScanStatus[]; off: () => void } {
  const scans: Scan[] = [];
  const statuses: ScanStatus[] = [];
  const offScan = source.onScan((s) => scans.push(s));
  const offStatus = source.onStatus((s) => statuses.push(s));
  return { scans, statuses, off: () => (offScan(), offStatus()) };
}

export function scanSourceContract(name: string, kind: ScanSourceKind, make: () => Promise<ContractHarness>): void {
  describe(`ScanSource contract: ${name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.source.stop();
      await h.dispose();
    });

    it(`is a '${kind}' source and reports connected once started`, async () => {
      expect(h.source.kind).toBe(kind);
      await h.source.start();
      const r = record(h.source);
      await waitUntil(() => r.statuses.at(-1)?.state === 'connected', 'connected');
      expect(r.statuses[0]?.state).toBe('connected');
    });

    it('delivers a code whole, once, with where and when it came from', async () => {
      await h.source.start();
      const r = record(h.source);
      await h.send(CODES[0] as string);
      await waitUntil(() => r.scans.length >= 1, 'a scan');
      await h.settle();
      expect(r.scans.map((s) => s.code)).toEqual([CODES[0]]);
      expect(r.scans[0]?.source).toMatch(/\S/);
      expect(Number.isFinite(r.scans[0]?.at)).toBe(true);
    });

    it('puts a code sent in pieces back together', async () => {
      await h.source.start();
      const r = record(h.source);
      await h.sendSplit(CODES[1] as string);
      await waitUntil(() => r.scans.length >= 1, 'a scan');
      await h.settle();
      expect(r.scans.map((s) => s.code)).toEqual([CODES[1]]);
    });

    it('delivers several codes in the order they were read, none glued to the next', async () => {
      await h.source.start();
      const r = record(h.source);
      for (const c of CODES) await h.send(c);
      await waitUntil(() => r.scans.length >= CODES.length, 'three scans');
      await h.settle();
      expect(r.scans.map((s) => s.code)).toEqual(CODES);
    });

    it('stops delivering to a listener that unsubscribed, and only to it', async () => {
      await h.source.start();
      const kept: string[] = [];
      const dropped: string[] = [];
      h.source.onScan((s) => kept.push(s.code));
      const off = h.source.onScan((s) => dropped.push(s.code));
      off();
      await h.send(CODES[0] as string);
      await waitUntil(() => kept.length >= 1, 'a scan');
      expect(kept).toEqual([CODES[0]]);
      expect(dropped).toEqual([]);
    });

    it('keeps delivering to the other listeners when one throws', async () => {
      await h.source.start();
      const got: string[] = [];
      const quiet = console.error;
      console.error = () => {};
      try {
        h.source.onScan(() => {
          throw new Error('a broken listener');
        });
        h.source.onScan((s) => got.push(s.code));
        await h.send(CODES[0] as string);
        await h.send(CODES[1] as string);
        await waitUntil(() => got.length >= 2, 'two scans');
      } finally {
        console.error = quiet;
      }
      expect(got).toEqual([CODES[0], CODES[1]]);
    });

    it('delivers nothing after stop, says so, and works again after a new start', async () => {
      await h.source.start();
      const r = record(h.source);
      await h.source.stop();
      expect(r.statuses.at(-1)?.state).toBe('disconnected');
      await h.send(CODES[0] as string).catch(() => {});
      await h.settle();
      expect(r.scans).toEqual([]);
      await h.source.start();
      await waitUntil(() => r.statuses.at(-1)?.state === 'connected', 'connected again');
      await h.send(CODES[2] as string);
      await waitUntil(() => r.scans.length >= 1, 'a scan after restart');
      expect(r.scans.map((s) => s.code)).toEqual([CODES[2]]);
    });

    it('survives the scanner being unplugged and plugged back in, without a restart', async (ctx) => {
      if (!h.unplug || !h.replug) return ctx.skip();
      await h.source.start();
      const r = record(h.source);
      await h.send(CODES[0] as string);
      await waitUntil(() => r.scans.length >= 1, 'a scan before the unplug');
      await h.unplug();
      await waitUntil(() => r.statuses.at(-1)?.state === 'disconnected', 'disconnected');
      await h.replug();
      await waitUntil(() => r.statuses.at(-1)?.state === 'connected', 'connected after re-plug');
      await h.send(CODES[1] as string);
      await waitUntil(() => r.scans.length >= 2, 'a scan after the re-plug');
      await h.settle();
      expect(r.scans.map((s) => s.code)).toEqual([CODES[0], CODES[1]]);
      // While it is away the message may change ("went away", "waiting for …"); the state does not.
      const states = r.statuses.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]);
      expect(states).toEqual(['connected', 'disconnected', 'connected']);
    });
  });
}
