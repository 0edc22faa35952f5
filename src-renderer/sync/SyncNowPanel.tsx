import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { useSyncNow } from './hooks';

/** Main's generic job cancellation and the sync service's own both mean "stopped between pages". */
function wasCancelled(error: unknown): boolean {
  return isApiError(error, 'errors.sync.cancelled') || isApiError(error, 'errors.cancelled');
}

/**
 * "Sync now" with its progress and Cancel, then what it exchanged. While an automatic sync is running the button
 * waits for it rather than asking for a second one (main would refuse it as busy).
 */
export function SyncNowPanel({ enrolled, running }: { enrolled: boolean; running: boolean }) {
  const t = useT();
  const formats = useFormats();
  const job = useSyncNow();
  const { progress } = job;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const othersRunning = running && !job.isPending;

  return (
    <Stack gap="xs" maw={560}>
      <Group gap="xs">
        <Button data-testid="sync-now" onClick={job.start} loading={job.isPending || othersRunning} disabled={!enrolled}>
          {t('sync.now')}
        </Button>
        {job.isPending && (
          <Button data-testid="sync-cancel" color="red" variant="light" onClick={job.cancel} loading={job.cancelling}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      {job.isPending && (
        <Stack gap={2}>
          <Progress data-testid="sync-progress" value={percent} animated aria-label={t('sync.now.progress')} />
          <Text size="xs" c="dimmed">
            {progress
              ? t('sync.now.progress_changes', { done: formats.count(progress.done), total: formats.count(progress.total) })
              : t('sync.now.starting')}
          </Text>
        </Stack>
      )}
      {othersRunning && (
        <Text size="sm" c="dimmed">
          {t('sync.now.running_elsewhere')}
        </Text>
      )}
      {!enrolled && (
        <Text size="sm" c="dimmed">
          {t('sync.now.enroll_first')}
        </Text>
      )}
      {job.isSuccess && (
        <Alert data-testid="sync-result" color="teal" variant="light">
          {t('sync.now.done', { pushed: formats.count(job.data.pushed), pulled: formats.count(job.data.pulled) })}
        </Alert>
      )}
      {job.isError && (
        <Alert data-testid="sync-now-error" color={wasCancelled(job.error) ? 'gray' : 'red'} variant="light">
          {wasCancelled(job.error) ? t('errors.sync.cancelled') : errorMessage(t, job.error)}
        </Alert>
      )}
    </Stack>
  );
}
