// What a keydown means to the detector. The physical key (`code`) is read whenever `key` cannot be
// trusted: a Chinese input method reports every key as `Process` (field-notes.md item 6) and other
// layouts turn the digit row into symbols (AZERTY gives `&é"'(`: item 8). A scanner emulates a US
// keyboard, so for the digit row and the numpad the physical key is the truth.
import type { SuffixKey } from './config.ts';

/** A keydown as the detector sees it: `t` in ms on any monotonic clock. */
export type KeyInput = {
  t: number;
  key: string;
  code: string;
  /** Auto-repeat of a key held down: a person, never a scanner. */
  repeat?: boolean;
  /** Ctrl, Alt or Meta was down: a shortcut, never part of a code. */
  shortcut?: boolean;
};

export type KeyMeaning =
  | { kind: 'char'; char: string }
  | { kind: 'suffix'; suffix: SuffixKey }
  /** Shift and the lock keys: scanners press Shift for capitals, so they never break a burst. */
  | { kind: 'modifier' }
  /** Backspace, arrows, Ctrl, F-keys…: no scanner sends them, so they mark typing. */
  | { kind: 'other' };

const UNUSABLE_KEYS = new Set(['Process', 'Unidentified', 'Dead', '']);
const MODIFIERS = new Set(['Shift', 'ShiftLeft', 'ShiftRight', 'CapsLock', 'NumLock']);

/** Printable characters by physical key, for when `key` is unusable. */
const CODE_CHARS: Readonly<Record<string, string>> = {
  Minus: '-', Equal: '=', Period: '.', Comma: ',', Slash: '/', Space: ' ', Semicolon: ';', Quote: "'",
  Backquote: '`', Backslash: '\\', BracketLeft: '[', BracketRight: ']',
  NumpadDecimal: '.', NumpadAdd: '+', NumpadSubtract: '-', NumpadMultiply: '*', NumpadDivide: '/',
};

function digitOfCode(code: string): string | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  return m ? (m[1] ?? null) : null;
}

function suffixOf(key: string, code: string): SuffixKey | null {
  if (code === 'Enter' || code === 'NumpadEnter' || key === 'Enter') return 'Enter';
  if (code === 'Tab' || key === 'Tab') return 'Tab';
  return null;
}

export function keyMeaning(e: Pick<KeyInput, 'key' | 'code'>): KeyMeaning {
  const { key, code } = e;
  if (MODIFIERS.has(key) || MODIFIERS.has(code)) return { kind: 'modifier' };
  const suffix = suffixOf(key, code);
  if (suffix) return { kind: 'suffix', suffix };
  const printable = [...key].length === 1 && !/\p{Cc}/u.test(key);
  const unusable = UNUSABLE_KEYS.has(key);
  // A named key on a digit position (`End` on Numpad1 with NumLock off) is navigation, not a digit.
  const digit = digitOfCode(code);
  if (digit !== null && (printable || unusable)) return { kind: 'char', char: digit };
  if (printable) return { kind: 'char', char: key };
  if (unusable) {
    const letter = /^Key([A-Z])$/.exec(code)?.[1];
    if (letter) return { kind: 'char', char: letter.toLowerCase() };
    const ch = CODE_CHARS[code];
    if (ch !== undefined) return { kind: 'char', char: ch };
  }
  return { kind: 'other' };
}
