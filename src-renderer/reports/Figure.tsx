import { Anchor, Paper, Text } from '@mantine/core';

/** One figure of a report: its label, its value (a link to the list behind it where there is one), and a hint. */
export function Figure(props: { label: string; value: string; hint?: string; href?: string; alert?: boolean; testId: string }) {
  const value = (
    <Text size="xl" fw={700} c={props.alert ? 'red' : undefined} data-testid={props.testId}>
      {props.value}
    </Text>
  );
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      {props.href ? (
        <Anchor href={props.href} underline="hover" c="inherit">
          {value}
        </Anchor>
      ) : (
        value
      )}
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Paper>
  );
}
