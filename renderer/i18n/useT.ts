// The catalogue in the current language, for components.
import { useStore } from 'zustand';
import { uiStore } from '../ui/uiStore.ts';
import { errorText, translate, type ErrorLike, type Language, type MessageKey, type Params } from './catalogue.ts';

export type T = ((key: MessageKey, params?: Params) => string) & { language: Language; error: (e: ErrorLike) => string };

export function tFor(language: Language): T {
  return Object.assign((key: MessageKey, params?: Params) => translate(language, key, params), {
    language,
    error: (e: ErrorLike) => errorText(language, e),
  });
}

const cache = new Map<Language, T>();

export function useT(): T {
  const language = useStore(uiStore, (s) => s.language);
  let t = cache.get(language);
  if (!t) cache.set(language, (t = tFor(language)));
  return t;
}
