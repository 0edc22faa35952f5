import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { contract, type ClientProfile } from '../../../src-shared/contract';
import { RISK_LEVELS } from '../../../src-shared/contract/clients';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { useRecordAssessment } from './hooks';

type Level = (typeof RISK_LEVELS)[number];

/**
 * The client's risk assessment (风险测评, DOMAIN.md §4): the level on file and until when it holds, and the
 * result of a new one recorded at the counter. The first assessment is taken face to face; an expired one blocks
 * every recommendation until renewed here.
 */
export function AssessmentForm({ profile, today }: { profile: ClientProfile; today: string }) {
  const t = useT();
  const formats = useFormats();
  const clientId = profile.summary.id;
  const record = useRecordAssessment(clientId);
  const fields = useFieldIssues();
  const [draft, setDraft] = useState({ level: (profile.summary.riskLevel ?? 'C3') as Level, assessedOn: today, faceToFace: true });
  const { riskLevel, riskExpired } = profile.summary;

  const submit = () => {
    const checked = check(contract['clients.recordAssessment'].input, { clientId, ...draft });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    record.mutate(checked.data, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('clients.assessment.recorded', { level: checked.data.level }) }),
      onError: fields.takeFrom,
    });
  };

  return (
    <Stack gap="xs" data-testid="assessment">
      <Text size="sm" c={!riskLevel || riskExpired ? 'red.7' : undefined}>
        {riskLevel && profile.riskAssessedOn && profile.riskExpiresOn
          ? t(riskExpired ? 'clients.assessment.on_file_expired' : 'clients.assessment.on_file', {
              level: riskLevel,
              date: formats.date(profile.riskAssessedOn),
              until: formats.date(profile.riskExpiresOn),
            })
          : t('clients.risk.none')}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          data-testid="assessment-level"
          label={t('clients.assessment.level')}
          size="xs"
          data={RISK_LEVELS.map((level) => ({ value: level, label: t(`clients.assessment.level.${level}`) }))}
          value={draft.level}
          onChange={(e) => {
            const level = e.currentTarget.value as Level;
            setDraft((d) => ({ ...d, level }));
          }}
        />
        <TextInput
          data-testid="assessment-date"
          type="date"
          label={t('clients.assessment.date')}
          size="xs"
          max={today}
          value={draft.assessedOn}
          onChange={(e) => {
            const assessedOn = e.currentTarget.value;
            setDraft((d) => ({ ...d, assessedOn }));
          }}
          error={fields.errorOf('assessedOn')}
        />
        <Checkbox
          data-testid="assessment-face"
          label={t('clients.assessment.face_to_face')}
          size="xs"
          mb={6}
          checked={draft.faceToFace}
          onChange={(e) => {
            const faceToFace = e.currentTarget.checked;
            setDraft((d) => ({ ...d, faceToFace }));
          }}
          error={fields.errorOf('faceToFace')}
        />
        <Button data-testid="assessment-record" size="xs" variant="light" onClick={submit} loading={record.isPending}>
          {t('clients.assessment.record')}
        </Button>
      </Group>
      {record.isError && !fields.errorOf('assessedOn') && !fields.errorOf('faceToFace') && (
        <Alert color="red" variant="light" p="xs">
          {errorMessage(t, record.error)}
        </Alert>
      )}
    </Stack>
  );
}
