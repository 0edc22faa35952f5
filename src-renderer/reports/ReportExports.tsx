import { Button, Group, Menu, Progress, Stack, Text } from '@mantine/core';
import type { Period } from '../../src-shared/domain/periods';
import { api } from '../api/client';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { useExportJob } from '../files/export-job';

type Choice = { what: 'register' | 'report'; format: 'csv' | 'xlsx' };

/** The complaint register and the report for the period as CSV or XLSX: a long job with progress, cancellable. */
export function ReportExports({ period }: { period: Period }) {
  const t = useT();
  const formats = useFormats();
  const { job, start } = useExportJob(
    (jobId, input: Choice) => api.complaints.export({ jobId, ...period, ...input }),
    (file) => t('reports.export.done', { name: file.fileName }),
  );
  const { progress } = job;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" loading={job.isPending} data-testid="report-export">
              {t('reports.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(['register', 'report'] as const).map((what) => (
              <div key={what}>
                <Menu.Label>{t(`reports.export.${what}`)}</Menu.Label>
                {(['csv', 'xlsx'] as const).map((format) => (
                  <Menu.Item key={format} data-testid={`export-${what}-${format}`} onClick={() => start({ what, format })}>
                    {format.toUpperCase()}
                  </Menu.Item>
                ))}
              </div>
            ))}
          </Menu.Dropdown>
        </Menu>
        {job.isPending && (
          <Button color="red" variant="light" onClick={job.cancel} loading={job.cancelling}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      {job.isPending && progress && progress.total > 0 && (
        <>
          <Progress value={Math.round((progress.done / progress.total) * 100)} animated aria-label={t('reports.export')} />
          <Text size="xs" c="dimmed">
            {t('clients.export.progress_rows', { done: formats.count(progress.done), total: formats.count(progress.total) })}
          </Text>
        </>
      )}
      <Text size="xs" c="dimmed">
        {t('clients.export.masked')}
      </Text>
    </Stack>
  );
}
