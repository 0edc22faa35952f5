import { Alert, Button, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ClientProfile, ClientSummary } from '../../../src-shared/contract';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { useClientSearch } from '../hooks';
import { useAddReferral } from './hooks';

/** Candidates shown under the box: enough to pick by name, masked mobile and client number. */
const SHOWN = 6;

/** 002: this client referred someone; find them as at the counter (name, pinyin, mobile tail…) and record it. */
export function ReferralAdd({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<ClientSummary | null>(null);
  const search = useClientSearch(chosen ? '' : text);
  const add = useAddReferral(profile.summary.id);
  const candidates = (search.data?.results ?? []).filter((c) => c.id !== profile.summary.id).slice(0, SHOWN);

  const submit = () => {
    if (!chosen) return;
    add.mutate(
      { referrerId: profile.summary.id, refereeId: chosen.id },
      {
        onSuccess: (referral) => {
          notifications.show({
            color: 'teal',
            message: t('clients.referrals.added', { name: chosen.name, points: formats.count(referral.pointsEach) }),
          });
          setChosen(null);
          setText('');
        },
      },
    );
  };

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('clients.referrals.add_title', { name: profile.summary.name })}
      </Text>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          data-testid="referral-search"
          placeholder={t('clients.referrals.search_placeholder')}
          aria-label={t('clients.referrals.search_placeholder')}
          autoComplete="off"
          value={chosen ? `${chosen.name} · ${chosen.clientNo}` : text}
          onChange={(e) => {
            setChosen(null);
            add.reset();
            setText(e.currentTarget.value);
          }}
          style={{ flex: 1 }}
        />
        <Button data-testid="referral-add" onClick={submit} disabled={!chosen} loading={add.isPending}>
          {t('clients.referrals.add')}
        </Button>
      </Group>
      {!chosen && text.trim() && candidates.length > 0 && (
        <Stack gap={2} data-testid="referral-candidates">
          {candidates.map((c) => (
            <UnstyledButton
              key={c.id}
              data-testid="referral-candidate"
              onClick={() => setChosen(c)}
              p={4}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            >
              <Group gap="sm">
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {c.clientNo} · {c.maskedMobile ?? '—'}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {!chosen && text.trim() && search.fresh && candidates.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('clients.empty.no_match_title', { text: text.trim() })}
        </Text>
      )}
      {add.isError && (
        <Alert color="red" variant="light" p="xs" data-testid="referral-error">
          {errorMessage(t, add.error)}
        </Alert>
      )}
    </Stack>
  );
}
