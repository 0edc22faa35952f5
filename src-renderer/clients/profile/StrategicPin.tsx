import { Alert, Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { contract, type ClientProfile } from '../../../src-shared/contract';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/I18nProvider';
import { usePinStrategic } from './hooks';

/** 001: a manager pins a strategic client with the reason (assets, frequency, contribution); unpinning needs none. */
export function StrategicPin({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const pin = usePinStrategic(profile.summary.id);
  const fields = useFieldIssues();
  const pinned = profile.summary.strategic;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');

  const send = (strategic: boolean) => {
    const checked = check(contract['clients.pinStrategic'].input, {
      id: profile.summary.id,
      strategic,
      reason: strategic ? reason.trim() : null,
    });
    if (!checked.ok) {
      fields.setIssues(checked.issues);
      return;
    }
    fields.clear();
    pin.mutate(checked.data, {
      onSuccess: () => {
        setAsking(false);
        setReason('');
      },
      onError: fields.takeFrom,
    });
  };

  const toggle = (on: boolean) => {
    pin.reset();
    if (on) setAsking(true);
    else if (asking) setAsking(false);
    else send(false);
  };

  return (
    <Stack gap="xs">
      <Switch
        data-testid="strategic-toggle"
        label={t('clients.strategic.toggle')}
        checked={pinned || asking}
        disabled={pin.isPending}
        onChange={(e) => toggle(e.currentTarget.checked)}
      />
      {asking && !pinned && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            data-testid="strategic-reason"
            placeholder={t('clients.strategic.reason_placeholder')}
            aria-label={t('clients.overview.strategic_reason')}
            autoFocus
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) send(true);
            }}
            error={fields.errorOf('reason')}
            maxLength={200}
            style={{ flex: 1 }}
          />
          <Button data-testid="strategic-save" onClick={() => send(true)} loading={pin.isPending}>
            {t('clients.strategic.pin')}
          </Button>
        </Group>
      )}
      {pin.isError && (
        <Alert color="red" variant="light" p="xs">
          {errorMessage(t, pin.error)}
        </Alert>
      )}
    </Stack>
  );
}
