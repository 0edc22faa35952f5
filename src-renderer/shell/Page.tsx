import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Every page: its title (what the staff member reads first, and what tests look for), then its content. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2" data-testid="page-title">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
