import {
  ActionIcon,
  Alert,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { contract, type InputOf, type OutputOf } from '../../src-shared/contract';
import {
  COMPLAINANT_KINDS,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  type ComplainantKind,
  type ComplaintChannel,
  type ComplaintSeverity,
  MAX_REPRESENTATIVES,
} from '../../src-shared/domain/complaints';
import { useQuery } from '@tanstack/react-query';
import { methodQuery } from '../api/query';
import { useDraft } from '../forms/draft';
import { typedToIso } from '../forms/typed-time';
import { useWorkstationDay } from '../settings/hooks';
import { ctrlEnterSubmits } from '../forms/keyboard';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { ClientPicker } from '../clients/ClientPicker';
import { useComplaintCategories, useTakeComplaint } from './hooks';

export type TakenComplaint = OutputOf<'complaints.create'> & { complainant: string };

interface Draft {
  complainantKind: ComplainantKind;
  client: { id: string; name: string } | null;
  complainantName: string;
  complainantContact: string;
  authorityRef: string;
  representatives: { name: string; contact: string }[];
  channel: ComplaintChannel;
  businessLine: string;
  cause: string;
  description: string;
  request: string;
  amountYuan: number | string;
  severity: ComplaintSeverity;
  staffInvolved: string[];
  regulatorRef: string;
  regulatorDue: string;
  /** Blank: now. */
  receivedAt: string;
}

const EMPTY: Draft = {
  complainantKind: 'client',
  client: null,
  complainantName: '',
  complainantContact: '',
  authorityRef: '',
  representatives: [],
  channel: 'counter',
  businessLine: '',
  cause: '',
  description: '',
  request: '',
  amountYuan: '',
  severity: 'medium',
  staffInvolved: [],
  regulatorRef: '',
  regulatorDue: '',
  receivedAt: '',
};

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function toInput(d: Draft, timeZone: string): InputOf<'complaints.create'> {
  return {
    complainantKind: d.complainantKind,
    clientId: d.client?.id ?? null,
    complainantName: orNull(d.complainantName),
    complainantContact: orNull(d.complainantContact),
    authorityRef: orNull(d.authorityRef),
    representatives: d.complainantKind === 'group' ? d.representatives : [],
    channel: d.channel,
    businessLine: d.businessLine,
    cause: d.cause,
    description: d.description,
    request: orNull(d.request),
    amountFen: d.amountYuan === '' ? null : Math.round(Number(d.amountYuan) * 100),
    severity: d.severity,
    staffInvolved: d.staffInvolved,
    receivedAt: d.receivedAt.trim() === '' ? null : typedToIso(d.receivedAt, timeZone),
    regulatorRef: d.channel === 'regulator' ? orNull(d.regulatorRef) : null,
    regulatorDue: d.channel === 'regulator' ? orNull(d.regulatorDue) : null,
  };
}

/**
 * Taking a complaint (DOMAIN.md §5), built for the keyboard: Tab through, Ctrl+Enter saves from any field. What the
 * complainant is decides what is asked: a client from the counter search, an agent's authority, a group's
 * representatives, an anonymous caller's name and contact. A refusal keeps everything typed.
 */
export function IntakeForm({ onTaken }: { onTaken: (taken: TakenComplaint) => void }) {
  const { t, language } = useI18n();
  const take = useTakeComplaint();
  const fields = useFieldIssues();
  const categories = useComplaintCategories();
  const staff = useQuery(methodQuery('complaints.staff', {}));
  const { draft, set, text, reset } = useDraft<Draft>(EMPTY, fields.errorOf);
  const { timeZone } = useWorkstationDay();
  const needsClient = draft.complainantKind !== 'anonymous' && draft.complainantKind !== 'group';
  const options = (kind: 'business_line' | 'cause') => [
    { value: '', label: t('complaints.form.choose') },
    ...(categories.data ?? []).filter((c) => c.kind === kind && !c.retired).map((c) => ({ value: c.code, label: c.labels[language] })),
  ];

  const submit = () => {
    if (take.isPending) return;
    const checked = check(contract['complaints.create'].input, toInput(draft, timeZone));
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    take.mutate(checked.data, {
      onSuccess: (taken) => {
        const complainant = draft.client?.name ?? draft.complainantName;
        reset();
        onTaken({ ...taken, complainant });
      },
      onError: fields.takeFrom,
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form data-testid="complaint-form" onSubmit={onSubmit} onKeyDown={ctrlEnterSubmits(submit, { blockPlainEnter: true })} noValidate>
        <Stack gap="sm" maw={760}>
          <Text size="xs" c="dimmed">
            {t('complaints.form.keys')}
          </Text>
          <SegmentedControl
            data-testid="complaint-kind"
            value={draft.complainantKind}
            onChange={(value) => set('complainantKind', value)}
            data={COMPLAINANT_KINDS.map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))}
            w="fit-content"
          />
          {needsClient && (
            <ClientPicker
              testId="complaint-client"
              value={draft.client}
              onChange={(client) => set('client', client)}
              error={fields.errorOf('clientId')}
            />
          )}
          {draft.complainantKind !== 'client' && (
            <Group grow align="flex-start">
              <TextInput
                data-testid="complaint-name"
                label={t(draft.complainantKind === 'group' ? 'complaints.form.group_name' : 'complaints.form.name')}
                {...text('complainantName')}
              />
              <TextInput data-testid="complaint-contact" label={t('complaints.form.contact')} {...text('complainantContact')} />
            </Group>
          )}
          {draft.complainantKind === 'agent' && (
            <TextInput data-testid="complaint-authority" label={t('complaints.form.authority')} {...text('authorityRef')} />
          )}
          {draft.complainantKind === 'group' && (
            <Representatives
              value={draft.representatives}
              onChange={(reps) => set('representatives', reps)}
              error={fields.errorOf('representatives')}
            />
          )}
          <Group grow align="flex-start">
            <NativeSelect
              data-testid="complaint-channel"
              label={t('complaints.channel')}
              value={draft.channel}
              onChange={(e) => set('channel', e.currentTarget.value as ComplaintChannel)}
              data={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))}
            />
            <NativeSelect
              data-testid="complaint-business-line"
              label={t('complaints.business_line')}
              {...text('businessLine')}
              data={options('business_line')}
              error={fields.errorOf('businessLine')}
            />
            <NativeSelect
              data-testid="complaint-cause"
              label={t('complaints.cause')}
              {...text('cause')}
              data={options('cause')}
              error={fields.errorOf('cause')}
            />
          </Group>
          <TextInput
            data-testid="complaint-received-at"
            label={t('complaints.form.received_at')}
            description={t('complaints.form.received_at_hint')}
            placeholder="2026-12-02 09:30"
            w={320}
            {...text('receivedAt')}
          />
          {draft.channel === 'regulator' && (
            <Group grow align="flex-start">
              <TextInput data-testid="complaint-regulator-ref" label={t('complaints.form.regulator_ref')} {...text('regulatorRef')} />
              <TextInput
                data-testid="complaint-regulator-due"
                label={t('complaints.form.regulator_due')}
                placeholder="2026-12-15"
                {...text('regulatorDue')}
              />
            </Group>
          )}
          <Textarea
            data-testid="complaint-description"
            label={t('complaints.form.description')}
            autosize
            minRows={3}
            {...text('description')}
          />
          <Textarea data-testid="complaint-request" label={t('complaints.form.request')} autosize minRows={1} {...text('request')} />
          <Group grow align="flex-start">
            <NumberInput
              data-testid="complaint-amount"
              label={t('complaints.form.amount')}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              value={draft.amountYuan}
              onChange={(value) => set('amountYuan', value)}
              error={fields.errorOf('amountFen')}
            />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('complaints.severity')}
              </Text>
              <SegmentedControl
                data-testid="complaint-severity"
                value={draft.severity}
                onChange={(value) => set('severity', value)}
                data={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))}
              />
            </div>
          </Group>
          <MultiSelect
            data-testid="complaint-staff"
            label={t('complaints.form.staff_involved')}
            description={t('complaints.form.staff_involved_hint')}
            searchable
            value={draft.staffInvolved}
            onChange={(value) => set('staffInvolved', value)}
            data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          {take.isError && (
            <Alert color="red" variant="light" data-testid="complaint-error">
              {errorMessage(t, take.error)}
            </Alert>
          )}
          <Button data-testid="complaint-submit" type="submit" loading={take.isPending} w="fit-content">
            {t('complaints.form.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A group complaint's representatives: one to five, each with a way to reach them. */
function Representatives({
  value,
  onChange,
  error,
}: {
  value: { name: string; contact: string }[];
  onChange: (reps: { name: string; contact: string }[]) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const update = (i: number, key: 'name' | 'contact', text: string) => onChange(value.map((r, j) => (j === i ? { ...r, [key]: text } : r)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('complaints.form.representatives')}
      </Text>
      {value.map((rep, i) => (
        <Group key={i} gap="xs" align="flex-end">
          <TextInput
            aria-label={t('complaints.form.name')}
            placeholder={t('complaints.form.name')}
            value={rep.name}
            onChange={(e) => update(i, 'name', e.currentTarget.value)}
          />
          <TextInput
            aria-label={t('complaints.form.contact')}
            placeholder={t('complaints.form.contact')}
            value={rep.contact}
            onChange={(e) => update(i, 'contact', e.currentTarget.value)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('common.remove')}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {value.length < MAX_REPRESENTATIVES && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() => onChange([...value, { name: '', contact: '' }])}
          data-testid="complaint-add-rep"
        >
          {t('complaints.form.add_representative')}
        </Button>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
