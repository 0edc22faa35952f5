import { Alert, Button, Code, Group, Loader, Table, Text } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';
import { errorMessage } from '../i18n/errors';
import { isTranslationKey } from '../i18n/dictionary';
import { Section } from '../shell/Section';
import { useAuditLog, useVerifyAudit } from './hooks';

export function AuditSection() {
  const { t, formatDateTime } = useI18n();
  const log = useAuditLog();
  const verify = useVerifyAudit();
  const entries = log.data?.pages.flat() ?? [];

  const methodLabel = (method: string) => {
    const key = `audit.method.${method}`;
    // A method added after this dictionary shows under its contract name rather than not at all.
    return isTranslationKey(key) ? t(key) : method;
  };

  return (
    <Section title={t('audit.title')} testId="audit-section">
      <Group>
        <Button data-testid="audit-verify" variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert data-testid="audit-verify-result" color={verify.data.ok ? 'teal' : 'red'} variant="light">
          {verify.data.ok
            ? t('audit.verify.ok', { entries: verify.data.entries })
            : t('audit.verify.bad', { seq: verify.data.firstBadSeq ?? '?' })}
        </Alert>
      )}
      {verify.isError && <Alert color="red">{errorMessage(t, verify.error)}</Alert>}

      {log.isPending ? (
        <Loader size="sm" />
      ) : log.isError && entries.length === 0 ? (
        <Alert color="red">{errorMessage(t, log.error)}</Alert>
      ) : entries.length === 0 ? (
        <Text c="dimmed">{t('audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="audit-table" striped highlightOnHover verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.seq')}</Table.Th>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.staff')}</Table.Th>
                <Table.Th>{t('audit.method')}</Table.Th>
                <Table.Th>{t('audit.targets')}</Table.Th>
                <Table.Th>{t('audit.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td>{entry.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>{entry.staffLogin ?? t('audit.system')}</Table.Td>
                  <Table.Td>{methodLabel(entry.method)}</Table.Td>
                  <Table.Td>
                    {entry.targetIds.map((id) => (
                      <Code key={id} mr={4}>
                        {id}
                      </Code>
                    ))}
                  </Table.Td>
                  <Table.Td>{entry.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Group>
          <Button variant="subtle" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('audit.load_more')}
          </Button>
        </Group>
      )}
    </Section>
  );
}
