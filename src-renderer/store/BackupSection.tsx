import { Alert, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { Section } from '../shell/Section';
import { useBackups, useTakeBackup, useVerifyStore } from './hooks';

/** Megabytes with one decimal: backups run from a few hundred kilobytes to some hundreds of megabytes. */
function megabytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_048_576);
}

/**
 * Backup and verify for administrators in the app (issue 9), as `admin backup` and `admin verify` do it: a backup is
 * a consistent copy still encrypted with this workstation's key, checked before it is reported; the check reads the
 * live store's integrity, references and audit chain.
 */
export function BackupSection() {
  const { t, language, formatDateTime } = useI18n();
  const backups = useBackups();
  const take = useTakeBackup();
  const verify = useVerifyStore();
  const report = verify.data;

  return (
    <Section title={t('settings.backup.title')} description={t('settings.backup.description')} testId="backup-section">
      <Group gap="xs">
        <Button data-testid="backup-take" onClick={() => take.mutate()} loading={take.isPending}>
          {t('settings.backup.take')}
        </Button>
        <Button data-testid="store-verify" variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('settings.backup.verify')}
        </Button>
      </Group>
      {take.isSuccess && (
        <Alert data-testid="backup-taken" color="teal" variant="light" maw={720}>
          {t('settings.backup.taken', {
            name: take.data.name,
            size: megabytes(take.data.bytes, language),
            entries: take.data.auditEntries,
          })}
        </Alert>
      )}
      {take.isError && (
        <Alert color="red" variant="light" maw={720}>
          {errorMessage(t, take.error)}
        </Alert>
      )}
      {report && (
        <Alert data-testid="store-verify-result" color={report.ok ? 'teal' : 'red'} variant="light" maw={720}>
          {report.ok
            ? t('settings.backup.verify_ok', { entries: report.audit.entries })
            : !report.audit.ok
              ? t('settings.backup.verify_bad_audit', { seq: report.audit.firstBadSeq ?? 0 })
              : t('settings.backup.verify_bad_store', { problem: report.integrity.join('; '), references: report.foreignKeys })}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" variant="light" maw={720}>
          {errorMessage(t, verify.error)}
        </Alert>
      )}
      {backups.isError && <Alert color="red">{errorMessage(t, backups.error)}</Alert>}
      {backups.data && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('settings.backup.folder')} <Code>{backups.data.folder}</Code>
          </Text>
          {backups.data.backups.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="backup-none">
              {t('settings.backup.none')}
            </Text>
          ) : (
            <Table data-testid="backup-list" maw={720} fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.backup.file')}</Table.Th>
                  <Table.Th>{t('settings.backup.at')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('settings.backup.size')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {backups.data.backups.slice(0, 10).map((file) => (
                  <Table.Tr key={file.name} data-testid="backup-row">
                    <Table.Td>
                      <Code>{file.name}</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(file.at)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{megabytes(file.bytes, language)} MB</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Section>
  );
}
