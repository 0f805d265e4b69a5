// The keyboard-wedge detector, replayed with explicit timestamps: its timing logic is tested
// deterministically, with no real clock anywhere (issue 3, item 1).
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE_CONFIG, wedgeConfig } from '../../app/common/wedge/config.ts';
import { WedgeDetector } from '../../app/common/wedge/detector.ts';
import type { KeyInput } from '../../app/common/wedge/keys.ts';
import { replayTimeline } from '../../app/common/wedge/replay.ts';
import { PROFILES, charKey, rng, type KeyStyle } from '../../bench/scanner/timelines.ts';

const CODE = '287634438256643941';

/** Keys for `text` starting at `t0`, `gaps(i)` ms apart; optional Enter after the last one. */
function keys(text: string, t0: number, gaps: (i: number) => number, o: { style?: KeyStyle; enter?: KeyInput['key'] | null } = {}): KeyInput[] {
  const out: KeyInput[] = [];
  let t = t0;
  [...text].forEach((ch, i) => {
    if (i > 0) t += gaps(i - 1);
    const k = charKey(ch, o.style ?? 'row');
    out.push({ t, key: k.key, code: k.code });
  });
  if (o.enter) out.push({ t: t + gaps(text.length - 1), key: o.enter, code: o.enter === 'Tab' ? 'Tab' : 'Enter' });
  return out;
}

const usb = (): number => 5;

describe('wedge detector: scans', () => {
  it('emits a USB scan on its Enter key itself, holding every key of it out of the page', () => {
    const d = new WedgeDetector();
    const events = keys(CODE, 100, usb, { enter: 'Enter' });
    const steps = events.map((e) => d.key(e));
    expect(steps.slice(0, -1).every((s) => s.decision === 'hold' && s.scans.length === 0)).toBe(true);
    const last = steps.at(-1);
    expect(last?.decision).toBe('swallow');
    const end = (events.at(-1) as KeyInput).t;
    expect(last?.scans).toEqual([{ code: CODE, start: 100, end, emittedAt: end, suffix: 'Enter' }]);
    expect(d.pending).toBe(0);
    expect(d.nextDeadline()).toBeNull();
  });

  it('ends a scan on Tab too, but lets Tab through when it is not configured as a suffix', () => {
    const withTab = replayTimeline(keys(CODE, 0, usb, { enter: 'Tab' }));
    expect(withTab.scans.map((s) => [s.code, s.suffix])).toEqual([[CODE, 'Tab']]);
    const enterOnly = replayTimeline(keys(CODE, 0, usb, { enter: 'Tab' }), { suffixKeys: ['Enter'] });
    // The burst still ends on its silence, and the Tab itself reaches the page.
    expect(enterOnly.scans.map((s) => [s.code, s.suffix])).toEqual([[CODE, null]]);
    expect(enterOnly.keys.at(-1)?.fate).toBe('passed');
  });

  it('emits a scan without a suffix at its idle deadline and not a moment before', () => {
    const d = new WedgeDetector();
    const events = keys(CODE, 0, usb);
    for (const e of events) d.key(e);
    const deadline = d.nextDeadline() as number;
    const lastKey = (events.at(-1) as KeyInput).t;
    expect(deadline - lastKey).toBe(DEFAULT_WEDGE_CONFIG.idleMs);
    expect(d.tick(deadline - 0.01).scans).toEqual([]);
    expect(d.tick(deadline).scans).toEqual([{ code: CODE, start: 0, end: lastKey, emittedAt: deadline, suffix: null }]);
  });

  it('follows the configured idle gap for scanners without a suffix', () => {
    const r = replayTimeline(keys(CODE, 0, usb), { idleMs: 120 });
    expect(r.scans.map((s) => s.emittedAt - s.end)).toEqual([120]);
  });

  it('ends a wired scan without a suffix within 40 ms: three of its longest key gaps, not ten median gaps', () => {
    const r = rng(7);
    const jittery = keys(CODE, 0, () => 2 + 8 * r());
    const gaps = jittery.slice(1).map((e, i) => e.t - (jittery[i] as KeyInput).t);
    const s = replayTimeline(jittery).scans;
    expect(s.map((x) => x.code)).toEqual([CODE]);
    const latency = (s[0]?.emittedAt as number) - (s[0]?.end as number);
    expect(latency).toBeCloseTo(Math.max(DEFAULT_WEDGE_CONFIG.idleMs, 3 * Math.max(...gaps)), 6);
    expect(latency).toBeLessThan(40);
  });

  it('still waits out a slow scanner\'s stall when it has no suffix (the fast ending is only for wired paces)', () => {
    const slow = keys(CODE, 0, (i) => (i === 9 ? 190 : 40));
    expect(replayTimeline(slow).scans.map((x) => x.code)).toEqual([CODE]);
  });

  it('reads digits by physical key when a Chinese IME reports every key as Process', () => {
    const events = keys(CODE, 0, usb, { style: 'ime' }).concat({ t: 90, key: 'Process', code: 'Enter' });
    const r = replayTimeline(events);
    expect(r.scans.map((s) => [s.code, s.suffix])).toEqual([[CODE, 'Enter']]);
    expect(r.keys.every((k) => k.fate === 'scanned')).toBe(true);
  });

  it('reads numpad digits and NumpadEnter, and the digit row of an AZERTY layout', () => {
    const numpad = keys(CODE, 0, usb, { style: 'numpad' });
    numpad.push({ t: 90, key: 'Enter', code: 'NumpadEnter' });
    expect(replayTimeline(numpad).scans.map((s) => s.code)).toEqual([CODE]);
    expect(replayTimeline(keys(CODE, 0, usb, { style: 'azerty', enter: 'Enter' })).scans.map((s) => s.code)).toEqual([CODE]);
  });

  it('keeps a slow Bluetooth scan whole: 20–60 ms a key, jitter, a 190 ms stall mid-code', () => {
    const r = rng(42);
    const gaps = (i: number): number => (i === 9 ? 190 : 20 + 40 * r() + (i % 7 === 3 ? 22 : 0));
    const withEnter = replayTimeline(keys(CODE, 0, gaps, { enter: 'Enter' }));
    expect(withEnter.scans.map((s) => s.code)).toEqual([CODE]);
    expect(withEnter.keys.every((k) => k.fate === 'scanned')).toBe(true);
    // Without a suffix the stall must not end it either: the silence allowed grows with the pace.
    expect(replayTimeline(keys(CODE, 0, gaps)).scans.map((s) => s.code)).toEqual([CODE]);
  });

  it('splits two scans sent back to back, 20 ms apart', () => {
    const second = '134567890123456789';
    const a = keys(CODE, 0, usb, { enter: 'Enter' });
    const b = keys(second, (a.at(-1) as KeyInput).t + 20, usb, { enter: 'Enter' });
    expect(replayTimeline([...a, ...b]).scans.map((s) => s.code)).toEqual([CODE, second]);
  });

  it('does not glue a digit typed 50 ms before a burst onto the code, and gives that digit back first', () => {
    const events: KeyInput[] = [{ t: 0, key: '9', code: 'Digit9' }, ...keys(CODE, 50, usb, { enter: 'Enter' })];
    const r = replayTimeline(events);
    expect(r.scans.map((s) => s.code)).toEqual([CODE]);
    expect(r.scans[0]?.start).toBe(50);
    expect(r.keys[0]?.fate).toBe('released');
    // Given back while the burst was still arriving, before the scan came out.
    expect(r.keys[0]?.releasedAt).toBeLessThan(r.scans[0]?.emittedAt as number);
    expect(r.keys.slice(1).every((k) => k.fate === 'scanned')).toBe(true);
  });
});

describe('wedge detector: typing', () => {
  it('gives back an amount typed by hand, every key, in order, and lets its Enter through', () => {
    const gaps = [140, 95, 210, 180, 260, 190];
    const events = keys('128.50', 0, (i) => gaps[i] as number, { enter: 'Enter' });
    const r = replayTimeline(events);
    expect(r.scans).toEqual([]);
    const order = r.keys.map((k) => ({ key: k.input.key, at: k.fate === 'released' ? (k.releasedAt as number) : k.input.t }))
      .sort((x, y) => x.at - y.at).map((k) => k.key);
    expect(order.join('')).toBe('128.50Enter');
    expect(r.keys.at(-1)?.fate).toBe('passed');
    expect(r.keys.some((k) => k.fate === 'scanned')).toBe(false);
  });

  it('never takes a long code typed by hand (60–300 ms a key) for a scan', () => {
    const r = rng(7);
    const events = keys(CODE, 0, () => 60 + 240 * r(), { enter: 'Enter' });
    const out = replayTimeline(events);
    expect(out.scans).toEqual([]);
    expect(out.keys.filter((k) => k.fate === 'scanned')).toEqual([]);
  });

  it('judges by the shape of the gaps, not their average: a fast median with a wide spread is typing', () => {
    // Average 45 ms (onScan.js would call 30 ms/char the limit) but pairs of rolled-over keys with
    // long hesitations between them: no scanner types like that.
    const alternating = keys('2876344382', 0, (i) => (i % 2 === 0 ? 8 : 82), { enter: 'Enter' });
    expect(replayTimeline(alternating).scans).toEqual([]);
    // …while a steady 40 ms a key, with one 150 ms stall (the average is well above 30), is a scan.
    const steady = keys(CODE, 0, (i) => (i === 10 ? 150 : 40), { enter: 'Enter' });
    expect(replayTimeline(steady).scans.map((s) => s.code)).toEqual([CODE]);
  });

  it('gives back a fast burst that is too short to be a code', () => {
    const r = replayTimeline(keys('1234', 0, usb, { enter: 'Enter' }));
    expect(r.scans).toEqual([]);
    expect(r.keys.slice(0, 4).map((k) => k.fate)).toEqual(['released', 'released', 'released', 'released']);
    expect(r.keys.at(-1)?.fate).toBe('passed');
  });

  it('treats Backspace, a shortcut or a held-down key repeating as typing, releasing what was held', () => {
    const burst = keys('28763', 0, usb);
    const backspace = replayTimeline([...burst, { t: 25, key: 'Backspace', code: 'Backspace' }]);
    expect(backspace.keys.map((k) => k.fate)).toEqual(['released', 'released', 'released', 'released', 'released', 'passed']);
    const shortcut = replayTimeline([...burst, { t: 25, key: 'v', code: 'KeyV', shortcut: true }]);
    expect(shortcut.keys.at(-1)?.fate).toBe('passed');
    const repeat = Array.from({ length: 20 }, (_, i): KeyInput => ({ t: i * 33, key: '1', code: 'Digit1', repeat: i > 0 }));
    expect(replayTimeline([...repeat, { t: 700, key: 'Enter', code: 'Enter' }]).scans).toEqual([]);
  });

  it('lets Shift through without breaking a burst (capitals in a non-payment code)', () => {
    const events: KeyInput[] = [{ t: 0, key: 'Shift', code: 'ShiftLeft' }, ...keys(CODE, 2, usb, { enter: 'Enter' })];
    const r = replayTimeline(events);
    expect(r.keys[0]?.fate).toBe('ignored');
    expect(r.scans.map((s) => s.code)).toEqual([CODE]);
  });

  it('passes a code with letters to the page whole when codes are digits only, and reads it when allowed', () => {
    const alnum = 'AB12345678';
    const events: KeyInput[] = [...alnum].map((ch, i) => ({ t: i * 5, key: ch, code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch}` }));
    events.push({ t: 50, key: 'Enter', code: 'Enter' });
    // Not its digit tail as a scan (that would be an altered code): the letters pass at once and
    // the digits, in the same rhythm, are given back after them.
    const digitsOnly = replayTimeline(events);
    expect(digitsOnly.scans).toEqual([]);
    expect(digitsOnly.keys.map((k) => k.fate).slice(0, 3)).toEqual(['passed', 'passed', 'released']);
    expect(replayTimeline(events, { digitsOnly: false }).scans.map((s) => s.code)).toEqual([alnum]);
  });
});

describe('wedge detector: replay and config', () => {
  it('replays a recording to the same result every time', () => {
    const tl = (PROFILES.find((p) => p.name === 'bluetooth') as (typeof PROFILES)[number]).make(3);
    expect(replayTimeline(tl.events)).toEqual(replayTimeline(tl.events));
  });

  it('refuses a recording whose time runs backwards, naming the event', () => {
    expect(() => replayTimeline([{ t: 10, key: '1', code: 'Digit1' }, { t: 5, key: '2', code: 'Digit2' }])).toThrow(/event 2/);
  });

  it('gives back every held key on reset', () => {
    const d = new WedgeDetector();
    const events = keys('2876', 0, usb);
    for (const e of events) d.key(e);
    expect(d.reset()).toEqual(events);
    expect(d.pending).toBe(0);
  });

  it('refuses a config it cannot work with', () => {
    expect(() => wedgeConfig({ idleMs: 0 })).toThrow(/idleMs/);
    expect(() => wedgeConfig({ minLength: 30, maxLength: 20 })).toThrow(/minLength/);
    expect(() => wedgeConfig({ maxPauseMs: 50 })).toThrow(/maxPauseMs/);
    expect(wedgeConfig({ idleMs: 80 }).idleMs).toBe(80);
  });
});

// The benchmark's profiles as a property test: many seeded timelines per profile, each scored
// against its ground truth (which keys came from the scanner, which from the person).
describe.each(PROFILES.map((p) => [p.name, p] as const))('wedge detector on generated %s timelines', (_name, profile) => {
  it('finds every code whole, invents none, leaks no scan key and keeps the typing in order', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const tl = profile.make(seed);
      const r = replayTimeline(tl.events);
      const where = `${profile.name} seed ${seed}`;
      expect(r.scans.map((s) => s.code), where).toEqual(tl.scans.map((s) => s.code));
      r.scans.forEach((s, i) => expect(s.start, where).toBe(tl.scans[i]?.start));
      const leaked = r.keys.filter((k, i) => tl.events[i]?.role === 'scan' && k.fate !== 'scanned');
      expect(leaked, where).toEqual([]);
      const human = r.keys.filter((_, i) => tl.events[i]?.role === 'human');
      expect(human.filter((k) => k.fate === 'scanned'), where).toEqual([]);
      const typed = human
        .map((k) => ({ k, at: k.fate === 'released' ? (k.releasedAt as number) : k.input.t }))
        .sort((a, b) => a.at - b.at)
        .map(({ k }) => /^(?:Digit|Numpad)(\d)$/.exec(k.input.code)?.[1] ?? (/Period|NumpadDecimal/.test(k.input.code) ? '.' : ''))
        .join('');
      expect(typed, where).toBe(tl.humanText);
    }
  });
});
