import { Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useClientSearch } from './hooks';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A client picked the way the counter finds anyone (the one a complaint is about, a guest added to an event's list):
 * name, pinyin or initials, phone or ID tail, client number. Arrow keys are not needed: Tab reaches each match, Enter
 * picks it. `testId` names its parts for the tests (`<testId>-search`, `-option`, `-picked`).
 */
export function ClientPicker({
  value,
  onChange,
  error,
  testId = 'client-picker',
  autoFocus = true,
}: {
  value: { id: string; name: string } | null;
  onChange: (client: { id: string; name: string } | null) => void;
  error: string | undefined;
  testId?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const search = useClientSearch(text);
  const matches = text.trim() === '' ? [] : (search.data?.results ?? []).slice(0, 6);

  if (value) {
    return (
      <Group gap="xs" data-testid={`${testId}-picked`}>
        <Text size="sm">
          {t('clients.picker.client')}: <b>{value.name}</b>
        </Text>
        <Button variant="subtle" size="xs" onClick={() => onChange(null)}>
          {t('clients.picker.change')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={4}>
      <TextInput
        data-testid={`${testId}-search`}
        label={t('clients.picker.client')}
        placeholder={t('clients.picker.hint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={error}
        autoFocus={autoFocus}
      />
      {matches.length > 0 && (
        <Paper withBorder p={4}>
          {matches.map((c) => (
            <UnstyledButton
              key={c.id}
              data-testid={`${testId}-option`}
              display="block"
              w="100%"
              p={6}
              onClick={() => {
                onChange({ id: c.id, name: c.name });
                setText('');
              }}
            >
              <Text size="sm">
                {c.name} · {c.clientNo} · {c.maskedMobile ?? c.maskedId}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}
    </Stack>
  );
}
