import { Button, Group, Menu, Progress, Stack, Text } from '@mantine/core';
import type { TranslationKey } from '../i18n/dictionary';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { useExportJob } from '../files/export-job';

type Format = 'csv' | 'xlsx';

/**
 * A report's actions: its files for the period as CSV or XLSX (the complaint register and report, an events review,
 * the survey figures and answers) — a long job with progress, cancellable; `whats` are the files on offer, each with
 * its label — and the print-ready view. Not printed itself.
 */
export function ReportExports<W extends string>({
  whats,
  run,
}: {
  whats: readonly { what: W; label: TranslationKey }[];
  run: (jobId: string, input: { what: W; format: Format }) => Promise<{ fileName: string; contentBase64: string; rows: number }>;
}) {
  const t = useT();
  const formats = useFormats();
  const { job, start } = useExportJob(run, (file) => t('reports.export.done', { name: file.fileName }));
  const { progress } = job;
  return (
    <Stack gap={4} className="bd-no-print">
      <Group gap="xs" align="flex-start">
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" loading={job.isPending} data-testid="report-export">
              {t('reports.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {whats.map(({ what, label }) => (
              <div key={what}>
                <Menu.Label>{t(label)}</Menu.Label>
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
        <Button variant="default" onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
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
