import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { contract, type InputOf } from '../../src-shared/contract';
import type { EventDetail } from '../../src-shared/contract/events';
import { EVENT_TYPES, type EventType, MAX_CAPACITY } from '../../src-shared/domain/events';
import { useDemoStatus } from '../demo/hooks';
import { useDraft } from '../forms/draft';
import { ctrlEnterSubmits } from '../forms/keyboard';
import { typedToIso } from '../forms/typed-time';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { useSaveEvent } from './hooks';
import { eventTime } from './labels';

interface Draft {
  title: string;
  type: EventType;
  startsAt: string;
  endsAt: string;
  venue: string;
  capacity: number | string;
  costPerHeadYuan: number | string;
  costTotalYuan: number | string;
  actualCostYuan: number | string;
  host: string;
  speakers: string;
  description: string;
}

const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);
const fen = (value: number | string) => (value === '' ? null : Math.round(Number(value) * 100));
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function draftOf(event: EventDetail | null, timeZone: string): Draft {
  const p = event?.plan;
  return {
    title: p?.title ?? '',
    type: p?.type ?? 'salon',
    startsAt: p ? eventTime(p.startsAt, timeZone) : '',
    endsAt: p?.endsAt ? eventTime(p.endsAt, timeZone) : '',
    venue: p?.venue ?? '',
    capacity: p?.capacity ?? 20,
    costPerHeadYuan: yuan(p?.costPerHeadFen ?? null),
    costTotalYuan: yuan(p?.costTotalFen ?? null),
    actualCostYuan: yuan(p?.actualCostFen ?? null),
    host: p?.host ?? '',
    speakers: p?.speakers ?? '',
    description: p?.description ?? '',
  };
}

/**
 * An event's plan (003 行动方案): theme, type, when and where, how many it seats, the cost estimate per head and in
 * total (and the actual cost once held), host and speakers. Times are typed `2026-11-20 14:00` in the workstation's
 * zone. Ctrl+Enter saves; a refusal keeps what was typed.
 */
export function EventForm({
  event,
  onSaved,
  onCancel,
}: {
  event: EventDetail | null;
  onSaved: (event: EventDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { timeZone } = useWorkstationDay();
  const save = useSaveEvent();
  const fields = useFieldIssues();
  const { draft, set, text } = useDraft<Draft>(draftOf(event, timeZone), (path) => fields.errorOf(`plan.${path}`));
  const held = event !== null && event.status === 'held';
  // On a training workstation (it holds demo data) a new event is a practice one on demo clients unless staff say not.
  const demo = useDemoStatus();
  const [practiceChoice, setPractice] = useState<boolean | null>(null);
  const holdsDemo = (demo.data?.clients ?? 0) > 0;
  const practice = event === null && (practiceChoice ?? holdsDemo);

  const submit = () => {
    if (save.isPending) return;
    const input: InputOf<'events.save'> = {
      id: event?.id ?? null,
      practice,
      plan: {
        title: draft.title,
        type: draft.type,
        startsAt: typedToIso(draft.startsAt, timeZone),
        endsAt: draft.endsAt.trim() === '' ? null : typedToIso(draft.endsAt, timeZone),
        venue: draft.venue,
        capacity: draft.capacity === '' ? 0 : Number(draft.capacity),
        segment: event?.plan.segment,
        costPerHeadFen: fen(draft.costPerHeadYuan),
        costTotalFen: fen(draft.costTotalYuan),
        actualCostFen: fen(draft.actualCostYuan),
        host: orNull(draft.host),
        speakers: orNull(draft.speakers),
        description: orNull(draft.description),
      },
    };
    const checked = check(contract['events.save'].input, input);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    save.mutate(checked.data, { onSuccess: onSaved, onError: fields.takeFrom });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };
  const money = (key: 'costPerHeadYuan' | 'costTotalYuan' | 'actualCostYuan', path: string, label: string) => (
    <NumberInput
      data-testid={`event-${key}`}
      label={label}
      prefix="¥"
      min={0}
      decimalScale={2}
      thousandSeparator=","
      value={draft[key]}
      onChange={(v) => set(key, v)}
      error={fields.errorOf(`plan.${path}`)}
      disabled={held && key !== 'actualCostYuan'}
    />
  );

  return (
    <Paper withBorder radius="md" p="md">
      <form data-testid="event-form" onSubmit={onSubmit} onKeyDown={ctrlEnterSubmits(submit, { blockPlainEnter: true })} noValidate>
        <Stack gap="sm" maw={760}>
          <Text size="xs" c="dimmed">
            {t('events.form.keys')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput data-testid="event-title" label={t('events.field.title')} {...text('title')} disabled={held} autoFocus required />
            <NativeSelect
              data-testid="event-type"
              label={t('events.field.type')}
              value={draft.type}
              onChange={(e) => set('type', e.currentTarget.value as EventType)}
              data={EVENT_TYPES.map((type) => ({ value: type, label: t(`events.type.${type}`) }))}
              disabled={held}
            />
            <TextInput
              data-testid="event-starts-at"
              label={t('events.field.starts_at')}
              placeholder="2026-12-18 14:00"
              description={t('events.form.time_hint', { zone: timeZone })}
              {...text('startsAt')}
              disabled={held}
              required
            />
            <TextInput
              data-testid="event-ends-at"
              label={t('events.field.ends_at')}
              placeholder="2026-12-18 16:30"
              {...text('endsAt')}
              disabled={held}
            />
            <TextInput data-testid="event-venue" label={t('events.field.venue')} {...text('venue')} disabled={held} required />
            <NumberInput
              data-testid="event-capacity"
              label={t('events.field.capacity')}
              min={1}
              max={MAX_CAPACITY}
              allowDecimal={false}
              value={draft.capacity}
              onChange={(v) => set('capacity', v)}
              error={fields.errorOf('plan.capacity')}
              disabled={held}
              required
            />
            {money('costPerHeadYuan', 'costPerHeadFen', t('events.field.cost_per_head'))}
            {money('costTotalYuan', 'costTotalFen', t('events.field.cost_total'))}
            {event !== null && money('actualCostYuan', 'actualCostFen', t('events.field.actual_cost'))}
            <TextInput data-testid="event-host" label={t('events.field.host')} {...text('host')} disabled={held} />
            <TextInput data-testid="event-speakers" label={t('events.field.speakers')} {...text('speakers')} disabled={held} />
          </SimpleGrid>
          <Textarea
            data-testid="event-description"
            label={t('events.field.description')}
            autosize
            minRows={3}
            {...text('description')}
            disabled={held}
          />
          {event === null && holdsDemo && (
            <Switch
              data-testid="event-practice"
              label={t('events.form.practice')}
              description={t('events.form.practice_hint')}
              checked={practice}
              onChange={(e) => setPractice(e.currentTarget.checked)}
            />
          )}
          {save.isError && <Alert color="red">{errorMessage(t, save.error)}</Alert>}
          <Group>
            <Button type="submit" data-testid="event-save" loading={save.isPending}>
              {t('events.form.save')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('events.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
