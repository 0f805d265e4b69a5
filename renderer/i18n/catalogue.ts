// The one catalogue of the screen's words: keys from zh-CN.ts (the default language), English
// key for key, `{name}` placeholders filled at the call. Words that come from the core (error
// messages) arrive in both languages as data (ErrorData.message / messageZh).
import { ERROR_TEXT, type ErrorData } from '../../app/common/errors.ts';
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

export type ErrorLike = Pick<ErrorData, 'message' | 'messageZh'> & { code?: ErrorData['code'] };

/**
 * Whether a core error's Chinese text is only its English detail behind the Chinese title: a
 * PosError raised without detailZh repeats its English detail (app/common/errors.ts).
 */
function leaksEnglish(e: ErrorLike): boolean {
  if (!/[\u4e00-\u9fff]/.test(e.messageZh)) return /[A-Za-z]{3,}/.test(e.messageZh);
  if (!e.code || !Object.hasOwn(ERROR_TEXT, e.code)) return false;
  const [zh, en] = ERROR_TEXT[e.code];
  if (!e.message.startsWith(`${en}: `)) return false;
  return e.messageZh === `${zh}：${e.message.slice(en.length + 2)}`;
}

/**
 * A core error in the cashier's language (issue 9 item 9). Chinese is the core's messageZh, unless
 * that only repeats an English detail: then the code's Chinese title and the screen's own advice
 * for it, never English words on a Chinese screen.
 */
export function errorText(language: Language, e: ErrorLike): string {
  if (language === 'en') return e.message;
  if (!leaksEnglish(e)) return e.messageZh;
  const title = e.code && Object.hasOwn(ERROR_TEXT, e.code) ? ERROR_TEXT[e.code][0] : ERROR_TEXT.INTERNAL_ERROR[0];
  const hintKey = `errorHint.${e.code ?? ''}`;
  return `${title}：${translate('zh-CN', isMessageKey(hintKey) ? hintKey : 'errorHint.generic')}`;
}

export function otherLanguage(language: Language): Language {
  return language === 'en' ? 'zh-CN' : 'en';
}
