import { Badge, Group, Table, Text } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';

type Holding = ClientProfile['holdings'][number];

function levelOf(risk: string | null): number | null {
  const m = risk ? /^[CR]([1-5])$/.exec(risk) : null;
  return m ? Number(m[1]) : null;
}

/** Where the current price stands against the client's own bounds (003: profit or loss notice when crossed). */
function boundCrossed(h: Holding): 'take_profit' | 'stop_loss' | null {
  const current = h.currentPrice === null ? NaN : Number(h.currentPrice);
  if (Number.isNaN(current)) return null;
  if (h.takeProfit !== null && current >= Number(h.takeProfit)) return 'take_profit';
  if (h.stopLoss !== null && current <= Number(h.stopLoss)) return 'stop_loss';
  return null;
}

/** Dense tables show calendar days as YYYY-MM-DD, the banks' own convention in every interface language. */
export function HoldingsTab({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const clientLevel = levelOf(profile.summary.riskLevel);

  if (profile.holdings.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('clients.holdings.none')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped data-testid="holdings-table" verticalSpacing="xs" horizontalSpacing="xs" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clients.holdings.product')}</Table.Th>
            <Table.Th ta="right">{t('clients.holdings.amount')}</Table.Th>
            <Table.Th ta="right">{t('clients.holdings.price')}</Table.Th>
            <Table.Th ta="right">{t('clients.holdings.expected_return')}</Table.Th>
            <Table.Th>{t('clients.holdings.bounds')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profile.holdings.map((h) => {
            const productLevel = levelOf(h.productRisk);
            const above = clientLevel !== null && productLevel !== null && productLevel > clientLevel;
            const price = h.price === null ? NaN : Number(h.price);
            const current = h.currentPrice === null ? NaN : Number(h.currentPrice);
            const move = price > 0 && !Number.isNaN(current) ? (current - price) / price : null;
            const crossed = boundCrossed(h);
            return (
              <Table.Tr key={h.id} data-testid="holding-row">
                <Table.Td miw={150} style={{ whiteSpace: 'normal' }}>
                  <Text size="sm" fw={500}>
                    {h.productName}
                  </Text>
                  <Group gap={6}>
                    <Badge
                      color={above ? 'red' : 'gray'}
                      variant={above ? 'filled' : 'light'}
                      size="xs"
                      tt="none"
                      title={t('clients.holdings.risk')}
                    >
                      {h.productRisk}
                    </Badge>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {h.productCode}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace">
                    {formats.money(h.amountFen)}
                  </Text>
                  <Text size="xs" c="dimmed" title={t('clients.holdings.purchased')}>
                    {t('clients.holdings.purchased_on', { date: h.purchaseDate })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace">
                    {h.currentPrice ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('clients.holdings.bought_at', { price: h.price ?? '—' })}
                    {move !== null && (
                      <Text span inherit c={move >= 0 ? 'teal.8' : 'red.7'}>
                        {` ${move >= 0 ? '+' : ''}${(move * 100).toFixed(2)}%`}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{h.expectedReturn ? `${h.expectedReturn}%` : '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs">{t('clients.holdings.take_profit_at', { price: h.takeProfit ?? '—' })}</Text>
                  <Text size="xs">{t('clients.holdings.stop_loss_at', { price: h.stopLoss ?? '—' })}</Text>
                  {crossed && (
                    <Badge color={crossed === 'take_profit' ? 'teal' : 'red'} size="xs" tt="none">
                      {t(`clients.holdings.crossed.${crossed}`)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
