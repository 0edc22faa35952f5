import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';

export function WorklistPage() {
  const t = useT();
  return (
    <Page title={t('nav.worklist')}>
      <LaterRelease feature={t('nav.worklist')} />
    </Page>
  );
}
