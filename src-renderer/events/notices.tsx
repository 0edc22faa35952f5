import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { noticesQuery, useNotices, useTold } from './hooks';
import { eventTime } from './labels';

/**
 * The calls events owe, on the worklist of whoever they fall to (DOMAIN.md §6): a waiting guest who moved up, an
 * acceptance sync put on the waitlist, an accepted guest of a cancelled event, a guest who came and is to be followed
 * up. Shown only when there is one; the call is recorded from here.
 */
export function EventNotices() {
  const { t } = useI18n();
  const { timeZone } = useWorkstationDay();
  const notices = useNotices();
  const told = useTold();
  const items = notices.data ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="worklist-events">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('events.notices.title')}
        </Title>
        <Table fz="sm" verticalSpacing={4}>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.guest.id} data-testid="worklist-event">
                <Table.Td>
                  <Badge color={n.guest.notice === 'follow_up' ? 'blue' : 'red'} variant="light">
                    {n.guest.notice ? t(`events.notice.${n.guest.notice}`) : ''}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor href={hrefOf('clients', n.guest.clientId)}>{n.guest.name}</Anchor>
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {n.guest.maskedMobile ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={hrefOf('events', n.guest.eventId)}>{n.eventTitle}</Anchor>
                </Table.Td>
                <Table.Td>{eventTime(n.eventStartsAt, timeZone)}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    {n.guest.notice && (
                      <Button
                        size="compact-xs"
                        data-testid="worklist-event-told"
                        loading={told.isPending && told.variables.guestId === n.guest.id}
                        onClick={() => told.mutate({ guestId: n.guest.id })}
                      >
                        {t(`events.told.${n.guest.notice}`)}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/**
 * Says when a call falls to this member of staff: once at sign-in for what is already owed, then for each guest who
 * joins the list — a waiting guest moved up, sync put an acceptance they took on the waitlist, an event was cancelled.
 */
export function EventNoticeAlerts() {
  const { t } = useI18n();
  const notices = useNotices();
  const queryClient = useQueryClient();
  // A finished sync may have brought another desk's answers or steps.
  useEffect(
    () =>
      api.on('sync.status', (status) => {
        if (!status.running) void queryClient.invalidateQueries({ queryKey: noticesQuery.queryKey });
      }),
    [queryClient],
  );
  const seen = useRef<Set<string> | null>(null);
  const data = notices.data;
  useEffect(() => {
    if (!data) return;
    const now = new Set(data.map((n) => `${n.guest.id}:${n.guest.notice}`));
    if (seen.current === null) {
      if (data.length > 0) {
        notifications.show({
          id: 'event-notices',
          color: 'blue',
          title: t('events.notices.title'),
          message: t('events.notices.summary', { n: data.length }),
          autoClose: 12_000,
        });
      }
    } else {
      for (const n of data) {
        if (seen.current.has(`${n.guest.id}:${n.guest.notice}`) || !n.guest.notice) continue;
        notifications.show({
          color: n.guest.notice === 'follow_up' ? 'blue' : 'red',
          title: t(`events.notice.${n.guest.notice}`),
          message: `${n.guest.name} · ${n.eventTitle}`,
          autoClose: 12_000,
        });
      }
    }
    // Nothing left to act on (done, or gone with the demo data): the summary goes too.
    if (data.length === 0) notifications.hide('event-notices');
    seen.current = now;
  }, [data, t]);
  return null;
}

/** The count beside Events in the navigation: the events coming up (the Events page's first list). */
export function UpcomingEventCount() {
  const events = useQuery({ ...methodQuery('events.list', { view: 'upcoming' }), refetchInterval: 300_000, staleTime: 60_000 });
  const n = events.data?.length ?? 0;
  if (n === 0) return null;
  return (
    <Badge size="sm" color="grape" variant="light" data-testid="nav-events-count">
      {n}
    </Badge>
  );
}
