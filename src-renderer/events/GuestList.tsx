import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { EventDetail, Guest } from '../../src-shared/contract/events';
import { INVITATION_CHANNELS, type InvitationChannel } from '../../src-shared/domain/events';
import { isApiError } from '../api/errors';
import { ClientPicker } from '../clients/ClientPicker';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { type GuestView, useAddGuest, useAnswer, useGuests, useInvite, useTold } from './hooks';
import { GUEST_STATE_COLORS } from './labels';
import { SegmentBuilder } from './SegmentBuilder';
import { entryHref } from '../surveys/links';

const VIEWS: GuestView[] = ['all', 'listed', 'invited', 'seated', 'waitlisted', 'declined', 'no_answer', 'arrived'];
type Answer = 'accepted' | 'declined' | 'no_answer' | 'none';

/**
 * The guest list (DOMAIN.md §6): built from a segment and by hand, then worked through by phone, letter, WeChat or at
 * the counter — each invitation a contact in the client's timeline — with the seats in acceptance order, the
 * waitlist after them, and the calls owed (moved up, moved to the waitlist, cancelled) marked on their row.
 */
export function GuestList({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [view, setView] = useState<GuestView>('all');
  const guests = useGuests(event.id, view);
  const answer = useAnswer();
  const told = useTold();
  const [inviting, setInviting] = useState<Guest | null>(null);
  const listOpen = event.status === 'draft' || event.status === 'open';
  const open = event.status === 'open';
  const answering = open || event.status === 'closed';
  const error = answer.error ?? told.error;

  return (
    <Stack gap="md">
      {event.canManage && listOpen && <SegmentBuilder event={event} />}
      {event.canManage && listOpen && <AddByHand eventId={event.id} />}
      <Group justify="space-between">
        <SegmentedControl
          data-testid="guest-views"
          value={view}
          onChange={(v) => setView(v)}
          data={VIEWS.map((v) => ({ value: v, label: t(`events.guests.view.${v}`) }))}
        />
        {guests.isFetching && <Loader size="xs" />}
      </Group>
      {view === 'all' && guests.data && guests.data.guests.length < guests.data.counts.guests && (
        <Text size="sm" c="dimmed">
          {t('events.guests.shown', { shown: guests.data.guests.length, total: guests.data.counts.guests })}
        </Text>
      )}
      {error && <Alert color="red">{errorMessage(t, error)}</Alert>}
      {guests.isError && <Alert color="red">{errorMessage(t, guests.error)}</Alert>}
      {(guests.data?.guests ?? []).length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="guest-none">
          {t('events.guests.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table data-testid="guest-list" verticalSpacing={6} fz="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('events.guests.name')}</Table.Th>
                <Table.Th>{t('events.guests.mobile')}</Table.Th>
                <Table.Th>{t('events.guests.state')}</Table.Th>
                <Table.Th>{t('events.guests.invited_by')}</Table.Th>
                <Table.Th>{t('events.guests.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(guests.data?.guests ?? []).map((g) => (
                <Table.Tr key={g.id} data-testid="guest-row" data-state={g.state}>
                  <Table.Td>{g.queue ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{g.name}</Text>
                      <Badge size="xs" variant="light" color="gray">
                        {t(`tier.${g.tier}`)}
                      </Badge>
                      {g.reason && (
                        <Badge size="xs" variant="outline" color="orange" title={g.reason}>
                          {t('events.guests.deliberate')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{g.maskedMobile ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Badge color={GUEST_STATE_COLORS[g.state]} variant="light" data-testid="guest-state">
                        {t(`events.guest_state.${g.state}`)}
                      </Badge>
                      {g.checkedInAt && (
                        <Badge color="green" variant="filled" size="sm">
                          {t('events.guests.arrived')}
                        </Badge>
                      )}
                      {g.notice && (
                        <Badge color="red" variant="filled" size="sm" data-testid="guest-notice">
                          {t(`events.notice.${g.notice}`)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {g.inviterName ?? '—'}
                    {g.channel ? ` · ${t(`events.channel.${g.channel}`)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {open && ['listed', 'invited', 'no_answer'].includes(g.state) && (
                        <Button size="compact-xs" data-testid="guest-invite" onClick={() => setInviting(g)}>
                          {g.state === 'listed' ? t('events.guests.invite') : t('events.guests.invite_again')}
                        </Button>
                      )}
                      {open && ['invited', 'no_answer', 'declined', 'withdrew'].includes(g.state) && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          data-testid="guest-accept"
                          onClick={() => answer.mutate({ guestId: g.id, answer: 'accepted' })}
                        >
                          {t('events.answer.accepted')}
                        </Button>
                      )}
                      {answering && ['invited', 'no_answer'].includes(g.state) && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="gray"
                          data-testid="guest-decline"
                          onClick={() => answer.mutate({ guestId: g.id, answer: 'declined' })}
                        >
                          {t('events.answer.declined')}
                        </Button>
                      )}
                      {answering && ['seated', 'waitlisted'].includes(g.state) && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="gray"
                          data-testid="guest-withdrew"
                          onClick={() => answer.mutate({ guestId: g.id, answer: 'withdrew' })}
                        >
                          {t('events.answer.withdrew')}
                        </Button>
                      )}
                      {g.checkedInAt && (event.status === 'held' || event.status === 'reviewed') && (
                        <Button
                          component="a"
                          href={entryHref({ occasion: 'after_event', client: g.clientId, event: event.id })}
                          size="compact-xs"
                          variant="light"
                          data-testid="guest-survey"
                        >
                          {t('surveys.entry.open')}
                        </Button>
                      )}
                      {g.notice && (
                        <Button size="compact-xs" color="red" data-testid="guest-told" onClick={() => told.mutate({ guestId: g.id })}>
                          {t(`events.told.${g.notice}`)}
                        </Button>
                      )}
                      {event.canManage && listOpen && ['listed', 'invited', 'no_answer', 'declined'].includes(g.state) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          data-testid="guest-remove"
                          onClick={() => answer.mutate({ guestId: g.id, answer: 'removed' })}
                        >
                          {t('events.answer.removed')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <InviteDialog guest={inviting} onClose={() => setInviting(null)} />
    </Stack>
  );
}

/** One invitation: how it went out, what the guest said on the spot, and a note — one write, also a contact. */
function InviteDialog({ guest, onClose }: { guest: Guest | null; onClose: () => void }) {
  const { t } = useI18n();
  const invite = useInvite();
  const [channel, setChannel] = useState<InvitationChannel>('phone');
  const [answer, setAnswer] = useState<Answer>('accepted');
  const [note, setNote] = useState('');
  const close = () => {
    invite.reset();
    setNote('');
    onClose();
  };
  const submit = () => {
    if (!guest || invite.isPending) return;
    invite.mutate(
      { guestId: guest.id, channel, answer: answer === 'none' ? null : answer, note: note.trim() === '' ? null : note.trim() },
      { onSuccess: close },
    );
  };
  return (
    <Modal opened={guest !== null} onClose={close} title={guest ? t('events.invite.title', { name: guest.name }) : ''}>
      <Stack gap="sm" data-testid="invite-dialog">
        <SegmentedControl
          data-testid="invite-channel"
          value={channel}
          onChange={(v) => setChannel(v)}
          data={INVITATION_CHANNELS.map((c) => ({ value: c, label: t(`events.channel.${c}`) }))}
        />
        <SegmentedControl
          data-testid="invite-answer"
          value={answer}
          onChange={(v) => setAnswer(v)}
          data={(['accepted', 'declined', 'no_answer', 'none'] as const).map((a) => ({ value: a, label: t(`events.invite.answer.${a}`) }))}
        />
        <Textarea
          data-testid="invite-note"
          label={t('events.invite.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {invite.isError && <Alert color="red">{errorMessage(t, invite.error)}</Alert>}
        <Group justify="flex-end">
          <Button data-testid="invite-save" loading={invite.isPending} onClick={submit}>
            {t('events.invite.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A client added by hand; one who asked not to be disturbed, or gave no marketing consent, needs the reason. */
function AddByHand({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const add = useAddGuest();
  const [client, setClient] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const needsReason =
    isApiError(add.error) && (add.error.key === 'errors.events.do_not_disturb' || add.error.key === 'errors.events.no_consent');
  const submit = () => {
    if (!client) return;
    add.mutate(
      { eventId, clientId: client.id, reason: reason.trim() === '' ? null : reason.trim() },
      {
        onSuccess: () => {
          setClient(null);
          setReason('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="md" data-testid="guest-add">
      <Stack gap="xs">
        <Text fw={600}>{t('events.guests.add_by_hand')}</Text>
        <ClientPicker
          testId="guest-client"
          value={client}
          onChange={(c) => (add.reset(), setClient(c))}
          error={undefined}
          autoFocus={false}
        />
        {needsReason && (
          <TextInput
            data-testid="guest-reason"
            label={t('events.guests.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autoFocus
          />
        )}
        {add.isError && <Alert color={needsReason ? 'orange' : 'red'}>{errorMessage(t, add.error)}</Alert>}
        {client && (
          <Group>
            <Button data-testid="guest-add-save" loading={add.isPending} onClick={submit} disabled={needsReason && reason.trim() === ''}>
              {t('events.guests.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
