import { Alert, Badge, Button, Group, Loader, Modal, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { EventDetail } from '../../src-shared/contract/events';
import { EVENT_TRANSITIONS, type EventStep, eventStepFrom } from '../../src-shared/domain/events';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { Page } from '../shell/Page';
import { hrefOf } from '../shell/router';
import { CheckInDesk } from './CheckInDesk';
import { EventForm } from './EventForm';
import { GuestList } from './GuestList';
import { useEvent, useEventStep } from './hooks';
import { EVENT_STATUS_COLORS, eventTime } from './labels';
import { Letters } from './Letters';
import { ReviewTab } from './ReviewTab';

const STEPS = Object.keys(EVENT_TRANSITIONS) as EventStep[];

/**
 * One event (DOMAIN.md §6): how it stands — seats taken of capacity, the waitlist, who has arrived — its plan and
 * history, and a tab for each job: the guest list and invitations, the door, the invitation letters.
 */
export function EventPage({ id }: { id: string }) {
  const { t } = useI18n();
  const event = useEvent(id);
  const [editing, setEditing] = useState(false);
  const back = (
    <Button component="a" href={hrefOf('events')} variant="default">
      {t('events.back')}
    </Button>
  );
  if (event.isPending) return <Loader size="sm" />;
  if (event.isError) {
    return (
      <Page title={t('nav.events')} actions={back}>
        <Alert color="red">{errorMessage(t, event.error)}</Alert>
      </Page>
    );
  }
  const e = event.data;
  return (
    <Page title={e.title} actions={back} wide>
      <EventHeader event={e} onEdit={() => setEditing(true)} />
      {editing ? (
        <EventForm event={e} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <Tabs defaultValue="guests" keepMounted={false}>
          <Tabs.List className="bd-no-print">
            <Tabs.Tab value="guests" data-testid="tab-guests">
              {t('events.tab.guests')}
            </Tabs.Tab>
            <Tabs.Tab value="door" data-testid="tab-door">
              {t('events.tab.door')}
            </Tabs.Tab>
            <Tabs.Tab value="letters" data-testid="tab-letters">
              {t('events.tab.letters')}
            </Tabs.Tab>
            <Tabs.Tab value="review" data-testid="tab-review">
              {t('events.tab.review')}
            </Tabs.Tab>
            <Tabs.Tab value="plan" data-testid="tab-plan">
              {t('events.tab.plan')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="guests" pt="md">
            <GuestList event={e} />
          </Tabs.Panel>
          <Tabs.Panel value="door" pt="md">
            <CheckInDesk event={e} />
          </Tabs.Panel>
          <Tabs.Panel value="letters" pt="md">
            <Letters event={e} />
          </Tabs.Panel>
          <Tabs.Panel value="review" pt="md">
            <ReviewTab event={e} />
          </Tabs.Panel>
          <Tabs.Panel value="plan" pt="md">
            <PlanView event={e} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Page>
  );
}

function EventHeader({ event: e, onEdit }: { event: EventDetail; onEdit: () => void }) {
  const { t } = useI18n();
  const { timeZone } = useWorkstationDay();
  const step = useEventStep();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const take = (s: EventStep, why: string | null = null) =>
    step.mutate({ id: e.id, expectedStatus: e.status, step: s, reason: why }, { onSuccess: () => setCancelling(false) });
  const allowed = e.canManage ? STEPS.filter((s) => eventStepFrom(e.status, s) !== null) : [];
  return (
    <Stack gap="xs" className="bd-no-print">
      <Group gap="xs" data-testid="event-header">
        <Badge data-testid="event-status" size="lg" color={EVENT_STATUS_COLORS[e.status]}>
          {t(`events.status.${e.status}`)}
        </Badge>
        <Badge size="lg" variant="light" color="gray">
          {t(`events.type.${e.type}`)}
        </Badge>
        {e.practice && (
          <Badge size="lg" variant="outline" color="grape" data-testid="event-practice-badge">
            {t('events.practice')}
          </Badge>
        )}
        <Text size="sm">
          {eventTime(e.startsAt, timeZone)} · {e.venue}
        </Text>
      </Group>
      <Group gap="lg" data-testid="event-counts">
        <Text size="sm" data-testid="count-seated">
          {t('events.count.seated', { seated: e.counts.seated, capacity: e.capacity })}
        </Text>
        <Text size="sm" data-testid="count-waitlisted">
          {t('events.count.waitlisted', { n: e.counts.waitlisted })}
        </Text>
        <Text size="sm" data-testid="count-invited">
          {t('events.count.invited', { n: e.counts.invited, guests: e.counts.guests })}
        </Text>
        <Text size="sm" data-testid="count-arrived">
          {t('events.count.arrived', { n: e.counts.checkedIn })}
        </Text>
      </Group>
      {e.canManage && (
        <Group gap="xs">
          {['draft', 'open', 'closed', 'held'].includes(e.status) && (
            <Button size="xs" variant="default" data-testid="event-edit" onClick={onEdit}>
              {e.status === 'held' ? t('events.enter_actual_cost') : t('events.edit')}
            </Button>
          )}
          {allowed.map((s) => (
            <Button
              key={s}
              size="xs"
              variant={s === 'cancelled' ? 'light' : 'filled'}
              color={s === 'cancelled' ? 'red' : undefined}
              data-testid={`event-step-${s}`}
              loading={step.isPending && step.variables.step === s}
              onClick={() => (s === 'cancelled' ? setCancelling(true) : take(s))}
            >
              {t(`events.step.${s}`)}
            </Button>
          ))}
        </Group>
      )}
      {step.isError && !cancelling && <Alert color="red">{errorMessage(t, step.error)}</Alert>}
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('events.cancel.title')}>
        <Stack gap="sm">
          <Text size="sm">{t('events.cancel.explain', { n: e.counts.seated + e.counts.waitlisted })}</Text>
          <Textarea
            data-testid="event-cancel-reason"
            label={t('events.cancel.reason')}
            value={reason}
            onChange={(ev) => setReason(ev.currentTarget.value)}
            autoFocus
            required
          />
          {step.isError && <Alert color="red">{errorMessage(t, step.error)}</Alert>}
          <Group justify="flex-end">
            <Button
              color="red"
              data-testid="event-cancel-confirm"
              disabled={reason.trim() === ''}
              loading={step.isPending}
              onClick={() => take('cancelled', reason.trim())}
            >
              {t('events.step.cancelled')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function PlanView({ event: e }: { event: EventDetail }) {
  const { t } = useI18n();
  const formats = useFormats();
  const { timeZone } = useWorkstationDay();
  const p = e.plan;
  const money = (fen: number | null) => (fen === null ? '—' : formats.money(fen));
  const rows: [string, string][] = [
    [t('events.field.starts_at'), eventTime(p.startsAt, timeZone)],
    [t('events.field.ends_at'), p.endsAt ? eventTime(p.endsAt, timeZone) : '—'],
    [t('events.field.venue'), p.venue],
    [t('events.field.capacity'), String(p.capacity)],
    [t('events.field.cost_per_head'), money(p.costPerHeadFen)],
    [t('events.field.cost_total'), money(p.costTotalFen)],
    [t('events.field.actual_cost'), money(p.actualCostFen)],
    [t('events.field.host'), p.host ?? '—'],
    [t('events.field.speakers'), p.speakers ?? '—'],
    [t('events.field.description'), p.description ?? '—'],
  ];
  return (
    <Stack gap="md" data-testid="event-plan">
      <Stack gap={4}>
        {rows.map(([label, value]) => (
          <Group key={label} gap="sm" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={140}>
              {label}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      <Stack gap={4} data-testid="event-steps">
        <Text fw={600} size="sm">
          {t('events.history')}
        </Text>
        {e.steps.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('events.history.none')}
          </Text>
        )}
        {e.steps.map((s, i) => (
          <Text key={i} size="sm">
            {eventTime(s.at, timeZone)} · {t(`events.step.${s.step}`)} · {s.staffName ?? '—'}
            {s.reason ? ` · ${s.reason}` : ''}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
