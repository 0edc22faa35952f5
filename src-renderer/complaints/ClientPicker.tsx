import { Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useClientSearch } from '../clients/hooks';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The client a complaint is about, found the way the counter finds anyone: name, pinyin or initials, phone or ID
 * tail, client number. Arrow keys are not needed: Tab reaches each match, Enter picks it.
 */
export function ClientPicker({
  value,
  onChange,
  error,
}: {
  value: { id: string; name: string } | null;
  onChange: (client: { id: string; name: string } | null) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const search = useClientSearch(text);
  const matches = text.trim() === '' ? [] : (search.data?.results ?? []).slice(0, 6);

  if (value) {
    return (
      <Group gap="xs" data-testid="complaint-client-picked">
        <Text size="sm">
          {t('complaints.form.client')}: <b>{value.name}</b>
        </Text>
        <Button variant="subtle" size="xs" onClick={() => onChange(null)}>
          {t('complaints.form.change_client')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={4}>
      <TextInput
        data-testid="complaint-client-search"
        label={t('complaints.form.client')}
        placeholder={t('complaints.form.client_hint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={error}
        autoFocus
      />
      {matches.length > 0 && (
        <Paper withBorder p={4}>
          {matches.map((c) => (
            <UnstyledButton
              key={c.id}
              data-testid="complaint-client-option"
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
