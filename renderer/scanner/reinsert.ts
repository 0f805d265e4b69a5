// Gives a held-back key to the page after the detector has judged it to be typing: the app's own
// keydown handlers see it (a synthetic keydown on the element that had focus), and, unless they
// cancel it, its character is typed into that field the way the browser would have typed it.
import { keyMeaning, type KeyInput } from '../../app/common/wedge/keys.ts';

export type HeldKey = KeyInput & { target: EventTarget | null; init: KeyboardEventInit };

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

export function isTextField(target: EventTarget | null): target is TextField {
  const el = target as Partial<TextField> & { tagName?: string } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return !el.readOnly && !el.disabled;
  return tag === 'INPUT' && TEXT_INPUT_TYPES.has(String((el as HTMLInputElement).type ?? '').toLowerCase()) && !el.readOnly && !el.disabled;
}

/**
 * Sets a field's value through the prototype's setter: React tracks values set through the
 * element's own `value` property and would take the change for its own and skip onChange.
 */
function setValueLikeTheBrowser(field: TextField, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
}

export function insertText(field: TextField, text: string): void {
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = field.selectionStart;
    end = field.selectionEnd;
  } catch {
    start = null;
  }
  if (start === null) {
    // type=number has no selection API: a key typed into it lands at the end.
    setValueLikeTheBrowser(field, field.value + text);
  } else {
    // Not setRangeText: some DOMs implement it through the element's `value` property, which
    // React tracks, and React would then miss the change.
    setValueLikeTheBrowser(field, field.value.slice(0, start) + text + field.value.slice(end ?? start));
    const caret = start + text.length;
    field.setSelectionRange(caret, caret);
  }
  const view = field.ownerDocument.defaultView;
  const InputEventCtor = (view as unknown as { InputEvent?: typeof InputEvent } | null)?.InputEvent ?? InputEvent;
  field.dispatchEvent(new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data: text }));
}

/** Re-dispatches `key` (marked so the scan listener lets it pass) and types it unless cancelled. */
export function reinsertKey(key: HeldKey, doc: Document, mark: (event: Event) => void): void {
  const original = key.target as (Node & EventTarget) | null;
  const target: EventTarget = original && original.isConnected ? original : (doc.activeElement ?? doc.body);
  const view = doc.defaultView as unknown as { KeyboardEvent?: typeof KeyboardEvent } | null;
  const KeyboardEventCtor = view?.KeyboardEvent ?? KeyboardEvent;
  const event = new KeyboardEventCtor('keydown', { ...key.init, bubbles: true, cancelable: true });
  mark(event);
  if (!target.dispatchEvent(event)) return;
  const meaning = keyMeaning(key);
  if (meaning.kind === 'char' && isTextField(target)) insertText(target, meaning.char);
}
