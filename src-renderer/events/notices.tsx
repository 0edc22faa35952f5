import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { useNotices, useTold } from './hooks';
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
