import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/I18nProvider';

/** The frame of every screen before the app proper: product name, language switch, one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <Stack mih="100vh" gap={0} bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" px="lg" py="md">
        <Text fw={600} c="teal.8">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Center flex={1} p="md">
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={440}>
          <Stack gap="md">
            <Title order={2} size="h3" data-testid="page-title">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Stack>
  );
}
