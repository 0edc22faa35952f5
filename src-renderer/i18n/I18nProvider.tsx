import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LANGUAGE, isLanguage, translate, type Language, type Params, type TranslationKey } from './dictionary';

const STORAGE_KEY = 'branchdesk.lang';

export type T = (key: TranslationKey, params?: Params) => string;

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: T;
  /** A UTC ISO time shown in the workstation's zone, in the interface language's conventions. */
  formatDateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (a locked-down profile); the choice then lasts for this window only.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      formatDateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
    };
  }, [language, setLanguage]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = value.t('app.name');
  }, [language, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}

export function useT(): T {
  return useI18n().t;
}
