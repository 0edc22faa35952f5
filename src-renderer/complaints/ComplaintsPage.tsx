import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function ComplaintsPage() {
  const t = useT();
  return (
    <Page title={t('nav.complaints')}>
      <LaterRelease feature={t('nav.complaints')} />
    </Page>
  );
}
