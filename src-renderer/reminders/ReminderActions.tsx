import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { addDays } from '../../src-shared/domain/calendar-date';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { entryHref } from '../surveys/links';
import { useActOnReminder } from './hooks';

/** A survey due (`survey_due:<occasion>:<id>`) is answered from the entry screen, filled in for this client. */
function surveyDueLink(clientId: string, key: string): string | null {
  const [kind, what, ref] = key.split(':');
  if (kind !== 'survey_due' || !ref) return null;
  if (what === 'event') return entryHref({ occasion: 'after_event', client: clientId, event: ref });
  if (what === 'complaint') return entryHref({ occasion: 'after_complaint', client: clientId, complaint: ref });
  return entryHref({ occasion: 'quarterly', client: clientId });
}

type Asking = 'snooze' | 'dismiss' | null;

/**
 * Done / snooze / dismiss for one reminder (DOMAIN.md §3: none vanishes silently); a survey due opens its entry too
 * (answered, it is gone). Snooze asks for a day, dismiss for
 * a reason, each in a small dialog whose field has the focus and whose Enter confirms.
 */
export function ReminderActions({
  clientId,
  reminderKey,
  today,
  label,
}: {
  clientId: string;
  reminderKey: string;
  today: string;
  label: string;
}) {
  const t = useT();
  const act = useActOnReminder();
  const [asking, setAsking] = useState<Asking>(null);
  const [until, setUntil] = useState(() => addDays(today, 7));
  const [reason, setReason] = useState('');

  const run = (input: { action: 'done' | 'snoozed' | 'dismissed'; until?: string; reason?: string }) =>
    act.mutate(
      { clientId, key: reminderKey, ...input },
      {
        onSuccess: () => {
          setAsking(null);
          notifications.show({ color: 'teal', message: t(`reminders.acted.${input.action}`, { what: label }) });
        },
      },
    );

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (asking === 'snooze') run({ action: 'snoozed', until });
    else if (asking === 'dismiss') run({ action: 'dismissed', reason: reason.trim() });
  };

  const issue = act.error ? errorMessage(t, act.error) : undefined;
  const survey = surveyDueLink(clientId, reminderKey);
  return (
    <>
      <Group gap={4} wrap="nowrap">
        {survey && (
          <Button component="a" href={survey} data-testid="reminder-survey" size="compact-xs" variant="filled">
            {t('surveys.entry.open')}
          </Button>
        )}
        <Button
          data-testid="reminder-done"
          size="compact-xs"
          variant="light"
          color="teal"
          loading={act.isPending && asking === null}
          onClick={() => run({ action: 'done' })}
        >
          {t('reminders.action.done')}
        </Button>
        <Button data-testid="reminder-snooze" size="compact-xs" variant="default" onClick={() => (act.reset(), setAsking('snooze'))}>
          {t('reminders.action.snooze')}
        </Button>
        <Button data-testid="reminder-dismiss" size="compact-xs" variant="default" onClick={() => (act.reset(), setAsking('dismiss'))}>
          {t('reminders.action.dismiss')}
        </Button>
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={`${t(asking === 'dismiss' ? 'reminders.action.dismiss' : 'reminders.action.snooze')} · ${label}`}
      >
        <form onSubmit={confirm} noValidate data-testid="reminder-act-form">
          <Stack gap="sm">
            {asking === 'snooze' ? (
              <TextInput
                data-testid="reminder-until"
                type="date"
                label={t('reminders.snooze_until')}
                min={today}
                value={until}
                onChange={(e) => setUntil(e.currentTarget.value)}
                error={issue}
                data-autofocus
              />
            ) : (
              <TextInput
                data-testid="reminder-reason"
                label={t('reminders.dismiss_reason')}
                maxLength={200}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={issue}
                data-autofocus
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('reminders.cancel')}
              </Button>
              <Button type="submit" data-testid="reminder-confirm" loading={act.isPending}>
                {t('reminders.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
