import { en } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/** zh-CN is the source: its keys are the keys. */
export type TranslationKey = keyof typeof zhCN;
/**
 * Another language: exactly the keys of zh-CN. A missing key fails to compile, and so does an extra one
 * (an excess property of the object literal).
 */
export type Dictionary = Record<TranslationKey, string>;
export type Params = Record<string, string | number>;

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * Each language named in itself, as every language picker does: whatever is showing, a reader can find their own.
 * These three names are the only strings on screen that no dictionary translates.
 */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

const DICTIONARIES: Record<Language, Dictionary> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** For keys that arrive at run time (an error's key from main). */
export function isTranslationKey(key: string): key is TranslationKey {
  return Object.hasOwn(zhCN, key);
}

/** `{minutes}` in the text takes params.minutes; a placeholder without a value stays as written. */
export function translate(language: Language, key: TranslationKey, params?: Params): string {
  const text = DICTIONARIES[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
