import { TextInput } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';
import { clientSearchRef } from './search-focus';

export function ClientsPage() {
  const t = useT();
  return (
    <Page title={t('nav.clients')}>
      {/* Read-only rather than disabled: the search shortcut can already land here, as it will once search works. */}
      <TextInput
        ref={clientSearchRef}
        data-testid="client-search"
        type="search"
        label={t('clients.search.label')}
        placeholder={t('clients.search.placeholder')}
        description={t('clients.search.shortcut')}
        readOnly
        aria-disabled
        variant="filled"
        maw={520}
      />
      <LaterRelease feature={t('clients.search.label')} />
    </Page>
  );
}
