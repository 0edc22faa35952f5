import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function EventsPage() {
  const t = useT();
  return (
    <Page title={t('nav.events')}>
      <LaterRelease feature={t('nav.events')} />
    </Page>
  );
}
