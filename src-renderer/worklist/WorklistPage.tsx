import { Alert, Anchor, Badge, Button, Center, Group, Loader, NativeSelect, Paper, Switch, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { REMINDER_KINDS, type ReminderKind, type WorklistRow } from '../../src-shared/contract';
import { DeadlineItems } from '../complaints/deadlines';
import { EventNotices } from '../events/notices';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { reminderLabel } from '../reminders/labels';
import { ReminderActions } from '../reminders/ReminderActions';
import { useWorklist } from '../reminders/hooks';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { Page } from '../shell/Page';

const NO_ROWS: WorklistRow[] = [];

/**
 * What is due with the staff member's clients (DOMAIN.md §3) — their own as relationship manager, the whole branch
 * for a manager — overdue first, then by due date. Each row opens the client's profile and can be done, snoozed to a
 * day or dismissed with a reason; Tab walks the links and buttons, Enter acts.
 */
export function WorklistPage() {
  const t = useT();
  const formats = useFormats();
  const { today } = useWorkstationDay();
  const [kind, setKind] = useState<ReminderKind | ''>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const filters = useMemo(() => ({ ...(kind ? { kind } : {}), overdueOnly }), [kind, overdueOnly]);
  const list = useWorklist(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? NO_ROWS, [list.data]);
  const refreshing = list.data?.pages[0]?.refreshing ?? false;
  const progress = list.data?.pages[0]?.refreshProgress ?? null;

  return (
    <Page title={t('nav.worklist')}>
      <DeadlineItems />
      <EventNotices />
      <Group gap="sm" align="flex-end">
        <NativeSelect
          data-testid="worklist-kind"
          label={t('reminders.col.kind')}
          data={[
            { value: '', label: t('clients.list.any') },
            ...REMINDER_KINDS.map((k) => ({ value: k, label: t(`reminders.kind.${k}`) })),
          ]}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ReminderKind | '')}
          w={220}
        />
        <Switch
          data-testid="worklist-overdue-only"
          label={t('reminders.overdue_only')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
          mb={6}
        />
      </Group>
      {refreshing && (
        <Alert color="blue" variant="light" data-testid="worklist-refreshing">
          {progress
            ? t('reminders.refreshing_progress', { done: formats.count(progress.done), total: formats.count(progress.total) })
            : t('reminders.refreshing')}
        </Alert>
      )}
      {list.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, list.error)}
        </Alert>
      )}
      <Paper withBorder radius="md">
        {list.isPending ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : rows.length === 0 ? (
          <Text data-testid="worklist-empty" c="dimmed" ta="center" py="xl">
            {t('reminders.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table data-testid="worklist-table" verticalSpacing="xs" highlightOnHover aria-label={t('nav.worklist')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reminders.col.client')}</Table.Th>
                  <Table.Th>{t('reminders.col.kind')}</Table.Th>
                  <Table.Th>{t('reminders.col.due')}</Table.Th>
                  <Table.Th>{t('reminders.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const label = reminderLabel(t, r);
                  return (
                    <Table.Tr
                      key={`${r.clientId}/${r.key}`}
                      data-testid="worklist-row"
                      data-kind={r.kind}
                      data-overdue={r.overdue || undefined}
                    >
                      <Table.Td>
                        <Anchor href={hrefOf('clients', r.clientId)} data-testid="worklist-client" fw={600}>
                          {r.clientName}
                        </Anchor>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {r.clientNo}
                        </Text>
                      </Table.Td>
                      <Table.Td>{label}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm" ff="monospace">
                            {formats.date(r.dueDate)}
                          </Text>
                          {r.overdue && (
                            <Badge color="red" variant="light" size="sm" data-testid="overdue-badge">
                              {t('reminders.overdue')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <ReminderActions clientId={r.clientId} reminderKey={r.key} today={today} label={`${r.clientName} · ${label}`} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {list.hasNextPage && (
        <Button data-testid="worklist-more" variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('reminders.load_more')}
        </Button>
      )}
    </Page>
  );
}
