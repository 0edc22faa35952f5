import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { ClientFilters } from '../../../src-shared/contract';
import { useSession } from '../../auth/hooks';
import { mayCall } from '../../auth/access';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { exportClients } from './hooks';
import { useExportJob } from '../../files/export-job';

type Format = 'csv' | 'xlsx';

/**
 * The filtered list as a file, masked exactly like the screen (no full ID number or mobile ever leaves in an
 * export). A long job: progress from main, and Cancel keeps nothing.
 */
export function ExportButtons({ filters }: { filters: ClientFilters }) {
  const t = useT();
  const formats = useFormats();
  const { staff } = useSession();
  const { job, start } = useExportJob(
    (jobId, input: { format: Format; filters: ClientFilters }) => exportClients(jobId, input),
    (file) => t('clients.export.done', { count: formats.count(file.rows) }),
  );
  if (!mayCall(staff, 'clients.export')) return null;

  const { progress } = job;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4} miw={260} ml="auto">
      <Group gap="xs" justify="flex-end">
        <Button data-testid="export-csv" variant="default" onClick={() => start({ format: 'csv', filters })} disabled={job.isPending}>
          {t('clients.export.csv')}
        </Button>
        <Button data-testid="export-xlsx" variant="default" onClick={() => start({ format: 'xlsx', filters })} disabled={job.isPending}>
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
