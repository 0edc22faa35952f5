import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a profile; an unknown value shows as a dash, never as an empty gap. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : typeof children === 'string' || typeof children === 'number' ? (
        <Text size="sm">{children}</Text>
      ) : (
        children
      )}
    </Stack>
  );
}
