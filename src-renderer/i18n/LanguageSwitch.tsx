import { SegmentedControl } from '@mantine/core';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from './dictionary';
import { useI18n } from './I18nProvider';

const DATA = LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));

/**
 * Shown on the sign-in screens and in the app header, so a staff member can switch before signing in.
 * Where a second switch shares the screen with the header's, it takes its own test id.
 */
export function LanguageSwitch({ size = 'xs', testId = 'language-switch' }: { size?: 'xs' | 'sm'; testId?: string }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl<Language>
      data-testid={testId}
      aria-label={t('language.label')}
      size={size}
      value={language}
      onChange={setLanguage}
      data={DATA}
    />
  );
}
