import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function SurveysPage() {
  const t = useT();
  return (
    <Page title={t('nav.surveys')}>
      <LaterRelease feature={t('nav.surveys')} />
    </Page>
  );
}
