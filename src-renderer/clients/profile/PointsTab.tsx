import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';
import { hrefOf } from '../../shell/router';
import { codeLabel } from '../labels';
import { Fact } from './Fact';
import { ReferralAdd } from './ReferralAdd';

/** The loyalty ledger (000 积分计划) and referrals, which earn both sides points, never cash (002). */
export function PointsTab({ profile }: { profile: ClientProfile }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const { points, referrals } = profile;

  return (
    <Stack gap="lg">
      <Fact label={t('clients.points.balance')}>
        <Text size="xl" fw={700} c={points.balance < 0 ? 'red.7' : undefined} data-testid="points-balance">
          {formats.count(points.balance)}
        </Text>
      </Fact>

      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('clients.points.ledger')}
        </Title>
        {points.entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('clients.points.none')}
          </Text>
        ) : (
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.points.at')}</Table.Th>
                <Table.Th>{t('clients.points.kind')}</Table.Th>
                <Table.Th ta="right">{t('clients.points.points')}</Table.Th>
                <Table.Th>{t('clients.points.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.entries.map((e, i) => (
                <Table.Tr key={`${e.at}-${i}`}>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(e.at)}</Text>
                  </Table.Td>
                  <Table.Td>{codeLabel(t, 'points.kind', e.kind)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" c={e.kind === 'earned' ? 'teal.8' : 'red.7'}>
                    {`${e.kind === 'earned' ? '+' : '−'}${formats.count(e.points)}`}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{codeLabel(t, 'points.reason', e.reason)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap="xs" data-testid="referrals">
        <Title order={3} size="h5">
          {t('clients.referrals.title')}
        </Title>
        {referrals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('clients.referrals.none')}
          </Text>
        ) : (
          referrals.map((r) => (
            <Group key={`${r.direction}-${r.otherId}`} gap="xs">
              <Text size="sm">{r.direction === 'referred' ? t('clients.referrals.referred') : t('clients.referrals.referred_by')}</Text>
              <Anchor href={hrefOf('clients', r.otherId)} size="sm" fw={600} data-testid="referral-link">
                {r.otherName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('clients.referrals.detail', { date: formatDateTime(r.at), points: formats.count(r.pointsEach) })}
              </Text>
            </Group>
          ))
        )}
        <ReferralAdd profile={profile} />
      </Stack>
    </Stack>
  );
}
