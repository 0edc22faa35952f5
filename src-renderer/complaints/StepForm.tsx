import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { contract, type ComplaintCase } from '../../src-shared/contract';
import { COMPLAINT_OUTCOMES, type ComplaintEventKind, ESCALATION_LEVELS } from '../../src-shared/domain/complaints';
import { methodQuery } from '../api/query';
import { useSession } from '../auth/hooks';
import { useDraft } from '../forms/draft';
import { nowTyped, typedToIso } from '../forms/typed-time';
import { useWorkstationDay } from '../settings/hooks';
import { ctrlEnterSubmits } from '../forms/keyboard';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { ClosingSurvey } from './ClosingSurvey';
import { useComplaintStep } from './hooks';
import { stepLabel } from './labels';

interface Draft {
  note: string;
  officerId: string;
  level: string;
  extension: string;
  toldAt: string;
  approverLogin: string;
  approverPassword: string;
  outcome: string;
  remedy: string;
  compensationYuan: number | string;
  reasons: string;
  rootCause: string;
  fix: string;
  satisfaction: string;
  /** The after-complaint survey answered at closing, if any. */
  surveyId: string;
  correctsId: string;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function toStep(kind: ComplaintEventKind, d: Draft, isManager: boolean, timeZone: string): Record<string, unknown> {
  switch (kind) {
    case 'assigned':
      return { kind, officerId: d.officerId, note: orNull(d.note) };
    case 'escalated':
      return { kind, level: d.level, note: d.note };
    case 'extended':
      return {
        kind,
        extension: d.extension,
        reason: d.note,
        complainantToldAt: typedToIso(d.toldAt, timeZone),
        approval: d.extension === 'especially_complex' && !isManager ? { login: d.approverLogin, password: d.approverPassword } : null,
      };
    case 'decided':
      return {
        kind,
        outcome: d.outcome,
        remedy: orNull(d.remedy),
        compensationFen: d.compensationYuan === '' ? null : Math.round(Number(d.compensationYuan) * 100),
        reasons: d.reasons,
        rootCause: d.rootCause,
        fix: d.fix,
        complainantToldAt: typedToIso(d.toldAt, timeZone),
      };
    case 'closed':
      return {
        kind,
        satisfaction: d.satisfaction === '' ? null : Number(d.satisfaction),
        surveyId: d.surveyId === '' ? null : d.surveyId,
        note: orNull(d.note),
      };
    case 'correction':
      return { kind, correctsId: d.correctsId, note: d.note };
    case 'accepted':
    case 'investigating':
      return { kind, note: orNull(d.note) };
    default:
      return { kind, note: d.note };
  }
}

/**
 * One step on a case, with what that step needs: an officer to assign (never one the complaint names), the level to
 * escalate to, an extension's reason and when the complainant was told (and, to 60 days, a manager's approval at
 * the officer's side), a decision's outcome, remedy, reasons and root cause (溯源整改), a closing's satisfaction.
 */
export function StepForm({ kase, kind, onDone }: { kase: ComplaintCase; kind: ComplaintEventKind; onDone: () => void }) {
  const { t } = useI18n();
  const { staff } = useSession();
  const step = useComplaintStep(kase.id);
  const fields = useFieldIssues();
  const officers = useQuery({ ...methodQuery('complaints.staff', {}), enabled: kind === 'assigned' });
  const isManager = staff?.roles.includes('manager') ?? false;
  const { timeZone } = useWorkstationDay();
  const {
    draft: d,
    set,
    text,
  } = useDraft<Draft>(
    {
      note: '',
      officerId: '',
      level: 'branch_manager',
      extension: kase.content?.extension === 'complex' ? 'especially_complex' : 'complex',
      toldAt: nowTyped(timeZone),
      approverLogin: '',
      approverPassword: '',
      outcome: '',
      remedy: '',
      compensationYuan: '',
      reasons: '',
      rootCause: '',
      fix: '',
      satisfaction: '',
      surveyId: '',
      correctsId: kase.content?.events.at(-1)?.id ?? '',
    },
    fields.errorOf,
  );
  const involved = new Set(kase.content?.staffInvolved.map((s) => s.id));

  const submit = () => {
    if (step.isPending) return;
    const input = { id: kase.id, expectedStatus: kase.status, step: toStep(kind, d, isManager, timeZone) };
    const checked = check(contract['complaints.step'].input, input);
    if (!checked.ok) return fields.setIssues(checked.issues.map((i) => ({ ...i, path: i.path.replace(/^step\./, '') })));
    fields.clear();
    step.mutate({ expectedStatus: checked.data.expectedStatus, step: checked.data.step }, { onSuccess: onDone, onError: fields.takeFrom });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const noteLabel = kind === 'extended' ? t('complaints.step.reason') : t('complaints.step.note');
  const noteRequired = !['accepted', 'investigating', 'assigned', 'closed', 'decided'].includes(kind);

  return (
    <form data-testid="step-form" onSubmit={onSubmit} onKeyDown={ctrlEnterSubmits(submit, { blockPlainEnter: true })} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{stepLabel(t, kind)}</Text>
        {kind === 'assigned' && (
          <NativeSelect
            data-testid="step-officer"
            label={t('complaints.officer')}
            {...text('officerId')}
            data={[
              { value: '', label: t('complaints.form.choose') },
              ...(officers.data ?? []).filter((s) => s.handles && !involved.has(s.id)).map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        )}
        {kind === 'escalated' && (
          <SegmentedControl
            data-testid="step-level"
            value={d.level}
            onChange={(value) => set('level', value)}
            data={ESCALATION_LEVELS.map((l) => ({ value: l, label: t(`complaints.level.${l}`) }))}
            w="fit-content"
          />
        )}
        {kind === 'extended' && (
          <SegmentedControl
            data-testid="step-extension"
            value={d.extension}
            onChange={(value) => set('extension', value)}
            data={(['complex', 'especially_complex'] as const).map((e) => ({ value: e, label: t(`complaints.extension.${e}`) }))}
            w="fit-content"
          />
        )}
        {kind === 'decided' && (
          <>
            <SegmentedControl
              data-testid="step-outcome"
              value={d.outcome}
              onChange={(value) => set('outcome', value)}
              data={COMPLAINT_OUTCOMES.map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))}
              w="fit-content"
            />
            {fields.errorOf('outcome') && (
              <Text size="xs" c="red">
                {fields.errorOf('outcome')}
              </Text>
            )}
            <Textarea data-testid="step-reasons" label={t('complaints.step.reasons')} autosize minRows={2} {...text('reasons')} />
            <Group grow align="flex-start">
              <TextInput data-testid="step-remedy" label={t('complaints.step.remedy')} {...text('remedy')} />
              <NumberInput
                data-testid="step-compensation"
                label={t('complaints.step.compensation')}
                min={0}
                decimalScale={2}
                value={d.compensationYuan}
                onChange={(value) => set('compensationYuan', value)}
              />
            </Group>
            <Textarea data-testid="step-root-cause" label={t('complaints.step.root_cause')} autosize {...text('rootCause')} />
            <Textarea data-testid="step-fix" label={t('complaints.step.fix')} autosize {...text('fix')} />
          </>
        )}
        {(kind === 'extended' || kind === 'decided') && (
          <TextInput
            data-testid="step-told-at"
            label={t('complaints.step.told_at')}
            description="2026-12-02 14:05"
            {...text('toldAt', 'complainantToldAt')}
          />
        )}
        {kind === 'extended' && d.extension === 'especially_complex' && !isManager && (
          <Group grow align="flex-start">
            <TextInput
              data-testid="step-approver-login"
              label={t('complaints.step.approver_login')}
              {...text('approverLogin', 'approval.login')}
            />
            <PasswordInput
              data-testid="step-approver-password"
              label={t('complaints.step.approver_password')}
              {...text('approverPassword', 'approval.password')}
            />
          </Group>
        )}
        {kind === 'closed' && (
          <ClosingSurvey
            kase={kase}
            surveyId={d.surveyId}
            satisfaction={d.satisfaction}
            onSurvey={(saved) => {
              set('surveyId', saved.id);
              if (saved.csat !== null) set('satisfaction', String(saved.csat));
            }}
            onSatisfaction={(value) => set('satisfaction', value)}
          />
        )}
        {kind === 'correction' && (
          <NativeSelect
            data-testid="step-corrects"
            label={t('complaints.step.corrects')}
            {...text('correctsId')}
            data={(kase.content?.events ?? []).map((e) => ({ value: e.id, label: `${stepLabel(t, e.kind)} · ${e.staffName ?? ''}` }))}
          />
        )}
        {kind !== 'decided' && (
          <Textarea
            data-testid="step-note"
            label={noteLabel}
            withAsterisk={noteRequired || kind === 'extended'}
            autosize
            minRows={2}
            {...text('note')}
            error={fields.errorOf(kind === 'extended' ? 'reason' : 'note')}
          />
        )}
        {step.isError && (
          <Alert color="red" variant="light" data-testid="step-error">
            {errorMessage(t, step.error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button data-testid="step-submit" type="submit" loading={step.isPending}>
            {t('complaints.step.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
