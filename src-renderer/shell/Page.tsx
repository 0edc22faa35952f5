import { Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Every page: its title (what the staff member reads first, and what tests look for), then its content. A record's
 * page (one client) may put its way back, or other actions, beside the title, and take the wider layout its
 * side-by-side columns need.
 */
export function Page({
  title,
  actions,
  wide = false,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const heading = (
    <Title order={1} size="h2" data-testid="page-title">
      {title}
    </Title>
  );
  return (
    <Stack gap="lg" maw={wide ? 1440 : 1100}>
      {actions ? (
        <Group justify="space-between" align="center" wrap="nowrap">
          {heading}
          {actions}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Stack>
  );
}
