import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Anchor, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SurveyScore } from '../../src-shared/contract/surveys';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { useTemplates } from '../surveys/hooks';
import { textOf } from '../surveys/links';
import { Figure } from './Figure';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { ReportExports } from './ReportExports';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
const score = (nps: number | null) => (nps === null ? '—' : String(nps));

/**
 * The surveys section of the Reports screen (DOMAIN.md §7): CSAT (share of 4–5 on each sheet's CSAT question) and NPS
 * (share of 9–10 minus share of 0–6) with their answer counts for a period, their trend by month, and by survey,
 * member of staff and branch; each count opens the answers behind it; figures and answers export as CSV or XLSX.
 */
export function SurveysReportSection() {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { today, known } = useWorkstationDay();
  const periodState = usePeriod(today, 'last_12_months');
  const { period } = periodState;
  const [templateId, setTemplateId] = useState<string | null>(null);
  const templates = useTemplates();
  const filter = { ...(period ?? { from: today, to: today }), templateId, staffId: null };
  const report = useQuery({
    ...methodQuery('surveys.report', filter),
    enabled: period !== null && known,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const r = report.data;
  /** The answers behind a figure: the same period and survey, and what the figure counts. */
  const answersHref = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({ from: filter.from, to: filter.to, ...(templateId ? { template: templateId } : {}), ...extra });
    return `#/surveys/answers?${params.toString()}`;
  };
  const row = (s: SurveyScore) => (
    <>
      <Table.Td ta="right">{s.responses}</Table.Td>
      <Table.Td ta="right">{percent(s.csat)}</Table.Td>
      <Table.Td ta="right">{score(s.nps)}</Table.Td>
      <Table.Td ta="right">{s.detractors}</Table.Td>
    </>
  );
  const head = (
    <>
      <Table.Th ta="right">{t('reports.surveys.responses')}</Table.Th>
      <Table.Th ta="right">CSAT</Table.Th>
      <Table.Th ta="right">NPS</Table.Th>
      <Table.Th ta="right">{t('reports.surveys.detractors')}</Table.Th>
    </>
  );

  return (
    <Stack gap="md" className="bd-print-sheet" data-testid="surveys-report">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <PeriodPicker state={periodState} />
          <Select
            label={t('surveys.entry.template')}
            placeholder={t('reports.surveys.all_templates')}
            clearable
            value={templateId}
            onChange={setTemplateId}
            data={(templates.data ?? []).map((x) => ({ value: x.id, label: textOf(x.current.title, language) }))}
            w={220}
            data-testid="surveys-report-template"
          />
        </Group>
        {period && (
          <ReportExports
            whats={[
              { what: 'figures', label: 'reports.export.figures' },
              { what: 'answers', label: 'reports.export.answers' },
            ]}
            run={(jobId, input) => api.surveys.export({ jobId, ...filter, ...input })}
          />
        )}
      </Group>
      {report.isError && <Alert color="red">{errorMessage(t, report.error)}</Alert>}
      {!r ? (
        report.isFetching && <Loader size="sm" />
      ) : (
        <>
          <Title order={2} size="h4">
            {t('reports.surveys.title', { from: formats.date(r.from), to: formats.date(r.to), n: formats.count(r.total.responses) })}
          </Title>
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <Figure
              label={t('reports.surveys.responses')}
              value={formats.count(r.total.responses)}
              href={answersHref()}
              testId="surveys-total-responses"
            />
            <Figure
              label={t('reports.surveys.csat')}
              value={percent(r.total.csat)}
              hint={t('reports.surveys.csat_of', { n: formats.count(r.total.csatResponses) })}
              testId="surveys-total-csat"
            />
            <Figure
              label={t('reports.surveys.nps')}
              value={score(r.total.nps)}
              hint={t('reports.surveys.nps_of', { p: r.total.promoters, m: r.total.passives, d: r.total.detractors })}
              testId="surveys-total-nps"
            />
            <Figure
              label={t('reports.surveys.promoters')}
              value={formats.count(r.total.promoters)}
              href={answersHref({ band: 'promoter' })}
              testId="surveys-total-promoters"
            />
            <Figure
              label={t('reports.surveys.detractors')}
              value={formats.count(r.total.detractors)}
              href={answersHref({ band: 'detractor' })}
              alert={r.total.detractors > 0}
              testId="surveys-total-detractors"
            />
          </SimpleGrid>
          {r.total.responses === 0 ? (
            <Text c="dimmed" size="sm" data-testid="surveys-report-none">
              {t('reports.surveys.none')}
            </Text>
          ) : (
            <>
              <Paper withBorder p="md" radius="md">
                <Title order={3} size="h5" mb="sm">
                  {t('reports.surveys.trend')}
                </Title>
                <LineChart
                  h={260}
                  data={r.byMonth.map((m) => ({
                    month: m.month,
                    csat: m.csat === null ? null : Math.round(m.csat * 1000) / 10,
                    nps: m.nps,
                  }))}
                  dataKey="month"
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                  yAxisProps={{ domain: [-100, 100] }}
                  referenceLines={[{ y: 0, color: 'gray.4' }]}
                  series={[
                    { name: 'csat', label: 'CSAT %', color: 'teal.6' },
                    { name: 'nps', label: 'NPS', color: 'grape.6' },
                  ]}
                  connectNulls={false}
                  data-testid="surveys-trend"
                />
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Title order={3} size="h5" mb="sm">
                  {t('reports.surveys.by_template')}
                </Title>
                <BarChart
                  h={220}
                  data={r.byTemplate.map((x) => ({
                    survey: textOf(x.title, language),
                    csat: x.csat === null ? 0 : Math.round(x.csat * 1000) / 10,
                    nps: x.nps ?? 0,
                  }))}
                  dataKey="survey"
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                  series={[
                    { name: 'csat', label: 'CSAT %', color: 'teal.6' },
                    { name: 'nps', label: 'NPS', color: 'grape.6' },
                  ]}
                  data-testid="surveys-by-template-chart"
                />
                <Table fz="sm" mt="sm" data-testid="surveys-by-template">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('surveys.entry.template')}</Table.Th>
                      {head}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.byTemplate.map((x) => (
                      <Table.Tr key={x.templateId}>
                        <Table.Td>
                          <Anchor href={answersHref({ template: x.templateId })} size="sm">
                            {textOf(x.title, language)}
                          </Anchor>
                        </Table.Td>
                        {row(x)}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Paper withBorder p="md" radius="md">
                  <Title order={3} size="h5" mb="sm">
                    {t('reports.surveys.by_staff')}
                  </Title>
                  <Table fz="sm" data-testid="surveys-by-staff">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('surveys.answers.staff')}</Table.Th>
                        {head}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.byStaff.map((s) => (
                        <Table.Tr key={s.staffId ?? ''} data-testid="surveys-staff-row">
                          <Table.Td>
                            {s.staffId ? (
                              <Anchor href={answersHref({ staff: s.staffId })} size="sm">
                                {s.staffName ?? s.staffId}
                              </Anchor>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          {row(s)}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Paper>
                <Paper withBorder p="md" radius="md">
                  <Title order={3} size="h5" mb="sm">
                    {t('reports.surveys.by_branch')}
                  </Title>
                  <Table fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('reports.surveys.by_branch')}</Table.Th>
                        {head}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.byBranch.map((b) => (
                        <Table.Tr key={b.branchId}>
                          <Table.Td>{b.branchId === 'unenrolled' ? t('reports.surveys.this_workstation') : b.branchId}</Table.Td>
                          {row(b)}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Paper>
              </SimpleGrid>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
