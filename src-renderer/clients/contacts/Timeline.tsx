import { Badge, Button, Group, Stack, Text, Timeline as MantineTimeline } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';
import { CHANNEL_LABELS, codeLabel } from '../labels';

export type Contact = ClientProfile['timeline'][number];

/** A flag main put on a contact for review (a sale without its dual recording is the serious one). */
const FLAG_COLORS: Record<string, string> = { sale_without_dual_recording: 'red', above_level_confirmed: 'orange' };

/**
 * Every contact with the client, newest first (003: 业务来往时间、内容、结果). Append-only: a correction is a new
 * entry that says which one it corrects.
 */
export function Timeline({ contacts, onCorrect }: { contacts: Contact[]; onCorrect: (contact: Contact) => void }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const byId = new Map(contacts.map((c) => [c.id, c]));

  if (contacts.length === 0) {
    return (
      <Text data-testid="timeline" size="sm" c="dimmed">
        {t('contacts.timeline.none')}
      </Text>
    );
  }
  return (
    <MantineTimeline data-testid="timeline" bulletSize={14} lineWidth={2} active={-1}>
      {contacts.map((c) => {
        const corrected = c.correctsId ? byId.get(c.correctsId) : undefined;
        return (
          <MantineTimeline.Item
            key={c.id}
            data-testid="timeline-entry"
            data-contact-id={c.id}
            title={
              <Group gap="xs" justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Badge variant="light" size="sm" tt="none">
                    {t(CHANNEL_LABELS[c.channel])}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(c.at)}
                    {c.staffName ? ` · ${c.staffName}` : ''}
                  </Text>
                </Group>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onCorrect(c)} data-testid="timeline-correct">
                  {t('contacts.correct')}
                </Button>
              </Group>
            }
          >
            <Stack gap={4} mt={4}>
              {c.correctsId && (
                <Text size="xs" c="orange.9" data-testid="timeline-corrects">
                  {corrected
                    ? t('contacts.timeline.corrects', { time: formatDateTime(corrected.at), content: excerpt(corrected.content) })
                    : t('contacts.timeline.corrects_older')}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.content}
              </Text>
              {c.result && (
                <Text size="sm" c="dimmed">
                  {t('contacts.timeline.result', { result: c.result })}
                </Text>
              )}
              {c.followUpProduct && (
                <Text size="sm" c="blue.8">
                  {c.followUpDue
                    ? t('contacts.timeline.follow_up_due', { product: c.followUpProduct, date: formats.date(c.followUpDue) })
                    : t('contacts.timeline.follow_up', { product: c.followUpProduct })}
                </Text>
              )}
              {c.flags.length > 0 && (
                <Group gap={4}>
                  {c.flags.map((flag) => (
                    <Badge key={flag} data-testid="timeline-flag" data-flag={flag} color={FLAG_COLORS[flag] ?? 'gray'} size="sm" tt="none">
                      {codeLabel(t, 'contacts.flag', flag)}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          </MantineTimeline.Item>
        );
      })}
    </MantineTimeline>
  );
}

export function excerpt(text: string, length = 24): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
