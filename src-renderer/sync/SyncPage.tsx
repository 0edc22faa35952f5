import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function SyncPage() {
  const t = useT();
  return (
    <Page title={t('nav.sync')}>
      <LaterRelease feature={t('nav.sync')} />
    </Page>
  );
}
