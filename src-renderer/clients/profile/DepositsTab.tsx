import { Badge, Table, Text } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { parseCalendarDate } from '../../../src-shared/domain/calendar-date';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';

function dayNumber(day: string): number | null {
  const d = parseCalendarDate(day);
  return d ? Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 : null;
}

/**
 * DOMAIN.md §3: a term deposit maturing within `noticeDays` (a setting, default 14) is a reason to call the client
 * (003's case): such rows stand out.
 */
export function DepositsTab({ profile, today, noticeDays }: { profile: ClientProfile; today: string; noticeDays: number }) {
  const t = useT();
  const formats = useFormats();
  const todayNumber = dayNumber(today);

  if (profile.deposits.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('clients.deposits.none')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="deposits-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">{t('clients.deposits.amount')}</Table.Th>
            <Table.Th ta="right">{t('clients.deposits.rate')}</Table.Th>
            <Table.Th>{t('clients.deposits.start')}</Table.Th>
            <Table.Th>{t('clients.deposits.maturity')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profile.deposits.map((d) => {
            const maturity = dayNumber(d.maturityDate);
            const days = maturity !== null && todayNumber !== null ? maturity - todayNumber : null;
            const soon = days !== null && days >= 0 && days <= noticeDays;
            return (
              <Table.Tr key={d.id} data-testid="deposit-row" data-maturing={soon || undefined} bg={soon ? 'orange.0' : undefined}>
                <Table.Td ta="right" ff="monospace">
                  {formats.money(d.amountFen)}
                </Table.Td>
                <Table.Td ta="right">{`${d.rate}%`}</Table.Td>
                <Table.Td ff="monospace">{d.startDate}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={soon ? 700 : undefined} c={soon ? 'orange.9' : undefined}>
                    {d.maturityDate}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {days !== null && days < 0 ? (
                    <Badge color="gray" variant="light" size="sm" tt="none">
                      {t('clients.deposits.matured')}
                    </Badge>
                  ) : soon ? (
                    <Badge color="orange" size="sm" tt="none">
                      {days === 0 ? t('clients.deposits.matures_today') : t('clients.deposits.matures_in', { days })}
                    </Badge>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
