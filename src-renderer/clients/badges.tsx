import { Badge, Group, Text, type BadgeProps } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { LIFECYCLES, TIERS, type Lifecycle, type Tier } from './labels';

type Size = BadgeProps['size'];

export function TierBadge({ tier, size = 'sm', testId }: { tier: Tier; size?: Size; testId?: string }) {
  const t = useT();
  const { label, color, variant } = TIERS[tier];
  return (
    <Badge data-testid={testId} data-tier={tier} color={color} variant={variant} size={size} tt="none">
      {t(label)}
    </Badge>
  );
}

export function LifecycleBadge({ lifecycle, size = 'sm' }: { lifecycle: Lifecycle; size?: Size }) {
  const t = useT();
  const { label, color } = LIFECYCLES[lifecycle];
  return (
    <Badge color={color} variant="dot" size={size} tt="none">
      {t(label)}
    </Badge>
  );
}

/**
 * The client's assessed risk tolerance (C1–C5). An assessment older than a year blocks any recommendation until
 * renewed (DOMAIN.md §4), so an expired one says so in red; a client never assessed says that instead.
 */
export function RiskLevel({ level, expired, size = 'sm' }: { level: string | null; expired: boolean; size?: Size }) {
  const t = useT();
  if (level === null) {
    return (
      <Badge color="gray" variant="outline" size={size} tt="none">
        {t('clients.risk.none')}
      </Badge>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={500} c={expired ? 'red.7' : undefined}>
        {level}
      </Text>
      {expired && (
        <Badge color="red" variant="light" size={size} tt="none">
          {t('clients.risk.expired')}
        </Badge>
      )}
    </Group>
  );
}
