import { ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportReport } from '../../../src-shared/contract';
import { isTranslationKey } from '../../i18n/dictionary';
import { useFormats } from '../../i18n/formats';
import { useT, type T } from '../../i18n/I18nProvider';
import { FIELD_LABELS, isImportField } from './fields';

/** Enough rows to fix a file by; the count above says how many there are in all. */
const ERRORS_SHOWN = 500;

export function fieldLabel(t: T, field: string): string {
  return isImportField(field) ? t(FIELD_LABELS[field]) : field;
}

/** The first rows as they will go in, masked as everywhere else. */
export function PreviewTable({ report }: { report: ImportReport }) {
  const t = useT();
  if (report.preview.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {t('import.preview.title', { count: report.preview.length })}
      </Title>
      <ScrollArea.Autosize mah={220} type="auto">
        <Table data-testid="import-preview" striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('import.col.row')}</Table.Th>
              <Table.Th>{t('import.field.clientNo')}</Table.Th>
              <Table.Th>{t('import.field.name')}</Table.Th>
              <Table.Th>{t('import.field.idNumber')}</Table.Th>
              <Table.Th>{t('import.field.mobile')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.preview.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td ff="monospace">{row.clientNo}</Table.Td>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td ff="monospace">{row.maskedId}</Table.Td>
                <Table.Td ff="monospace">{row.maskedMobile ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** Every rejected row: its row number in the spreadsheet, the field and why, so staff can fix the file. */
export function ErrorTable({ report }: { report: ImportReport }) {
  const t = useT();
  const formats = useFormats();
  if (report.errors.length === 0) return null;
  const shown = report.errors.slice(0, ERRORS_SHOWN);
  return (
    <Stack gap={4}>
      <Title order={3} size="h5" c="red.8">
        {t('import.errors.title', { count: formats.count(report.errors.length) })}
      </Title>
      <ScrollArea.Autosize mah={260} type="auto">
        <Table data-testid="import-errors" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('import.col.row')}</Table.Th>
              <Table.Th w={140}>{t('import.col.field')}</Table.Th>
              <Table.Th>{t('import.col.reason')}</Table.Th>
              <Table.Th w={200}>{t('import.col.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((error, i) => (
              <Table.Tr key={`${error.row}-${error.field}-${i}`} data-testid="import-error-row" data-row={error.row} data-key={error.key}>
                <Table.Td>{error.row}</Table.Td>
                <Table.Td>{fieldLabel(t, error.field)}</Table.Td>
                <Table.Td>{isTranslationKey(error.key) ? t(error.key) : t('validation.invalid')}</Table.Td>
                <Table.Td ff="monospace">
                  <Text size="sm" truncate>
                    {error.value || '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {report.errors.length > shown.length && (
        <Text size="xs" c="dimmed">
          {t('import.errors.truncated', { shown: formats.count(shown.length) })}
        </Text>
      )}
    </Stack>
  );
}
