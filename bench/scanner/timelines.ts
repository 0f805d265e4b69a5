// Keystroke timelines for the scanner benchmark and the detector's property tests. Every timeline
// is generated from a seed, so a failing case can be reproduced by its profile and seed, and every
// event says whether a scanner or a person produced it (the ground truth the scores are taken on).
import type { KeyInput } from '../../app/common/wedge/keys.ts';

export type Role = 'scan' | 'human';
/** A keydown with the legacy keyCode too: onScan.js reads `keyCode`, the till reads `key`/`code`. */
export type TimelineEvent = KeyInput & { keyCode: number; role: Role };
export type TruthScan = { code: string; start: number; end: number };
export type Timeline = { profile: string; seed: number; events: TimelineEvent[]; scans: TruthScan[]; humanText: string };

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (r: Rng, lo: number, hi: number): number => lo + (hi - lo) * r();
const int = (r: Rng, lo: number, hi: number): number => Math.floor(uniform(r, lo, hi + 1));
const round = (t: number): number => Math.round(t * 100) / 100;

/** An Alipay (25–30, 16–24 digits) or WeChat Pay (10–15, 18 digits) payment code. */
export function paymentCode(r: Rng): string {
  const wechat = r() < 0.3;
  const prefix = wechat ? `1${int(r, 0, 5)}` : String(int(r, 25, 30));
  const length = wechat ? 18 : r() < 0.8 ? 18 : int(r, 16, 24);
  let code = prefix;
  while (code.length < length) code += String(int(r, 0, 9));
  return code;
}

export type KeyStyle = 'row' | 'numpad' | 'ime' | 'azerty';
const AZERTY_ROW = ['à', '&', 'é', '"', "'", '(', '-', 'è', '_', 'ç'];

export function charKey(ch: string, style: KeyStyle): Omit<TimelineEvent, 't' | 'role'> {
  if (ch === '.') return style === 'numpad' ? { key: '.', code: 'NumpadDecimal', keyCode: 110 } : { key: '.', code: 'Period', keyCode: 190 };
  const d = Number(ch);
  if (!/^[0-9]$/.test(ch)) throw new RangeError(`no key for ${ch}`);
  switch (style) {
    case 'row': return { key: ch, code: `Digit${ch}`, keyCode: 48 + d };
    case 'numpad': return { key: ch, code: `Numpad${ch}`, keyCode: 96 + d };
    // With a Chinese IME active every keydown says `Process`, keyCode 229 (field-notes.md item 6).
    case 'ime': return { key: 'Process', code: `Digit${ch}`, keyCode: 229 };
    // The digit row unshifted on AZERTY (field-notes.md item 8); the keyCode stays the digit's.
    case 'azerty': return { key: AZERTY_ROW[d] as string, code: `Digit${ch}`, keyCode: 48 + d };
  }
}

function enterKey(style: KeyStyle, r: Rng): Omit<TimelineEvent, 't' | 'role'> {
  if (style === 'numpad') return { key: 'Enter', code: 'NumpadEnter', keyCode: 13 };
  if (style === 'ime' && r() < 0.5) return { key: 'Process', code: 'Enter', keyCode: 229 };
  return { key: 'Enter', code: 'Enter', keyCode: 13 };
}

type Gaps = (r: Rng, index: number, length: number) => number;

/** USB scanners: 2–10 ms per key. */
export const usbGaps: Gaps = (r) => uniform(r, 2, 10);

/** Bluetooth: 20–60 ms per key, one key in ten late by a radio retry (10–25 ms more). */
export function bluetoothGaps(pauseAt: number, pauseMs: number): Gaps {
  return (r, i) => (i === pauseAt ? pauseMs : uniform(r, 20, 60) + (r() < 0.1 ? uniform(r, 10, 25) : 0));
}

/** People: 60–300 ms per key. */
export const humanGaps: Gaps = (r) => uniform(r, 60, 300);

/** A fast typist on the numpad: 40–150 ms, and one key in seven rolled over 8–25 ms after the last. */
export const fastTypistGaps: Gaps = (r) => (r() < 1 / 7 ? uniform(r, 8, 25) : uniform(r, 40, 150));

class Builder {
  readonly events: TimelineEvent[] = [];
  readonly scans: TruthScan[] = [];
  humanText = '';
  t = 0;
  readonly r: Rng;
  constructor(r: Rng) {
    this.r = r;
  }

  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** A scanner reading `code`, its keys `gaps` apart, with or without the Enter suffix. */
  scan(code: string, o: { style: KeyStyle; gaps: Gaps; suffix: boolean }): this {
    const start = round(this.t);
    [...code].forEach((ch, i) => {
      if (i > 0) this.t += o.gaps(this.r, i - 1, code.length);
      this.events.push({ ...charKey(ch, o.style), t: round(this.t), role: 'scan' });
    });
    if (o.suffix) {
      this.t += o.gaps(this.r, code.length - 1, code.length);
      this.events.push({ ...enterKey(o.style, this.r), t: round(this.t), role: 'scan' });
    }
    this.scans.push({ code, start, end: round(this.t) });
    return this;
  }

  /** A person typing `text` (digits and '.'), then Enter when `enter` is set. */
  type(text: string, o: { style: KeyStyle; gaps: Gaps; enter: boolean }): this {
    [...text].forEach((ch, i) => {
      if (i > 0) this.t += o.gaps(this.r, i - 1, text.length);
      this.events.push({ ...charKey(ch, o.style), t: round(this.t), role: 'human' });
    });
    this.humanText += text;
    if (o.enter) {
      this.t += o.gaps(this.r, text.length - 1, text.length);
      this.events.push({ ...enterKey(o.style, this.r), t: round(this.t), role: 'human' });
    }
    return this;
  }

  build(profile: string, seed: number): Timeline {
    return { profile, seed, events: this.events, scans: this.scans, humanText: this.humanText };
  }
}

function amount(r: Rng): string {
  const yuan = String(int(r, 1, r() < 0.5 ? 99 : 99999));
  const pick = r();
  return pick < 0.4 ? yuan : pick < 0.7 ? `${yuan}.${int(r, 0, 9)}0` : `${yuan}.${String(int(r, 0, 99)).padStart(2, '0')}`;
}

function digits(r: Rng, length: number): string {
  let s = String(int(r, 1, 9));
  while (s.length < length) s += String(int(r, 0, 9));
  return s;
}

/** Several scans in one timeline, a few seconds apart, as at a counter. */
function scans(r: Rng, count: number, o: { style: KeyStyle; gaps: () => Gaps; suffix: boolean }): Builder {
  const b = new Builder(r).wait(uniform(r, 100, 1000));
  for (let i = 0; i < count; i++) b.scan(paymentCode(r), { style: o.style, gaps: o.gaps(), suffix: o.suffix }).wait(uniform(r, 1500, 4000));
  return b;
}

export const PROFILES: ReadonlyArray<{ name: string; title: string; make: (seed: number) => Timeline }> = [
  { name: 'usb', title: 'USB scanner, 2–10 ms/key, Enter', make: (s) => scans(rng(s), 3, { style: 'row', gaps: () => usbGaps, suffix: true }).build('usb', s) },
  {
    name: 'bluetooth', title: 'Bluetooth, 20–60 ms/key, jitter, a 100–200 ms pause, Enter',
    make: (s) => {
      const r = rng(s);
      return scans(r, 3, { style: 'row', gaps: () => bluetoothGaps(int(r, 5, 12), uniform(r, 100, 200)), suffix: true }).build('bluetooth', s);
    },
  },
  { name: 'ime', title: 'Chinese IME active (key = Process), USB speed', make: (s) => scans(rng(s), 3, { style: 'ime', gaps: () => usbGaps, suffix: true }).build('ime', s) },
  { name: 'numpad', title: 'numpad digits + NumpadEnter, USB speed', make: (s) => scans(rng(s), 3, { style: 'numpad', gaps: () => usbGaps, suffix: true }).build('numpad', s) },
  { name: 'no-suffix', title: 'no suffix, USB speed', make: (s) => scans(rng(s), 3, { style: 'row', gaps: () => usbGaps, suffix: false }).build('no-suffix', s) },
  { name: 'azerty', title: 'AZERTY layout (digit row gives &é"…), USB speed', make: (s) => scans(rng(s), 3, { style: 'azerty', gaps: () => usbGaps, suffix: true }).build('azerty', s) },
  {
    name: 'human', title: 'human typing, 60–300 ms/key (amounts, phone numbers, a code typed by hand)',
    make: (s) => {
      const r = rng(s);
      const b = new Builder(r).wait(uniform(r, 100, 1000));
      for (let i = 0; i < 3; i++) {
        const pick = r();
        const text = pick < 0.4 ? amount(r) : pick < 0.7 ? digits(r, 11) : digits(r, int(r, 16, 20));
        b.type(text, { style: r() < 0.5 ? 'row' : 'numpad', gaps: humanGaps, enter: true }).wait(uniform(r, 800, 3000));
      }
      return b.build('human', s);
    },
  },
  {
    name: 'fast-typist', title: 'fast typist entering an amount, 40–150 ms/key with rollover',
    make: (s) => {
      const r = rng(s);
      const b = new Builder(r).wait(uniform(r, 100, 1000));
      for (let i = 0; i < 3; i++) b.type(amount(r), { style: 'numpad', gaps: fastTypistGaps, enter: true }).wait(uniform(r, 800, 3000));
      return b.build('fast-typist', s);
    },
  },
  {
    name: 'key-before-burst', title: 'a human digit 50 ms before a USB burst',
    make: (s) => {
      const r = rng(s);
      const b = new Builder(r).wait(uniform(r, 100, 1000));
      for (let i = 0; i < 3; i++) {
        b.type(String(int(r, 0, 9)), { style: 'row', gaps: humanGaps, enter: false }).wait(50);
        b.scan(paymentCode(r), { style: 'row', gaps: usbGaps, suffix: true }).wait(uniform(r, 1500, 4000));
      }
      return b.build('key-before-burst', s);
    },
  },
  {
    name: 'back-to-back', title: 'two scans back to back (15–60 ms apart), Enter',
    make: (s) => {
      const r = rng(s);
      const b = new Builder(r).wait(uniform(r, 100, 1000));
      for (let i = 0; i < 2; i++) {
        b.scan(paymentCode(r), { style: 'row', gaps: usbGaps, suffix: true }).wait(uniform(r, 15, 60));
        b.scan(paymentCode(r), { style: 'row', gaps: usbGaps, suffix: true }).wait(uniform(r, 1500, 4000));
      }
      return b.build('back-to-back', s);
    },
  },
];

export function profile(name: string): (seed: number) => Timeline {
  const p = PROFILES.find((x) => x.name === name);
  if (!p) throw new RangeError(`no timeline profile ${name}`);
  return p.make;
}
