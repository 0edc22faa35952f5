import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useRef, useState } from 'react';
import { contract, type OutputOf } from '../../src-shared/contract';
import type { EventDetail } from '../../src-shared/contract/events';
import { parseInvitationCode } from '../../src-shared/domain/events';
import { methodQuery } from '../api/query';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useCheckIn, useWalkIn } from './hooks';

type Arrival = OutputOf<'events.checkin'>;

/**
 * The door (DOMAIN.md §6): one field takes a scanned invitation (a USB scanner types the QR code's text and Enter) or
 * a name, initials or the last four digits of a phone; Enter checks in the one match, or the code. Walk-ins are found
 * in the archive or added on the spot as prospects. Arrived and expected counts stay in view.
 */
export function CheckInDesk({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 120);
  const input = useRef<HTMLInputElement>(null);
  const checkIn = useCheckIn();
  const [last, setLast] = useState<Arrival | null>(null);
  const code = parseInvitationCode(text);
  const search = useQuery({
    ...methodQuery('events.checkinSearch', { eventId: event.id, query }),
    enabled: query !== '' && parseInvitationCode(query) === null,
    staleTime: 0,
  });
  const doorOpen = ['open', 'closed', 'held'].includes(event.status);
  const guests = search.data?.guests ?? [];
  const archive = search.data?.archive ?? [];

  const arrive = (input_: { guestId?: string; clientId?: string; code?: string }) =>
    checkIn.mutate(
      { eventId: event.id, ...input_ },
      {
        onSuccess: (arrival) => {
          setLast(arrival);
          setText('');
          input.current?.focus();
        },
      },
    );
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (code !== null) arrive({ code: text });
    else if (guests.length === 1 && archive.length === 0 && query === text.trim()) arrive({ guestId: guests[0]!.id });
  };

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid="checkin-desk">
      <Stack gap="sm">
        {!doorOpen && <Alert color="gray">{t('errors.events.door_closed')}</Alert>}
        <TextInput
          ref={input}
          size="lg"
          data-testid="checkin-input"
          label={t('events.door.find')}
          description={t('events.door.hint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKey}
          disabled={!doorOpen}
          autoFocus
        />
        {checkIn.isError && <Alert color="red">{errorMessage(t, checkIn.error)}</Alert>}
        {last && !checkIn.isError && (
          <Alert
            data-testid="checkin-result"
            color={last.already ? 'yellow' : last.state === 'waitlisted' || last.walkIn ? 'orange' : 'green'}
            title={last.name}
          >
            {last.already
              ? t('events.door.already')
              : last.walkIn
                ? t('events.door.walked_in')
                : last.state === 'seated'
                  ? t('events.door.welcome')
                  : t('events.door.not_seated', { state: t(`events.guest_state.${last.state}`) })}
          </Alert>
        )}
        {guests.length + archive.length > 0 && (
          <Paper withBorder p={4} data-testid="checkin-matches">
            {guests.map((g) => (
              <UnstyledButton
                key={g.id}
                data-testid="checkin-guest"
                display="block"
                w="100%"
                p={8}
                onClick={() => arrive({ guestId: g.id })}
              >
                <Group gap="xs">
                  <Text fw={600}>{g.name}</Text>
                  <Text size="sm" c="dimmed">
                    {g.maskedMobile ?? ''}
                  </Text>
                  <Badge size="sm" variant="light">
                    {t(`events.guest_state.${g.state}`)}
                  </Badge>
                  {g.checkedInAt && (
                    <Badge size="sm" color="green">
                      {t('events.guests.arrived')}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            ))}
            {archive.map((c) => (
              <UnstyledButton
                key={c.clientId}
                data-testid="checkin-archive"
                display="block"
                w="100%"
                p={8}
                onClick={() => arrive({ clientId: c.clientId })}
              >
                <Group gap="xs">
                  <Text>{c.name}</Text>
                  <Text size="sm" c="dimmed">
                    {c.maskedMobile ?? ''}
                  </Text>
                  <Badge size="sm" variant="outline" color="orange">
                    {t('events.door.not_invited')}
                  </Badge>
                </Group>
              </UnstyledButton>
            ))}
          </Paper>
        )}
        {query !== '' && code === null && search.isSuccess && guests.length + archive.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="checkin-nobody">
            {t('events.door.nobody')}
          </Text>
        )}
        {doorOpen && <WalkIn eventId={event.id} onArrived={setLast} />}
      </Stack>
      <Paper withBorder p="lg" data-testid="checkin-counts">
        <Group justify="space-around">
          <Stack gap={0} align="center">
            <Title order={2} data-testid="checkin-arrived">
              {event.counts.checkedIn}
            </Title>
            <Text c="dimmed">{t('events.door.arrived')}</Text>
          </Stack>
          <Stack gap={0} align="center">
            <Title order={2} data-testid="checkin-expected">
              {event.counts.seated}
            </Title>
            <Text c="dimmed">{t('events.door.expected')}</Text>
          </Stack>
          <Stack gap={0} align="center">
            <Title order={2}>{event.counts.waitlisted}</Title>
            <Text c="dimmed">{t('events.door.waiting')}</Text>
          </Stack>
        </Group>
      </Paper>
    </SimpleGrid>
  );
}

/** Someone nobody has on file: a prospect made at the branch (name, mobile, and the ID if they give it). */
function WalkIn({ eventId, onArrived }: { eventId: string; onArrived: (arrival: Arrival) => void }) {
  const { t } = useI18n();
  const walkIn = useWalkIn();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const fields = useFieldIssues();
  if (!open) {
    return (
      <Button variant="light" data-testid="walkin-open" onClick={() => setOpen(true)} w="fit-content">
        {t('events.door.walk_in')}
      </Button>
    );
  }
  const submit = () => {
    const checked = check(contract['events.walkIn'].input, { eventId, name, mobile, idNumber: idNumber.trim() === '' ? null : idNumber });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    walkIn.mutate(checked.data, {
      onError: fields.takeFrom,
      onSuccess: (arrival) => {
        onArrived(arrival);
        setName('');
        setMobile('');
        setIdNumber('');
        setOpen(false);
      },
    });
  };
  return (
    <Paper withBorder p="md" data-testid="walkin-form">
      <Stack gap="xs">
        <Text fw={600}>{t('events.door.walk_in')}</Text>
        <Group grow align="flex-start">
          <TextInput
            data-testid="walkin-name"
            label={t('events.door.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.errorOf('name')}
            autoFocus
          />
          <TextInput
            data-testid="walkin-mobile"
            label={t('events.door.mobile')}
            value={mobile}
            onChange={(e) => setMobile(e.currentTarget.value)}
            error={fields.errorOf('mobile')}
          />
          <TextInput
            data-testid="walkin-id"
            label={t('events.door.id_number')}
            value={idNumber}
            onChange={(e) => setIdNumber(e.currentTarget.value)}
            error={fields.errorOf('idNumber')}
          />
        </Group>
        {walkIn.isError && <Alert color="red">{errorMessage(t, walkIn.error)}</Alert>}
        <Group>
          <Button data-testid="walkin-save" loading={walkIn.isPending} onClick={submit}>
            {t('events.door.walk_in_save')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('events.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
