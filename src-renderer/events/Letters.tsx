import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { EventDetail, Guest } from '../../src-shared/contract/events';
import { invitationCode } from '../../src-shared/domain/events';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { useGuests } from './hooks';
import { eventTime } from './labels';
import { Qr } from './Qr';

/**
 * Invitation letters (邀请函), one print-ready page per guest: name, event, time, venue and a QR code carrying the
 * invitation's id, which the door scans. window.print() opens Electron's print/PDF dialog in the app and the
 * browser's in the browser host; print.css prints the sheets alone, a page each.
 */
export function Letters({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const guests = useGuests(event.id, 'all');
  const [waiting, setWaiting] = useState(false);
  const letters = (guests.data?.guests ?? []).filter(
    (g) => g.state === 'seated' || g.state === 'invited' || g.state === 'no_answer' || (waiting && g.state === 'waitlisted'),
  );
  if (guests.isError) return <Alert color="red">{errorMessage(t, guests.error)}</Alert>;
  return (
    <Stack gap="md">
      <Group className="bd-no-print" justify="space-between">
        <Text size="sm" c="dimmed">
          {t('events.letters.explain', { n: letters.length })}
        </Text>
        <Group>
          <Checkbox label={t('events.letters.with_waitlist')} checked={waiting} onChange={(e) => setWaiting(e.currentTarget.checked)} />
          <Button data-testid="letters-print" disabled={letters.length === 0} onClick={() => window.print()}>
            {t('events.letters.print')}
          </Button>
        </Group>
      </Group>
      <Stack gap="md" className="bd-print-stack" data-testid="letters">
        {letters.map((g) => (
          <Letter key={g.id} event={event} guest={g} />
        ))}
      </Stack>
    </Stack>
  );
}

function Letter({ event, guest }: { event: EventDetail; guest: Guest }) {
  const { t } = useI18n();
  const { timeZone } = useWorkstationDay();
  const code = invitationCode(guest.id);
  return (
    <Paper withBorder p="xl" className="bd-print-sheet" data-testid="letter" maw={720}>
      <Stack gap="lg">
        <Title order={2} ta="center">
          {t('events.letters.title')}
        </Title>
        <Text size="lg">{t('events.letters.dear', { name: guest.name })}</Text>
        <Text>{t('events.letters.body', { title: event.title })}</Text>
        <Stack gap={4}>
          <Text>
            <b>{t('events.letters.when')}：</b>
            {eventTime(event.plan.startsAt, timeZone)}
            {event.plan.endsAt ? ` – ${eventTime(event.plan.endsAt, timeZone).slice(11)}` : ''}
          </Text>
          <Text>
            <b>{t('events.field.venue')}：</b>
            {event.plan.venue}
          </Text>
          {event.plan.speakers && (
            <Text>
              <b>{t('events.field.speakers')}：</b>
              {event.plan.speakers}
            </Text>
          )}
        </Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Text size="sm">{t('events.letters.bring')}</Text>
            <Text size="xs" c="dimmed" data-testid="letter-code">
              {code}
            </Text>
          </Stack>
          <Qr text={code} size={132} testId="letter-qr" />
        </Group>
      </Stack>
    </Paper>
  );
}
