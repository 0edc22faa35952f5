import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { methodQuery } from '../api/query';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { useT } from '../i18n/I18nProvider';

/**
 * The workstation's audit hash chain is checked when it starts and when a manager or administrator signs in: a
 * broken chain (an entry removed, altered or inserted out of order) is said at the top of every screen until it is
 * dealt with. Head office's hub checks the same chain against the heads it anchored.
 */
export function AuditBrokenBanner() {
  const t = useT();
  const { staff } = useSession();
  const allowed = mayCall(staff, 'audit.verify');
  const check = useQuery({ ...methodQuery('audit.verify', {}), enabled: allowed, staleTime: Infinity });
  if (!allowed || !check.data || check.data.ok) return null;
  return (
    <Alert data-testid="audit-broken" color="red" variant="filled" title={t('audit.broken.title')} mb="md">
      {t('audit.broken.body', { seq: check.data.firstBadSeq ?? 0 })}
    </Alert>
  );
}
