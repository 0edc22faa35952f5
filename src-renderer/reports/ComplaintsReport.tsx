import { BarChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComplaintsReport } from '../../src-shared/contract/complaints';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { categoryLabel } from '../complaints/labels';
import { useComplaintCategories } from '../complaints/hooks';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { Figure } from './Figure';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { ReportExports } from './ReportExports';

type Dimension = ComplaintsReport['counts'][number]['dimension'];
const DIMENSIONS: Dimension[] = ['business_line', 'cause', 'channel'];
const PALETTE = [
  'blue.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'red.6',
  'cyan.6',
  'lime.7',
  'pink.6',
  'indigo.6',
  'yellow.7',
  'violet.6',
  'green.7',
];

/**
 * The complaints section of the Reports screen (DOMAIN.md §5): the period's figures, cases received per month by
 * business line, cause or channel as a stacked bar chart, repeat complainants (masked), and the register and the
 * report as files. Every figure comes from main; the chart's bars add up to "received".
 */
export function ComplaintsReportSection() {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { today, known } = useWorkstationDay();
  const periodState = usePeriod(today);
  const { period } = periodState;
  const report = useQuery({
    ...methodQuery('complaints.report', period ?? { from: today, to: today }),
    enabled: period !== null && known,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const categories = useComplaintCategories();
  const [dimension, setDimension] = useState<Dimension>('business_line');
  const r = report.data;

  const label = (d: Dimension, key: string) =>
    d === 'channel' ? t(`complaints.channel.${key as 'counter'}`) : categoryLabel(categories.data, d, key, language);
  const keys = r ? [...new Set(r.counts.filter((c) => c.dimension === dimension).map((c) => c.key))] : [];
  const data = r
    ? r.months.map((month) => ({
        month: formats.month(month),
        ...Object.fromEntries(
          keys.map((key) => [key, r.counts.find((c) => c.dimension === dimension && c.key === key && c.month === month)?.count ?? 0]),
        ),
      }))
    : [];

  return (
    <Stack gap="md" className="bd-print-sheet" data-testid="complaints-report">
      <Group justify="space-between" align="flex-end">
        <PeriodPicker state={periodState} />
        {period && (
          <ReportExports
            whats={[
              { what: 'register', label: 'reports.export.register' },
              { what: 'report', label: 'reports.export.report' },
            ]}
            run={(jobId, input) => api.complaints.export({ jobId, ...period, ...input })}
          />
        )}
      </Group>
      {report.isError && <Alert color="red">{errorMessage(t, report.error)}</Alert>}
      {!r ? (
        report.isFetching && <Loader size="sm" />
      ) : (
        <>
          <Title order={2} size="h4">
            {t('reports.complaints.title', { from: formats.date(r.from), to: formats.date(r.to) })}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
            <Figure label={t('reports.complaints.received')} value={formats.count(r.received)} testId="figure-received" />
            <Figure label={t('reports.complaints.decided')} value={formats.count(r.decided)} testId="figure-decided" />
            <Figure
              label={t('reports.complaints.in_time')}
              value={r.inTimeShare === null ? '—' : `${(r.inTimeShare * 100).toFixed(1)}%`}
              hint={t('reports.complaints.in_time_of', { n: formats.count(r.decidedInTime), of: formats.count(r.decided) })}
              testId="figure-in-time"
            />
            <Figure
              label={t('reports.complaints.average_days')}
              value={r.averageDaysToDecision === null ? '—' : formats.count(r.averageDaysToDecision)}
              testId="figure-average-days"
            />
            <Figure label={t('reports.complaints.open')} value={formats.count(r.open)} href={hrefOf('complaints')} testId="figure-open" />
            <Figure
              label={t('reports.complaints.overdue')}
              value={formats.count(r.overdue)}
              href={hrefOf('complaints')}
              alert={r.overdue > 0}
              testId="figure-overdue"
            />
          </SimpleGrid>
          <Paper withBorder p="md" radius="md">
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h5">
                {t('reports.complaints.by_month')}
              </Title>
              <SegmentedControl
                className="bd-no-print"
                size="xs"
                value={dimension}
                onChange={(value) => setDimension(value)}
                data={DIMENSIONS.map((d) => ({ value: d, label: t(`reports.complaints.dimension.${d}`) }))}
                data-testid="report-dimension"
              />
            </Group>
            {r.received === 0 ? (
              <Text c="dimmed" size="sm">
                {t('reports.complaints.none')}
              </Text>
            ) : (
              <BarChart
                h={300}
                data={data}
                dataKey="month"
                type="stacked"
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                series={keys.map((key, i) => ({ name: key, label: label(dimension, key), color: PALETTE[i % PALETTE.length]! }))}
                data-testid="complaints-chart"
              />
            )}
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={3} size="h5" mb="xs">
              {t('reports.complaints.repeat', { from: formats.date(r.repeatFrom) })}
            </Title>
            {r.repeatComplainants.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('reports.complaints.repeat_none')}
              </Text>
            ) : (
              <Table fz="sm" data-testid="repeat-complainants">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('complaints.complainant')}</Table.Th>
                    <Table.Th>{t('reports.complaints.cases')}</Table.Th>
                    <Table.Th>{t('complaints.case_no')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.repeatComplainants.map((rc) => (
                    <Table.Tr key={rc.caseNos.join()}>
                      <Table.Td>{rc.complainant}</Table.Td>
                      <Table.Td>{rc.cases}</Table.Td>
                      <Table.Td>{rc.caseNos.join('、')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
