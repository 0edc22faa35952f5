import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function ReportsPage() {
  const t = useT();
  return (
    <Page title={t('nav.reports')}>
      <LaterRelease feature={t('nav.reports')} />
    </Page>
  );
}
