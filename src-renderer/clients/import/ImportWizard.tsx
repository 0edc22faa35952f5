import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import type { ImportReport } from '../../../src-shared/contract';
import { isApiError } from '../../api/errors';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT, type T } from '../../i18n/I18nProvider';
import type { JobProgress } from '../../jobs/hooks';
import { ACCEPTED_FILES, csvHeaders, readAsBase64 } from './file';
import { useImportClients, useImportPreview, type ImportFile } from './hooks';
import { MappingTable } from './MappingTable';
import { ErrorTable, fieldLabel, PreviewTable } from './ReportTables';
import { REQUIRED_FIELDS } from './fields';

interface Chosen extends ImportFile {
  /** The CSV's own header cells, for mapping by hand when main cannot guess the required columns. */
  localHeaders: string[] | null;
}

/**
 * Importing client master data (issue 3): choose a CSV or XLSX file, check it (a dry run that writes nothing), correct
 * the column mapping (each change checks again), then import the good rows in one go. Bad rows are never imported;
 * their report stays on screen after the import so staff can fix the file.
 */
export function ImportWizard({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const formats = useFormats();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [mapping, setMapping] = useState<Record<string, number> | null>(null);
  const [readFailed, setReadFailed] = useState(false);
  // The last dry run that answered: its headers and mapping stay on screen while a corrected mapping is checked.
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const preview = useImportPreview();
  const importing = useImportClients();

  const report = preview.data;
  const result = importing.data;
  const busy = preview.isPending || importing.isPending;

  const reset = () => {
    setChosen(null);
    setMapping(null);
    setReadFailed(false);
    setChecked(null);
    preview.reset();
    importing.reset();
  };
  const close = () => {
    if (busy) return; // a running job is cancelled first, with its own button
    reset();
    onClose();
  };

  const choose = async (file: File | null) => {
    reset();
    if (!file) return;
    try {
      const [contentBase64, localHeaders] = await Promise.all([readAsBase64(file), csvHeaders(file)]);
      const next = { fileName: file.name, contentBase64, localHeaders };
      setChosen(next);
      preview.mutate({ fileName: next.fileName, contentBase64 }, { onSuccess: setChecked });
    } catch {
      setReadFailed(true);
    }
  };

  // The mapping shown: the staff member's own, else main's suggestion from the last dry run.
  const shownMapping = mapping ?? checked?.mapping ?? {};
  const headers = checked?.headers ?? chosen?.localHeaders ?? null;
  const missing = [...REQUIRED_FIELDS].filter((field) => shownMapping[field] === undefined);

  const remap = (next: Record<string, number>) => {
    setMapping(next);
    importing.reset();
    if (!chosen) return;
    if ([...REQUIRED_FIELDS].every((field) => next[field] !== undefined)) {
      preview.mutate({ fileName: chosen.fileName, contentBase64: chosen.contentBase64, mapping: next }, { onSuccess: setChecked });
    }
  };

  const submit = () => {
    if (!chosen || !report || busy) return;
    importing.start({ fileName: chosen.fileName, contentBase64: chosen.contentBase64, mapping: report.mapping });
  };

  const good = report ? report.rows - report.rejected : 0;
  const failure = importing.error ?? preview.error;

  return (
    <Modal opened={opened} onClose={close} title={t('import.title')} size="80rem" closeOnClickOutside={!busy} closeOnEscape={!busy}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('import.intro')}
        </Text>
        <FileInput
          label={t('import.file')}
          placeholder={t('import.file_placeholder')}
          accept={ACCEPTED_FILES}
          value={null}
          onChange={(file) => void choose(file)}
          disabled={busy}
          fileInputProps={{ 'data-testid': 'import-file' } as ComponentProps<'input'>}
          description={chosen ? t('import.file_chosen', { name: chosen.fileName }) : undefined}
          maw={480}
        />
        {readFailed && (
          <Alert color="red" variant="light">
            {t('errors.import.unreadable')}
          </Alert>
        )}

        {preview.isPending && (
          <JobBar progress={preview.progress} label={t('import.checking')} onCancel={preview.cancel} cancelling={preview.cancelling} />
        )}

        {headers && chosen && !result && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('import.mapping.title')}
            </Text>
            <MappingTable headers={headers} mapping={shownMapping} onChange={remap} disabled={busy} />
            {missing.length > 0 && (
              <Text size="xs" c="red.7">
                {t('import.mapping.missing', { fields: missing.map((f) => fieldLabel(t, f)).join('、') })}
              </Text>
            )}
          </Stack>
        )}

        {failure && !isApiError(failure, 'errors.cancelled') && (
          <Alert color="red" variant="light" data-testid="import-failed">
            {importFailure(t, failure)}
          </Alert>
        )}
        {isApiError(failure, 'errors.cancelled') && (
          <Alert color="gray" variant="light">
            {t('import.cancelled')}
          </Alert>
        )}

        {result ? (
          <Alert data-testid="import-result" color={result.rejected > 0 ? 'orange' : 'teal'} variant="light" title={t('import.done')}>
            {t('import.result', { imported: formats.count(result.imported), rejected: formats.count(result.rejected) })}
          </Alert>
        ) : (
          report &&
          !preview.isPending && (
            <Alert color={report.rejected > 0 ? 'orange' : 'teal'} variant="light" data-testid="import-summary">
              {t('import.summary', {
                rows: formats.count(report.rows),
                good: formats.count(good),
                rejected: formats.count(report.rejected),
              })}
            </Alert>
          )
        )}

        {report && !result && <PreviewTable report={report} />}
        {(result ?? report) && <ErrorTable report={result ?? (report as ImportReport)} />}

        {importing.isPending && (
          <JobBar
            progress={importing.progress}
            label={t('import.importing')}
            onCancel={importing.cancel}
            cancelling={importing.cancelling}
          />
        )}

        <Group justify="flex-end">
          {result ? (
            <>
              <Button variant="default" onClick={reset}>
                {t('import.another')}
              </Button>
              <Button onClick={close}>{t('import.close')}</Button>
            </>
          ) : (
            <>
              <Button variant="default" onClick={close} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button
                data-testid="import-submit"
                onClick={submit}
                disabled={!report || good === 0 || busy || missing.length > 0}
                loading={importing.isPending}
              >
                {t('import.submit', { count: formats.count(good) })}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

/** Progress of the dry run or the import, with its Cancel (which keeps nothing). */
function JobBar({
  progress,
  label,
  onCancel,
  cancelling,
}: {
  progress: JobProgress | null;
  label: string;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const t = useT();
  const formats = useFormats();
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Group gap="sm" wrap="nowrap">
      <Stack gap={2} style={{ flex: 1 }}>
        <Progress data-testid="import-progress" value={percent} animated aria-label={label} />
        <Text size="xs" c="dimmed">
          {progress ? t('import.progress', { label, done: formats.count(progress.done), total: formats.count(progress.total) }) : label}
        </Text>
      </Stack>
      <Button data-testid="import-cancel" color="red" variant="light" size="xs" onClick={onCancel} loading={cancelling}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}

/** A whole-file refusal; "no column for" names the fields in the interface language. */
function importFailure(t: T, error: unknown): string {
  if (isApiError(error, 'errors.import.unmapped')) {
    const fields = String(error.params?.fields ?? '')
      .split(/,\s*/)
      .filter(Boolean)
      .map((field) => fieldLabel(t, field))
      .join('、');
    return t('errors.import.unmapped', { fields });
  }
  return errorMessage(t, error);
}
