import { Alert, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { AuthFrame } from './AuthFrame';

/** The browser host turned the page's token away: only the address it printed at start-up carries one. */
export function HostAccessScreen() {
  const t = useT();
  return (
    <AuthFrame title={t('host.rejected.title')}>
      <Alert data-testid="host-token-rejected" color="orange" variant="light">
        <Text size="sm">{t('host.rejected.body')}</Text>
      </Alert>
    </AuthFrame>
  );
}
