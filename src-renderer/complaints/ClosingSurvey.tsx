import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ComplaintCase, OutputOf } from '../../src-shared/contract';
import { useI18n } from '../i18n/I18nProvider';
import { SurveyEntry } from '../surveys/SurveyEntry';

/**
 * Closing asks the complainant how satisfied they are with the handling (DOMAIN.md §5, §7): the after-complaint
 * survey, entered here by keyboard and named by the closing step; or, when they would rather not answer a survey,
 * a single 1–5 rating (or none, when not asked).
 */
export function ClosingSurvey({
  kase,
  surveyId,
  satisfaction,
  onSurvey,
  onSatisfaction,
}: {
  kase: ComplaintCase;
  surveyId: string;
  satisfaction: string;
  onSurvey: (saved: OutputOf<'surveys.submit'>) => void;
  onSatisfaction: (value: string) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const clientId = kase.content?.clientId ?? null;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('complaints.step.satisfaction')}
      </Text>
      {surveyId ? (
        <Alert color="teal" data-testid="closing-survey-saved">
          {t('complaints.step.survey_saved', { rating: satisfaction || '—' })}
        </Alert>
      ) : (
        <Group gap="sm">
          <Button variant="light" onClick={() => setOpen(true)} data-testid="closing-survey">
            {t('complaints.step.survey')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('complaints.step.or_rating')}
          </Text>
          <SegmentedControl
            data-testid="step-satisfaction"
            value={satisfaction}
            onChange={onSatisfaction}
            data={['', '1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v === '' ? t('complaints.step.not_asked') : v }))}
          />
        </Group>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={`${t('complaints.step.survey')} · ${kase.caseNo}`} size="xl">
        <SurveyEntry
          start={{
            occasion: 'after_complaint',
            templateId: null,
            clientId,
            eventId: null,
            complaintId: kase.id,
            anonymous: clientId === null,
          }}
          onSaved={(saved) => {
            onSurvey(saved);
            setOpen(false);
          }}
        />
      </Modal>
    </Stack>
  );
}
