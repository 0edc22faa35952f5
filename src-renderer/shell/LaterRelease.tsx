import { Alert } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

/** Says plainly that a capability is not in this release: no placeholder data that could be mistaken for real. */
export function LaterRelease({ feature }: { feature: string }) {
  const t = useT();
  return (
    <Alert data-testid="later-release" color="gray" variant="light" title={t('later.title')} maw={640}>
      {t('later.body', { feature })}
    </Alert>
  );
}
