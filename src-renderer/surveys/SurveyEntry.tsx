import { Alert, Anchor, Badge, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-shared/contract';
import type { SurveyTemplate } from '../../src-shared/contract/surveys';
import type { SurveyOccasion } from '../../src-shared/domain/surveys';
import { methodQuery } from '../api/query';
import { ClientPicker } from '../clients/ClientPicker';
import { useI18n } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { useTemplates } from './hooks';
import { textOf } from './links';
import { SurveyForm } from './SurveyForm';

type Saved = OutputOf<'surveys.submit'>;

export interface EntryStart {
  occasion: SurveyOccasion | null;
  templateId: string | null;
  clientId: string | null;
  eventId: string | null;
  complaintId: string | null;
  /** Start on an anonymous respondent (a case whose complainant is not a client). */
  anonymous?: boolean;
}

/** The template to offer first: the one asked for, else the occasion's, else the counter visit's. */
function firstTemplate(templates: SurveyTemplate[], start: EntryStart): SurveyTemplate | undefined {
  const offered = templates.filter((x) => !x.retired);
  return (
    offered.find((x) => x.id === start.templateId) ?? offered.find((x) => x.occasion === (start.occasion ?? 'counter_visit')) ?? offered[0]
  );
}

/**
 * Entering a survey (DOMAIN.md §7): the template (the occasion's by default), who answered — a client found the
 * counter's way, or an anonymous respondent — and what it follows (an event, a complaint) when opened from there;
 * then the sheet, by keyboard. After saving, the next respondent can be entered straight away.
 */
export function SurveyEntry({ start, onSaved }: { start: EntryStart; onSaved?: (saved: Saved) => void }) {
  const { t, language } = useI18n();
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [mode, setMode] = useState<'client' | 'anonymous'>(start.anonymous ? 'anonymous' : 'client');
  const [client, setClient] = useState<{ id: string; name: string } | null>(null);
  const [respondent, setRespondent] = useState('');
  const [last, setLast] = useState<Saved | null>(null);
  const [picked, setPicked] = useState(0);
  const preset = useQuery({ ...methodQuery('clients.profile', { id: start.clientId ?? '' }), enabled: start.clientId !== null });
  useEffect(() => {
    if (preset.data) setClient({ id: preset.data.summary.id, name: preset.data.summary.name });
  }, [preset.data]);
  const event = useQuery({ ...methodQuery('events.get', { id: start.eventId ?? '' }), enabled: start.eventId !== null });
  const complaint = useQuery({ ...methodQuery('complaints.get', { id: start.complaintId ?? '' }), enabled: start.complaintId !== null });

  const list = templates.data ?? [];
  const chosen = list.find((x) => x.id === templateId) ?? firstTemplate(list, start);
  if (templates.isPending) return <Loader size="sm" />;
  if (!chosen) return <Alert color="yellow">{t('surveys.entry.no_templates')}</Alert>;
  const ready = mode === 'anonymous' || client !== null;

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="md">
            <Select
              data-testid="survey-template"
              label={t('surveys.entry.template')}
              value={chosen.id}
              allowDeselect={false}
              onChange={(value) => value && setTemplateId(value)}
              data={list
                .filter((x) => !x.retired)
                .map((x) => ({ value: x.id, label: `${textOf(x.current.title, language)} · v${x.current.number}` }))}
              w={320}
            />
            <SegmentedControl
              data-testid="survey-respondent-mode"
              value={mode}
              onChange={(value) => setMode(value)}
              data={[
                { value: 'client', label: t('surveys.entry.client') },
                { value: 'anonymous', label: t('surveys.entry.anonymous') },
              ]}
            />
          </Group>
          {mode === 'client' ? (
            <ClientPicker
              value={client}
              onChange={(c) => {
                setClient(c);
                if (c) setPicked((n) => n + 1);
              }}
              error={undefined}
              testId="survey-client"
              autoFocus={start.clientId === null}
            />
          ) : (
            <TextInput
              data-testid="survey-respondent"
              label={t('surveys.entry.respondent')}
              description={t('surveys.entry.respondent_hint')}
              value={respondent}
              onChange={(e) => setRespondent(e.currentTarget.value)}
              maxLength={100}
              w={320}
            />
          )}
          {(event.data || complaint.data) && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('surveys.entry.follows')}
              </Text>
              {event.data && (
                <Anchor href={hrefOf('events', event.data.id)} size="sm" data-testid="survey-event">
                  {event.data.title}
                </Anchor>
              )}
              {complaint.data && (
                <Anchor href={hrefOf('complaints', complaint.data.id)} size="sm" data-testid="survey-complaint">
                  {complaint.data.caseNo}
                </Anchor>
              )}
            </Group>
          )}
        </Stack>
      </Paper>
      {last && (
        <Alert color={last.followUp ? 'orange' : 'teal'} data-testid="survey-saved" withCloseButton onClose={() => setLast(null)}>
          <Group gap="xs">
            <Text size="sm">{t('surveys.entry.saved')}</Text>
            {last.csat !== null && <Badge variant="light">CSAT {last.csat}</Badge>}
            {last.nps !== null && (
              <Badge variant="light" color="grape">
                NPS {last.nps}
              </Badge>
            )}
            {last.followUp && <Text size="sm">{t('surveys.entry.follow_up_raised')}</Text>}
          </Group>
        </Alert>
      )}
      <SurveyForm
        key={chosen.current.id}
        version={chosen.current}
        ready={ready}
        focusAfterSave={start.clientId !== null || mode === 'anonymous'}
        focusTick={picked}
        link={{
          clientId: mode === 'client' ? (client?.id ?? null) : null,
          respondent: mode === 'anonymous' ? respondent.trim() || null : null,
          eventId: start.eventId,
          complaintId: start.complaintId,
        }}
        onSaved={(saved) => {
          setLast(saved);
          setRespondent('');
          // Opened for one client (from the worklist, a case, an event): the sheet is theirs; otherwise the next respondent.
          if (start.clientId === null) setClient(null);
          onSaved?.(saved);
        }}
      />
      {!ready && (
        <Text size="sm" c="dimmed" data-testid="survey-who-first">
          {t('surveys.entry.who_first')}
        </Text>
      )}
    </Stack>
  );
}
