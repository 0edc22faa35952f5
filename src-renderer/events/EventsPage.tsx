import { Alert, Anchor, Badge, Button, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { Page } from '../shell/Page';
import { hrefOf, navigate } from '../shell/router';
import { useEvents } from './hooks';
import { EVENT_STATUS_COLORS, eventTime } from './labels';

const VIEWS = ['upcoming', 'past', 'all'] as const;

/**
 * The branch's events (DOMAIN.md §6): upcoming ones soonest first with their seats taken, the waitlist and who has
 * arrived; "N" plans a new one (coordinators and managers).
 */
export function EventsPage() {
  const { t } = useI18n();
  const { staff } = useSession();
  const { timeZone } = useWorkstationDay();
  const plans = mayCall(staff, 'events.save');
  const [view, setView] = useState<(typeof VIEWS)[number]>('upcoming');
  const events = useEvents(view);
  useHotkeys(plans ? [['n', () => navigate('events', 'new')]] : []);

  return (
    <Page
      title={t('nav.events')}
      actions={
        plans && (
          <Button data-testid="event-new" component="a" href={hrefOf('events', 'new')}>
            {t('events.new')}
          </Button>
        )
      }
    >
      <SegmentedControl
        data-testid="event-views"
        value={view}
        onChange={(v) => setView(v)}
        data={VIEWS.map((v) => ({ value: v, label: t(`events.view.${v}`) }))}
        w="fit-content"
      />
      {events.isError && <Alert color="red">{errorMessage(t, events.error)}</Alert>}
      {events.isPending ? (
        <Loader size="sm" />
      ) : (events.data ?? []).length === 0 ? (
        <Text c="dimmed" data-testid="event-none">
          {t('events.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table data-testid="event-list" highlightOnHover verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.field.title')}</Table.Th>
                <Table.Th>{t('events.field.type')}</Table.Th>
                <Table.Th>{t('events.field.starts_at')}</Table.Th>
                <Table.Th>{t('events.field.venue')}</Table.Th>
                <Table.Th>{t('events.status')}</Table.Th>
                <Table.Th ta="right">{t('events.seated_of')}</Table.Th>
                <Table.Th ta="right">{t('events.waitlisted')}</Table.Th>
                <Table.Th ta="right">{t('events.arrived')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(events.data ?? []).map((e) => (
                <Table.Tr key={e.id} data-testid="event-row" style={{ cursor: 'pointer' }} onClick={() => navigate('events', e.id)}>
                  <Table.Td>
                    <Anchor href={hrefOf('events', e.id)} onClick={(ev) => ev.stopPropagation()} size="sm">
                      {e.title}
                    </Anchor>
                    {e.practice && (
                      <Badge size="xs" variant="outline" color="grape" ml={6}>
                        {t('events.practice')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`events.type.${e.type}`)}</Table.Td>
                  <Table.Td>{eventTime(e.startsAt, timeZone)}</Table.Td>
                  <Table.Td>{e.venue}</Table.Td>
                  <Table.Td>
                    <Badge color={EVENT_STATUS_COLORS[e.status]} variant="light">
                      {t(`events.status.${e.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {e.counts.seated} / {e.capacity}
                  </Table.Td>
                  <Table.Td ta="right">{e.counts.waitlisted}</Table.Td>
                  <Table.Td ta="right">{e.counts.checkedIn}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
