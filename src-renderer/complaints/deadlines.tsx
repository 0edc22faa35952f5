import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ComplaintSummary } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { DEADLINE_COLORS } from './labels';

const deadlinesQuery = methodQuery('complaints.deadlines', {});

/**
 * Cases past or near their deadline for this member of staff (complaint officers and managers; nobody else asks).
 * Read again every minute, and after each sync (DeadlineAlerts, mounted once, listens for it).
 */
export function useComplaintDeadlines() {
  const { staff } = useSession();
  return useQuery({ ...deadlinesQuery, enabled: mayCall(staff, 'complaints.deadlines'), refetchInterval: 60_000, staleTime: 30_000 });
}

/** Days left to a case's decision, or days past it, in words. */
export function daysText(t: ReturnType<typeof useT>, c: ComplaintSummary): string {
  if (c.daysLeft === null) return '';
  return c.daysLeft < 0 ? t('complaints.days_over', { days: -c.daysLeft }) : t('complaints.days_left', { days: c.daysLeft });
}

/**
 * Says when a case becomes overdue or near its deadline: once at sign-in for what is already there, then for each
 * case that joins the list (the day turned, a sync brought one, a colleague assigned it here).
 */
export function DeadlineAlerts() {
  const t = useT();
  const deadlines = useComplaintDeadlines();
  const queryClient = useQueryClient();
  // A finished sync may have brought another desk's steps: the count, the worklist and the alerts read again.
  useEffect(
    () =>
      api.on('sync.status', (status) => {
        if (!status.running) void queryClient.invalidateQueries({ queryKey: deadlinesQuery.queryKey });
      }),
    [queryClient],
  );
  const seen = useRef<Map<string, string> | null>(null);
  const data = deadlines.data;
  useEffect(() => {
    if (!data) return;
    const now = new Map(data.cases.map((c) => [c.id, c.deadline ?? '']));
    if (seen.current === null) {
      if (data.overdue + data.near > 0) {
        notifications.show({
          id: 'complaint-deadlines',
          color: data.overdue > 0 ? 'red' : 'orange',
          title: t('complaints.alert.title'),
          message: t('complaints.alert.summary', { overdue: data.overdue, near: data.near }),
          autoClose: 12_000,
        });
      }
    } else {
      for (const c of data.cases) {
        if (seen.current.get(c.id) === c.deadline) continue;
        notifications.show({
          color: c.deadline === 'overdue' ? 'red' : 'orange',
          title: t(c.deadline === 'overdue' ? 'complaints.alert.overdue' : 'complaints.alert.near', { caseNo: c.caseNo }),
          message: `${c.complainant} · ${daysText(t, c)}`,
          autoClose: 12_000,
        });
      }
    }
    // No case overdue or near any more (handled, or gone with the demo data): the summary goes too.
    if (data.overdue + data.near === 0) notifications.hide('complaint-deadlines');
    seen.current = now;
  }, [data, t]);
  return null;
}

/** The count beside Complaints in the navigation: red when any case is overdue. */
export function DeadlineCount() {
  const deadlines = useComplaintDeadlines();
  const d = deadlines.data;
  if (!d || d.overdue + d.near === 0) return null;
  return (
    <Badge size="sm" circle={d.overdue + d.near < 10} color={d.overdue > 0 ? 'red' : 'orange'} data-testid="nav-complaints-count">
      {d.overdue + d.near}
    </Badge>
  );
}

/** The worklist's complaint items: the cases to decide first, each a click from its case. */
export function DeadlineItems() {
  const t = useT();
  const formats = useFormats();
  const deadlines = useComplaintDeadlines();
  const d = deadlines.data;
  if (!d) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="worklist-complaints">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('complaints.deadlines.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('complaints.alert.summary', { overdue: d.overdue, near: d.near })}
          </Text>
        </Group>
        {d.cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('complaints.deadlines.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Tbody>
              {d.cases.map((c) => (
                <Table.Tr key={c.id} data-testid="worklist-complaint">
                  <Table.Td>
                    <Anchor href={hrefOf('complaints', c.id)}>{c.caseNo}</Anchor>
                  </Table.Td>
                  <Table.Td>{c.complainant}</Table.Td>
                  <Table.Td>{c.officerName ?? t('complaints.deadlines.unassigned')}</Table.Td>
                  <Table.Td>{c.dueOn ? formats.date(c.dueOn) : ''}</Table.Td>
                  <Table.Td>
                    {c.deadline && (
                      <Badge color={DEADLINE_COLORS[c.deadline]} variant={c.deadline === 'overdue' ? 'filled' : 'light'}>
                        {daysText(t, c)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {d.overdue + d.near > d.cases.length && (
          <Alert variant="light" color="gray" p="xs">
            <Anchor href={hrefOf('complaints')} size="sm">
              {t('complaints.deadlines.more', { n: d.overdue + d.near - d.cases.length })}
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
