import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientFilters } from '../../../src-shared/contract';
import { isApiError } from '../../api/errors';
import { useSession } from '../../auth/hooks';
import { mayCall } from '../../auth/access';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { useCancellableJob } from '../../jobs/hooks';
import { downloadBase64 } from './download';
import { exportClients } from './hooks';

type Format = 'csv' | 'xlsx';

/**
 * The filtered list as a file, masked exactly like the screen (no full ID number or mobile ever leaves in an
 * export). A long job: progress from main, and Cancel keeps nothing.
 */
export function ExportButtons({ filters }: { filters: ClientFilters }) {
  const t = useT();
  const formats = useFormats();
  const { staff } = useSession();
  const job = useCancellableJob((jobId, input: { format: Format; filters: ClientFilters }) => exportClients(jobId, input));
  if (!mayCall(staff, 'clients.export')) return null;

  const start = (format: Format) => {
    if (job.isPending) return;
    job.mutate(
      { format, filters },
      {
        onSuccess: (file) => {
          downloadBase64(file.fileName, file.contentBase64, format);
          notifications.show({ color: 'teal', message: t('clients.export.done', { count: formats.count(file.rows) }) });
        },
        onError: (error) => {
          const cancelled = isApiError(error, 'errors.cancelled');
          notifications.show({
            color: cancelled ? 'gray' : 'red',
            message: cancelled ? t('clients.export.cancelled') : errorMessage(t, error),
          });
        },
      },
    );
  };

  const { progress } = job;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4} miw={260} ml="auto">
      <Group gap="xs" justify="flex-end">
        <Button data-testid="export-csv" variant="default" onClick={() => start('csv')} disabled={job.isPending}>
          {t('clients.export.csv')}
        </Button>
        <Button data-testid="export-xlsx" variant="default" onClick={() => start('xlsx')} disabled={job.isPending}>
          {t('clients.export.xlsx')}
        </Button>
        {job.isPending && (
          <Button data-testid="export-cancel" color="red" variant="light" onClick={job.cancel} loading={job.cancelling}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      {job.isPending ? (
        <Stack gap={2}>
          <Progress data-testid="export-progress" value={percent} animated aria-label={t('clients.export.progress')} />
          <Text size="xs" c="dimmed" ta="right">
            {progress
              ? t('clients.export.progress_rows', { done: formats.count(progress.done), total: formats.count(progress.total) })
              : t('clients.export.starting')}
          </Text>
        </Stack>
      ) : (
        <Text size="xs" c="dimmed" ta="right">
          {t('clients.export.masked')}
        </Text>
      )}
    </Stack>
  );
}
