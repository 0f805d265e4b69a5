// One name per key press, whatever the input method or layout: a Chinese IME reports digits as
// `Process` (field-notes.md item 6), so the physical key decides, as it does for the scanner.
import { keyMeaning } from '../../app/common/wedge/keys.ts';

const UNUSABLE = new Set(['Process', 'Unidentified', 'Dead', '']);

export function keyName(e: Pick<KeyboardEvent, 'key' | 'code'>): string {
  const m = keyMeaning(e);
  if (m.kind === 'char') return m.char;
  if (m.kind === 'suffix') return m.suffix;
  if (UNUSABLE.has(e.key)) return e.code === 'NumpadEnter' ? 'Enter' : e.code;
  return e.key;
}
