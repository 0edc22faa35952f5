import { createTheme, type MantineThemeOverride } from '@mantine/core';
import type { Language } from '../i18n/dictionary';

/** System fonts only (the CSP allows no remote fonts); each Chinese script prefers its own glyph forms. */
const FONTS: Record<Language, string> = {
  'zh-CN': '-apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  'zh-TW': '-apple-system, "Segoe UI", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Source Han Sans TC", sans-serif',
  en: '-apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
};

export function themeFor(language: Language): MantineThemeOverride {
  return createTheme({
    primaryColor: 'teal',
    primaryShade: 7,
    defaultRadius: 'md',
    fontFamily: FONTS[language],
    headings: { fontFamily: FONTS[language], fontWeight: '600' },
    cursorType: 'pointer',
  });
}
