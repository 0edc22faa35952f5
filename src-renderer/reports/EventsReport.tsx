import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { ReviewFigures } from '../events/ReviewFigures';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { ReportExports } from './ReportExports';

const rate = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/**
 * The events section of the Reports screen (DOMAIN.md §6 总结回顾): across the events held in a period, the reach,
 * acceptance and attendance, what was learnt and sold, and the cost per attendee and per sale; each event's funnel
 * as a chart and a line; the review as CSV or XLSX. Every figure comes from main.
 */
export function EventsReportSection() {
  const { t } = useI18n();
  const formats = useFormats();
  const { today, known } = useWorkstationDay();
  const periodState = usePeriod(today);
  const { period } = periodState;
  const review = useQuery({
    ...methodQuery('events.review', period ?? { from: today, to: today }),
    enabled: period !== null && known,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const r = review.data;
  const chart = (r?.events ?? []).map((e) => ({
    event: `${e.startsOn.slice(5)} ${e.title}`,
    invited: e.facts.invited,
    reached: e.facts.reached,
    accepted: e.facts.accepted,
    attended: e.facts.attended,
  }));

  return (
    <Stack gap="md" className="bd-print-sheet" data-testid="events-report">
      <Group justify="space-between" align="flex-end">
        <PeriodPicker state={periodState} />
        {period && (
          <ReportExports
            whats={[{ what: 'review', label: 'reports.export.report' }]}
            run={(jobId, input) => api.events.export({ jobId, ...period, format: input.format })}
          />
        )}
      </Group>
      {review.isError && <Alert color="red">{errorMessage(t, review.error)}</Alert>}
      {!r ? (
        review.isFetching && <Loader size="sm" />
      ) : (
        <>
          <Title order={2} size="h4">
            {t('reports.events.title', { from: formats.date(r.from), to: formats.date(r.to), n: r.events.length })}
          </Title>
          <ReviewFigures facts={r.totals.facts} figures={r.totals.figures} testPrefix="events-total" />
          {r.events.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="events-report-none">
              {t('reports.events.none')}
            </Text>
          ) : (
            <>
              <Paper withBorder p="md" radius="md">
                <Title order={3} size="h5" mb="sm">
                  {t('reports.events.funnel')}
                </Title>
                <BarChart
                  h={300}
                  data={chart}
                  dataKey="event"
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                  series={[
                    { name: 'invited', label: t('reports.events.invited'), color: 'gray.5' },
                    { name: 'reached', label: t('reports.events.reached'), color: 'blue.6' },
                    { name: 'accepted', label: t('reports.events.accepted'), color: 'teal.6' },
                    { name: 'attended', label: t('reports.events.attended'), color: 'orange.6' },
                  ]}
                  data-testid="events-chart"
                />
              </Paper>
              <Table.ScrollContainer minWidth={900}>
                <Table fz="sm" data-testid="events-report-table" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('events.field.starts_at')}</Table.Th>
                      <Table.Th>{t('events.field.title')}</Table.Th>
                      <Table.Th ta="right">{t('reports.events.invited')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.reach')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.accept')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.attend')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.no_shows')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.sales')}</Table.Th>
                      <Table.Th ta="right">{t('events.review.per_attendee')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.events.map((e) => (
                      <Table.Tr key={e.id} data-testid="events-report-row">
                        <Table.Td>{formats.date(e.startsOn)}</Table.Td>
                        <Table.Td>
                          <Anchor href={hrefOf('events', e.id)} size="sm">
                            {e.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right">{e.facts.invited}</Table.Td>
                        <Table.Td ta="right">{rate(e.figures.reachRate)}</Table.Td>
                        <Table.Td ta="right">{rate(e.figures.acceptRate)}</Table.Td>
                        <Table.Td ta="right">{rate(e.figures.attendRate)}</Table.Td>
                        <Table.Td ta="right">{e.figures.noShows}</Table.Td>
                        <Table.Td ta="right">{e.facts.sales}</Table.Td>
                        <Table.Td ta="right">
                          {e.figures.costPerAttendeeFen === null ? '—' : formats.money(e.figures.costPerAttendeeFen)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
