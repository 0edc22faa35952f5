import { Alert, Button, CloseButton, Group, NativeSelect, Paper, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type RefObject } from 'react';
import { contract, type ClientProfile } from '../../../src-shared/contract';
import { CONTACT_CHANNELS } from '../../../src-shared/contract/clients';
import { isApiError } from '../../api/errors';
import { methodQuery } from '../../api/query';
import { ctrlEnterSubmits } from '../../forms/keyboard';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage, issueMessage } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useClientReminders } from '../../reminders/hooks';
import { reminderLabel } from '../../reminders/labels';
import { useLogContact } from '../hooks';
import { CHANNEL_LABELS, codeLabel, type Channel } from '../labels';
import { EMPTY_DRAFT, toLogContactInput, type ContactDraft } from './draft';
import { isAboveLevel, RecommendationFields } from './RecommendationFields';
import { excerpt, type Contact } from './Timeline';

/**
 * Logging the conversation before the client leaves the counter: the note has the focus when the profile opens,
 * "N" brings it back, Ctrl+Enter (⌘+Enter) saves from any field. A refusal keeps everything typed.
 */
export function ContactForm({
  profile,
  correcting,
  onCancelCorrection,
  contentRef,
  onLogged,
}: {
  profile: ClientProfile;
  /** The timeline entry this contact corrects, if the staff member chose one. */
  correcting: Contact | null;
  onCancelCorrection: () => void;
  contentRef: RefObject<HTMLTextAreaElement | null>;
  onLogged: () => void;
}) {
  const { t, language, formatDateTime } = useI18n();
  const { summary, identity } = profile;
  const log = useLogContact(summary.id);
  const fields = useFieldIssues();
  const [draft, setDraft] = useState<ContactDraft>(EMPTY_DRAFT);
  // The reminder this contact does, if any: only a contact recorded as doing it clears it (DOMAIN.md §3).
  const reminders = useClientReminders(summary.id);
  const [reminderKey, setReminderKey] = useState('');
  const openKeys = reminders.data?.reminders.map((r) => r.key) ?? [];
  // The event this contact is for (a sale or a follow-up at a salon): the event's review counts it.
  const events = useQuery({ ...methodQuery('events.forClient', { clientId: summary.id }), staleTime: 60_000 });
  const [eventId, setEventId] = useState('');
  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  useHotkeys([['n', () => contentRef.current?.focus()]]);

  // Main's refusal: a suitability rule (shown beside the recommendation) or a promise of guaranteed returns.
  const failure = log.error;
  const refusedPaths = new Set(isApiError(failure) ? failure.issues.map((i) => i.path) : []);
  const suitability = isApiError(failure) && failure.key.startsWith('errors.suitability.');
  const refusalKeys = isApiError(failure) ? failure.issues.filter((i) => i.path === 'recommendation').map((i) => i.key) : [];
  // Main treats a client of unknown age as possibly elderly, so the warning is asked for them too.
  const askElderlyWarning = identity.elderly || identity.birthDate === null || refusalKeys.includes('suitability.elderly_warning_needed');
  // Asked when the product is above the level shown here, or when main (which knows the latest level) says so.
  const askAboveConfirmation =
    isAboveLevel(summary.riskLevel, draft.productRisk) || refusalKeys.includes('suitability.risk_above_level_needs_confirmation');

  const refusalReasons = isApiError(failure)
    ? failure.issues.filter((i) => i.path === 'recommendation').map((i) => issueMessage(t, i))
    : [];
  if (suitability && refusalReasons.length === 0) refusalReasons.push(errorMessage(t, failure));

  const errorOf = (path: string) => fields.errorOf(path) ?? (refusedPaths.has(path) && !suitability ? true : undefined);

  const submit = () => {
    if (log.isPending) return;
    const input = toLogContactInput(
      {
        ...draft,
        confirmedAboveLevel: draft.confirmedAboveLevel && askAboveConfirmation,
        elderlyWarningConfirmed: draft.elderlyWarningConfirmed && askElderlyWarning,
      },
      summary.id,
      correcting?.id ?? null,
    );
    if (reminderKey && openKeys.includes(reminderKey)) input.reminderKey = reminderKey;
    if (eventId) input.eventId = eventId;
    const checked = check(contract['clients.logContact'].input, input);
    if (!checked.ok) {
      log.reset();
      fields.setIssues(checked.issues);
      return;
    }
    fields.clear();
    log.mutate(checked.data, {
      onSuccess: (contact) => {
        notifications.show({
          color: contact.flags.length > 0 ? 'orange' : 'teal',
          title: t('contacts.logged', { name: summary.name }),
          message:
            contact.flags.length > 0
              ? new Intl.ListFormat(language, { type: 'unit' }).format(contact.flags.map((flag) => codeLabel(t, 'contacts.flag', flag)))
              : undefined,
        });
        setDraft(EMPTY_DRAFT);
        setReminderKey('');
        setEventId('');
        onLogged();
        contentRef.current?.focus();
      },
      onError: (error) => {
        if (isApiError(error, 'errors.validation')) fields.takeFrom(error);
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = ctrlEnterSubmits(submit, { blockPlainEnter: true });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="contact-form-title">
      <form data-testid="contact-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4" id="contact-form-title">
              {t('contacts.form.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('contacts.form.keys')}
            </Text>
          </Group>
          {correcting && (
            <Alert data-testid="contact-correcting" color="orange" variant="light" p="xs">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">
                  {t('contacts.form.correcting', { time: formatDateTime(correcting.at), content: excerpt(correcting.content) })}
                </Text>
                <CloseButton size="sm" aria-label={t('contacts.form.cancel_correction')} onClick={onCancelCorrection} />
              </Group>
            </Alert>
          )}
          <NativeSelect
            data-testid="contact-channel"
            label={t('contacts.form.channel')}
            data={CONTACT_CHANNELS.map((channel) => ({ value: channel, label: t(CHANNEL_LABELS[channel]) }))}
            value={draft.channel}
            onChange={(e) => set('channel', e.currentTarget.value as Channel)}
            maw={200}
          />
          <Textarea
            ref={contentRef}
            data-testid="contact-content"
            label={t('contacts.form.content')}
            placeholder={t('contacts.form.content_placeholder')}
            autoFocus
            autosize
            minRows={3}
            maxRows={10}
            value={draft.content}
            onChange={(e) => set('content', e.currentTarget.value)}
            error={errorOf('content')}
          />
          <TextInput
            data-testid="contact-result"
            label={t('contacts.form.result')}
            autoComplete="off"
            value={draft.result}
            onChange={(e) => set('result', e.currentTarget.value)}
            error={errorOf('result')}
          />
          <Group grow align="flex-start" wrap="nowrap">
            <TextInput
              data-testid="contact-follow-product"
              label={t('contacts.form.follow_up_product')}
              placeholder={t('contacts.form.follow_up_hint')}
              autoComplete="off"
              value={draft.followUpProduct}
              onChange={(e) => set('followUpProduct', e.currentTarget.value)}
              error={errorOf('followUp.product')}
            />
            <TextInput
              data-testid="contact-follow-due"
              type="date"
              label={t('contacts.form.follow_up_due')}
              value={draft.followUpDue}
              onChange={(e) => set('followUpDue', e.currentTarget.value)}
              error={errorOf('followUp.due')}
              maw={180}
            />
          </Group>
          {(reminders.data?.reminders.length ?? 0) > 0 && (
            <NativeSelect
              data-testid="contact-reminder"
              label={t('contacts.form.does_reminder')}
              data={[
                { value: '', label: t('contacts.form.does_no_reminder') },
                ...(reminders.data?.reminders ?? []).map((r) => ({ value: r.key, label: `${reminderLabel(t, r)} (${r.dueDate})` })),
              ]}
              value={reminderKey}
              onChange={(e) => setReminderKey(e.currentTarget.value)}
            />
          )}
          {(events.data?.length ?? 0) > 0 && (
            <NativeSelect
              data-testid="contact-event"
              label={t('contacts.form.for_event')}
              data={[
                { value: '', label: t('contacts.form.no_event') },
                ...(events.data ?? []).map((e) => ({ value: e.id, label: `${e.title} (${formatDateTime(e.startsAt)})` })),
              ]}
              value={eventId}
              onChange={(e) => setEventId(e.currentTarget.value)}
              error={errorOf('eventId')}
            />
          )}
          <Switch
            data-testid="contact-recommend-toggle"
            label={t('contacts.form.recommend')}
            checked={draft.recommend}
            onChange={(e) => set('recommend', e.currentTarget.checked)}
          />
          {draft.recommend && (
            <RecommendationFields
              draft={draft}
              set={set}
              summary={summary}
              askAboveConfirmation={askAboveConfirmation}
              askElderlyWarning={askElderlyWarning}
              errorOf={errorOf}
              refusal={suitability ? { title: t('contacts.refused'), reasons: refusalReasons } : null}
            />
          )}
          {log.isError && !(suitability && draft.recommend) && (
            <Alert data-testid="contact-error" color="red" variant="light">
              {errorMessage(t, log.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button data-testid="contact-submit" type="submit" loading={log.isPending}>
              {correcting ? t('contacts.form.submit_correction') : t('contacts.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
