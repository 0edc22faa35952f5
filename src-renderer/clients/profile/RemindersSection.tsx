import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { useClientReminders } from '../../reminders/hooks';
import { reminderLabel } from '../../reminders/labels';
import { ReminderActions } from '../../reminders/ReminderActions';

/** What is due with this client now (DOMAIN.md §3), overdue first; each can be done, snoozed or dismissed here. */
export function RemindersSection({ clientId, clientName, today }: { clientId: string; clientName: string; today: string }) {
  const t = useT();
  const formats = useFormats();
  const reminders = useClientReminders(clientId);
  const list = reminders.data?.reminders ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="reminders-title" data-testid="profile-reminders">
      <Title order={2} size="h4" id="reminders-title" mb="sm">
        {t('reminders.profile.title')}
      </Title>
      {reminders.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, reminders.error)}
        </Alert>
      )}
      {reminders.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reminders.profile.none')}
        </Text>
      )}
      <Stack gap="xs">
        {list.map((r) => {
          const label = reminderLabel(t, r);
          return (
            <Group key={r.key} justify="space-between" wrap="nowrap" data-testid="profile-reminder" data-kind={r.kind}>
              <Stack gap={0}>
                <Text size="sm">{label}</Text>
                <Group gap="xs">
                  <Text size="xs" c="dimmed" ff="monospace">
                    {formats.date(r.dueDate)}
                  </Text>
                  {r.overdue && (
                    <Badge color="red" variant="light" size="xs">
                      {t('reminders.overdue')}
                    </Badge>
                  )}
                </Group>
              </Stack>
              <ReminderActions clientId={clientId} reminderKey={r.key} today={today} label={`${clientName} · ${label}`} />
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
