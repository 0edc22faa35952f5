import { Alert, Button, Checkbox, Group, NumberInput, Progress, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { contract, type Settings } from '../../src-shared/contract';
import { FESTIVAL_CODES, type Festival } from '../../src-shared/domain/occasions';
import { isApiError } from '../api/errors';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import type { TranslationKey } from '../i18n/dictionary';
import { useUpdateClientRules } from './hooks';

/** The numeric rules of DOMAIN.md an administrator may change, in the order the form shows them. */
type NumberRule =
  | 'vipMinAvgDailyFen'
  | 'potentialMinGrowthPercent'
  | 'potentialLookbackMonths'
  | 'newClientMonths'
  | 'churnInactiveMonths'
  | 'churnAssetsBelowFen'
  | 'assessmentValidMonths'
  | 'referralPointsEach'
  | 'depositMaturityNoticeDays'
  | 'vipDeepContactDays'
  | 'potentialSurveyDays'
  | 'ordinaryServiceDays'
  | 'birthdayNoticeDays'
  | 'idExpiryNoticeDays'
  | 'largeOutflowMinFen'
  | 'occasionGraceDays'
  | 'quarterlySurveyOneIn'
  | 'assetDropPercent'
  | 'longOverdueDays'
  | 'complaintNearDays'
  | 'attachmentMaxMb'
  | 'parkedReviewDays'
  | 'sessionMaxHours'
  | 'tailSearchLimit';

interface RuleField {
  key: NumberRule;
  label: TranslationKey;
  /** Stored as integer fen, shown and typed in yuan. */
  money?: boolean;
  /** A unit after the number; the dictionary carries its spacing ("30%", "12 个月"). */
  suffix?: TranslationKey;
}

const GROUPS: { title: TranslationKey; fields: RuleField[] }[] = [
  {
    title: 'settings.rules.group.tier',
    fields: [
      { key: 'vipMinAvgDailyFen', label: 'settings.rules.vip_min', money: true },
      { key: 'potentialMinGrowthPercent', label: 'settings.rules.growth_percent', suffix: 'settings.rules.unit.percent' },
      { key: 'potentialLookbackMonths', label: 'settings.rules.lookback_months', suffix: 'settings.rules.unit.months' },
    ],
  },
  {
    title: 'settings.rules.group.lifecycle',
    fields: [
      { key: 'newClientMonths', label: 'settings.rules.new_months', suffix: 'settings.rules.unit.months' },
      { key: 'churnInactiveMonths', label: 'settings.rules.churn_months', suffix: 'settings.rules.unit.months' },
      { key: 'churnAssetsBelowFen', label: 'settings.rules.churn_assets', money: true },
    ],
  },
  {
    title: 'settings.rules.group.service',
    fields: [
      { key: 'assessmentValidMonths', label: 'settings.rules.assessment_months', suffix: 'settings.rules.unit.months' },
      { key: 'referralPointsEach', label: 'settings.rules.referral_points', suffix: 'settings.rules.unit.points' },
      { key: 'depositMaturityNoticeDays', label: 'settings.rules.maturity_days', suffix: 'settings.rules.unit.days' },
    ],
  },
  {
    title: 'settings.rules.group.reminders',
    fields: [
      { key: 'vipDeepContactDays', label: 'settings.rules.vip_days', suffix: 'settings.rules.unit.days' },
      { key: 'potentialSurveyDays', label: 'settings.rules.potential_days', suffix: 'settings.rules.unit.days' },
      { key: 'ordinaryServiceDays', label: 'settings.rules.ordinary_days', suffix: 'settings.rules.unit.days' },
      { key: 'birthdayNoticeDays', label: 'settings.rules.birthday_days', suffix: 'settings.rules.unit.days' },
      { key: 'idExpiryNoticeDays', label: 'settings.rules.id_expiry_days', suffix: 'settings.rules.unit.days' },
      { key: 'largeOutflowMinFen', label: 'settings.rules.large_outflow', money: true },
      { key: 'occasionGraceDays', label: 'settings.rules.grace_days', suffix: 'settings.rules.unit.days' },
      { key: 'quarterlySurveyOneIn', label: 'settings.rules.quarterly_one_in', suffix: 'settings.rules.unit.clients' },
      { key: 'assetDropPercent', label: 'settings.rules.asset_drop_percent', suffix: 'settings.rules.unit.percent' },
      { key: 'longOverdueDays', label: 'settings.rules.long_overdue_days', suffix: 'settings.rules.unit.days' },
    ],
  },
  {
    title: 'settings.rules.group.complaints',
    fields: [
      { key: 'complaintNearDays', label: 'settings.rules.complaint_near_days', suffix: 'settings.rules.unit.days' },
      { key: 'attachmentMaxMb', label: 'settings.rules.attachment_mb', suffix: 'settings.rules.unit.mb' },
    ],
  },
  {
    title: 'settings.rules.group.sync',
    fields: [{ key: 'parkedReviewDays', label: 'settings.rules.parked_days', suffix: 'settings.rules.unit.days' }],
  },
  {
    title: 'settings.rules.group.security',
    fields: [
      { key: 'sessionMaxHours', label: 'settings.rules.session_hours', suffix: 'settings.rules.unit.hours' },
      { key: 'tailSearchLimit', label: 'settings.rules.tail_limit', suffix: 'settings.rules.unit.searches' },
    ],
  },
];
const FIELDS = GROUPS.flatMap((g) => g.fields);

type Draft = Record<NumberRule, string | number> & { allowAboveLevelWithConfirmation: boolean; festivals: Festival[] };

function draftOf(settings: Settings): Draft {
  const draft = { allowAboveLevelWithConfirmation: settings.allowAboveLevelWithConfirmation, festivals: settings.festivals } as Draft;
  for (const f of FIELDS) draft[f.key] = f.money ? settings[f.key] / 100 : settings[f.key];
  return draft;
}

/** The changed rules as the contract takes them; an empty box is "no number", which the schema refuses. */
function changesOf(draft: Draft, settings: Settings): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const raw = draft[f.key];
    const value = raw === '' ? null : f.money ? Math.round(Number(raw) * 100) : Number(raw);
    if (value !== settings[f.key]) changes[f.key] = value;
  }
  // The festivals in the order the list offers them, so a choice made in another order is no change.
  const festivals = FESTIVAL_CODES.filter((f) => draft.festivals.includes(f));
  if (festivals.join() !== FESTIVAL_CODES.filter((f) => settings.festivals.includes(f)).join()) changes.festivals = festivals;
  if (draft.allowAboveLevelWithConfirmation !== settings.allowAboveLevelWithConfirmation) {
    changes.allowAboveLevelWithConfirmation = draft.allowAboveLevelWithConfirmation;
  }
  return changes;
}

/**
 * The thresholds of the client rules (DOMAIN.md §§2–4: every number a default the administrator may change).
 * A changed tier or lifecycle threshold recomputes every client's tier or stage before the save completes: at
 * 200,000 clients that takes seconds, so it runs as a job with progress and Cancel (which keeps the old rules).
 */
export function ClientRulesForm({ current }: { current: Settings }) {
  const t = useT();
  const formats = useFormats();
  const job = useUpdateClientRules();
  const fields = useFieldIssues();
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (job.isPending) return;
    const changes = changesOf(draft, current);
    if (Object.keys(changes).length === 0) {
      fields.clear();
      notifications.show({ color: 'gray', message: t('validation.nothing_to_change') });
      return;
    }
    const checked = check(contract['settings.update'].input, changes);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    job.mutate(checked.data, {
      onSuccess: (settings) => {
        setDraft(draftOf(settings));
        notifications.show({ color: 'teal', message: t('settings.saved') });
      },
      onError: (error) => {
        fields.takeFrom(error);
        if (isApiError(error, 'errors.cancelled')) notifications.show({ color: 'gray', message: t('settings.rules.cancelled') });
      },
    });
  };

  const { progress } = job;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <form onSubmit={submit} noValidate data-testid="rules-form">
      <Stack gap="lg">
        {GROUPS.map((group) => (
          <Stack key={group.title} gap="xs">
            <Title order={3} size="h5">
              {t(group.title)}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              {group.fields.map((f) => (
                <NumberInput
                  key={f.key}
                  data-testid={`rule-${f.key}`}
                  label={t(f.label)}
                  prefix={f.money ? '¥' : undefined}
                  suffix={f.suffix ? t(f.suffix) : undefined}
                  thousandSeparator=","
                  decimalScale={f.money ? 2 : 0}
                  allowDecimal={f.money === true}
                  allowNegative={false}
                  value={draft[f.key]}
                  onChange={(value) => setDraft((d) => ({ ...d, [f.key]: value }))}
                  error={fields.errorOf(f.key)}
                />
              ))}
            </SimpleGrid>
            {group.title === 'settings.rules.group.reminders' && (
              <Checkbox.Group
                data-testid="rule-festivals"
                label={t('settings.rules.festivals')}
                description={t('settings.rules.festivals_hint')}
                value={draft.festivals}
                onChange={(value) => setDraft((d) => ({ ...d, festivals: value }))}
              >
                <Group gap="md" mt={6}>
                  {FESTIVAL_CODES.map((f) => (
                    <Checkbox key={f} value={f} label={t(`festival.${f}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
          </Stack>
        ))}
        <Switch
          data-testid="rule-allowAboveLevelWithConfirmation"
          label={t('settings.rules.allow_above_level')}
          description={t('settings.rules.allow_above_level_hint')}
          checked={draft.allowAboveLevelWithConfirmation}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setDraft((d) => ({ ...d, allowAboveLevelWithConfirmation: checked }));
          }}
        />
        <Group gap="xs">
          <Button data-testid="rules-submit" type="submit" loading={job.isPending}>
            {t('settings.save')}
          </Button>
          {job.isPending && (
            <Button data-testid="rules-cancel" color="red" variant="light" onClick={job.cancel} loading={job.cancelling}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
        {job.isPending && progress && (
          <Stack gap={2} maw={420}>
            <Progress data-testid="rules-progress" value={percent} animated aria-label={t('settings.rules.recomputing')} />
            <Text size="xs" c="dimmed">
              {t('settings.rules.recomputing_clients', { done: formats.count(progress.done), total: formats.count(progress.total) })}
            </Text>
          </Stack>
        )}
        {job.isError && !job.cancelled && (
          <Alert color="red" variant="light">
            {errorMessage(t, job.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
