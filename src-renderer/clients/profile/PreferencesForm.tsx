import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { contract, type ClientProfile } from '../../../src-shared/contract';
import { CONTACT_CHANNELS } from '../../../src-shared/contract/clients';
import { isApiError } from '../../api/errors';
import { ctrlEnterSubmits } from '../../forms/keyboard';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/I18nProvider';
import { CHANNEL_LABELS, type Channel } from '../labels';
import { useUpdateProfile } from './hooks';
import { changesOf, draftOf, type PreferencesDraft } from './preferences-draft';

/**
 * Editing what the branch learns about a client: needs and preferences, and the identity details the branch keeps
 * current (occupation, employer, address). Ctrl+Enter (⌘+Enter) saves from any field; only changed fields are sent.
 */
export function PreferencesForm({ profile, onDone }: { profile: ClientProfile; onDone: () => void }) {
  const t = useT();
  const [before] = useState(() => draftOf(profile));
  const [draft, setDraft] = useState<PreferencesDraft>(before);
  const set = <K extends keyof PreferencesDraft>(key: K, value: PreferencesDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const update = useUpdateProfile(profile.summary.id);
  const fields = useFieldIssues();
  const errorOf = (field: string) => fields.errorOf(`changes.${field}`);

  const save = () => {
    if (update.isPending) return;
    const changes = changesOf(before, draft);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    const checked = check(contract['clients.updateProfile'].input, { id: profile.summary.id, changes });
    if (!checked.ok) {
      fields.setIssues(checked.issues);
      return;
    }
    fields.clear();
    update.mutate(checked.data, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('clients.edit.saved') });
        onDone();
      },
      onError: (error) => {
        if (isApiError(error, 'errors.validation')) fields.takeFrom(error);
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  const onKeyDown = ctrlEnterSubmits(save);

  return (
    <form data-testid="profile-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="sm">
        <Textarea
          data-testid="edit-financial-goals"
          label={t('clients.overview.financial_goals')}
          autosize
          minRows={2}
          maxRows={6}
          value={draft.financialGoals}
          onChange={(e) => set('financialGoals', e.currentTarget.value)}
          error={errorOf('financialGoals')}
          autoFocus
        />
        <TagsInput
          data-testid="edit-interests"
          label={t('clients.overview.interests')}
          description={t('clients.edit.interests_hint')}
          value={draft.interests}
          onChange={(value) => set('interests', value)}
          maxTags={30}
          clearable
          error={errorOf('interests')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            data-testid="edit-preferred-channel"
            label={t('clients.overview.preferred_channel')}
            data={[
              { value: '', label: t('clients.edit.no_preference') },
              ...CONTACT_CHANNELS.map((channel) => ({ value: channel, label: t(CHANNEL_LABELS[channel]) })),
            ]}
            value={draft.preferredChannel}
            onChange={(e) => set('preferredChannel', e.currentTarget.value as Channel | '')}
          />
          <TextInput
            data-testid="edit-preferred-hours"
            label={t('clients.overview.preferred_hours')}
            placeholder={t('clients.edit.hours_placeholder')}
            autoComplete="off"
            value={draft.preferredHours}
            onChange={(e) => set('preferredHours', e.currentTarget.value)}
            error={errorOf('preferredHours')}
          />
          <TextInput
            data-testid="edit-occupation"
            label={t('clients.overview.occupation')}
            autoComplete="off"
            value={draft.occupation}
            onChange={(e) => set('occupation', e.currentTarget.value)}
            error={errorOf('occupation')}
          />
          <TextInput
            data-testid="edit-employer"
            label={t('clients.overview.employer')}
            autoComplete="off"
            value={draft.employer}
            onChange={(e) => set('employer', e.currentTarget.value)}
            error={errorOf('employer')}
          />
        </SimpleGrid>
        <TextInput
          data-testid="edit-address"
          label={t('clients.overview.address')}
          autoComplete="off"
          value={draft.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={errorOf('address')}
        />
        <Group gap="xl">
          <Switch
            data-testid="edit-dnd"
            label={t('clients.flag.dnd')}
            checked={draft.doNotDisturb}
            onChange={(e) => set('doNotDisturb', e.currentTarget.checked)}
          />
          <Switch
            data-testid="edit-marketing-consent"
            label={t('clients.overview.marketing_consent')}
            checked={draft.marketingConsent}
            onChange={(e) => set('marketingConsent', e.currentTarget.checked)}
          />
        </Group>
        {update.isError && (
          <Alert color="red" variant="light" data-testid="profile-save-error">
            {errorMessage(t, update.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('clients.edit.keys')}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onDone} disabled={update.isPending}>
              {t('common.cancel')}
            </Button>
            <Button data-testid="profile-save" type="submit" loading={update.isPending}>
              {t('clients.edit.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
