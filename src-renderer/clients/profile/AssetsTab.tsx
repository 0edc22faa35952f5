import { Group, Stack, Table, Text } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';
import { Fact } from './Fact';

type Month = ClientProfile['monthlyAssets'][number];

const MONTHS_SHOWN = 12;

/**
 * Latest assets and the last twelve months' average daily balances (月日均, what the tier is computed from), with
 * the six-month change that makes a client 潜力 (DOMAIN.md §2).
 */
export function AssetsTab({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const months = profile.monthlyAssets.slice(-MONTHS_SHOWN);
  const latest = months[months.length - 1];
  const sixBefore = months[months.length - 7];
  const change =
    latest && sixBefore && sixBefore.avgDailyFen > 0 ? (latest.avgDailyFen - sixBefore.avgDailyFen) / sixBefore.avgDailyFen : null;

  return (
    <Stack gap="lg">
      <Group gap="xl" align="flex-end">
        <Fact label={t('clients.profile.latest_assets')}>
          <Text size="xl" fw={700}>
            {formats.money(profile.latestAssetsFen)}
          </Text>
        </Fact>
        {change !== null && (
          <Fact label={t('clients.assets.six_month_change')}>
            <Text size="lg" fw={600} c={change >= 0 ? 'teal.8' : 'red.7'}>
              {`${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`}
            </Text>
          </Fact>
        )}
        {months.length > 1 && <Sparkline months={months} label={t('clients.assets.trend')} />}
      </Group>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.assets.none')}
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="assets-table" maw={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clients.assets.month')}</Table.Th>
              <Table.Th ta="right">{t('clients.assets.avg_daily')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...months].reverse().map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{formats.month(m.month)}</Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formats.money(m.avgDailyFen)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

const WIDTH = 220;
const HEIGHT = 48;

/** The months' balances as one line: the shape of the trend, not a chart to read values from (the table is). */
function Sparkline({ months, label }: { months: Month[]; label: string }) {
  const values = months.map((m) => m.avgDailyFen);
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const step = WIDTH / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 4 - ((v - min) / span) * (HEIGHT - 8)).toFixed(1)}`).join(' ');
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="var(--mantine-primary-color-filled)" strokeWidth={2} strokeLinejoin="round" />
    </svg>
  );
}
