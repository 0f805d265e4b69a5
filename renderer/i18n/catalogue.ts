// The one catalogue of the screen's words: keys from zh-CN.ts (the default language), English
// key for key, `{name}` placeholders filled at the call. Words that come from the core (error
// messages) arrive in both languages as data (ErrorData.message / messageZh).
import type { ErrorData } from '../../app/common/errors.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Language = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zhCN;
export type Catalogue = { readonly [K in MessageKey]: string };
export type Params = Readonly<Record<string, string | number>>;

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { 'zh-CN': zhCN, en };

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** A core error in the cashier's language. */
export function errorText(language: Language, e: Pick<ErrorData, 'message' | 'messageZh'>): string {
  return language === 'en' ? e.message : e.messageZh;
}

export function otherLanguage(language: Language): Language {
  return language === 'en' ? 'zh-CN' : 'en';
}
