// What a keydown means to the detector, whatever the input method or layout (field-notes.md 6, 8).
import { describe, expect, it } from 'vitest';
import { keyMeaning } from '../../app/common/wedge/keys.ts';

describe('keyMeaning', () => {
  it.each([
    ['Process', 'Digit7', '7', 'a Chinese IME reports Process'],
    ['Unidentified', 'Numpad3', '3', 'some IMEs report Unidentified'],
    ['7', 'Numpad7', '7', 'numpad with NumLock on'],
    ['é', 'Digit2', '2', 'AZERTY digit row unshifted'],
    ['&', 'Digit1', '1', 'AZERTY digit row unshifted'],
    ['5', 'Digit5', '5', 'plain US layout'],
    ['a', 'KeyA', 'a', 'a letter'],
    ['Process', 'KeyQ', 'q', 'a letter under an IME'],
    ['Process', 'Minus', '-', 'punctuation under an IME'],
    ['.', 'NumpadDecimal', '.', 'the numpad point'],
  ])('reads %j on %s as %j (%s)', (key, code, char) => {
    expect(keyMeaning({ key, code })).toEqual({ kind: 'char', char });
  });

  it.each([
    ['Enter', 'Enter', 'Enter'],
    ['Enter', 'NumpadEnter', 'Enter'],
    ['Process', 'Enter', 'Enter'],
    ['Tab', 'Tab', 'Tab'],
    ['Enter', '', 'Enter'],
  ])('reads %j on %j as the %s suffix', (key, code, suffix) => {
    expect(keyMeaning({ key, code })).toEqual({ kind: 'suffix', suffix });
  });

  it('keeps Shift and the lock keys from breaking a burst, and marks other named keys as typing', () => {
    expect(keyMeaning({ key: 'Shift', code: 'ShiftLeft' }).kind).toBe('modifier');
    expect(keyMeaning({ key: 'NumLock', code: 'NumLock' }).kind).toBe('modifier');
    for (const [key, code] of [['Backspace', 'Backspace'], ['ArrowLeft', 'ArrowLeft'], ['Control', 'ControlLeft'], ['F5', 'F5'], ['Escape', 'Escape']]) {
      expect(keyMeaning({ key: key as string, code: code as string }).kind).toBe('other');
    }
  });

  it('reads a numpad key with NumLock off as navigation, not as its digit', () => {
    expect(keyMeaning({ key: 'End', code: 'Numpad1' }).kind).toBe('other');
    expect(keyMeaning({ key: 'Delete', code: 'NumpadDecimal' }).kind).toBe('other');
  });
});
