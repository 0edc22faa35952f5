import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ClientsReport } from '../../src-shared/contract';
import { TIERS, type Tier } from '../../src-shared/domain/tier';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { clientListHref } from '../clients/list/filters';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { useWorkstationDay } from '../settings/hooks';
import { worklistHref } from '../worklist/WorklistPage';
import { Figure } from './Figure';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { ReportExports } from './ReportExports';

const TIER_COLORS: Record<Tier, string> = { vip: 'yellow.6', potential: 'teal.6', ordinary: 'gray.5' };
export const percentOf = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 1000) / 10}%`);

/** The figures of a period, from main; the same query the manager's home screen reads for the last twelve months. */
export function useClientsReport(period: { from: string; to: string } | null) {
  const { known } = useWorkstationDay();
  return useQuery({
    ...methodQuery('reports.clients', period ?? { from: '', to: '' }),
    enabled: period !== null && known,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * The clients and coverage sections of the Reports screen (issue 13): tiers and assets under management by month,
 * tier movements, new and churned clients, the lifecycle funnel, win-back, contact coverage per tier and per manager
 * and their worklist completion. Every count opens the list behind it; the figures export as CSV or XLSX and print.
 */
export function ClientsReportSection() {
  const t = useT();
  const { today } = useWorkstationDay();
  const periodState = usePeriod(today, 'last_12_months');
  const report = useClientsReport(periodState.period);
  const r = report.data;
  return (
    <Stack gap="md" data-testid="clients-report">
      <PeriodPicker state={periodState} />
      {periodState.period && (
        <ReportExports
          whats={[{ what: 'figures', label: 'reports.clients.file' }]}
          run={(jobId, input) => api.reports.clientsExport({ jobId, format: input.format, ...periodState.period! })}
        />
      )}
      {report.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, report.error)}
        </Alert>
      )}
      {!r ? report.isPending ? <Loader /> : null : <ClientFigures r={r} />}
    </Stack>
  );
}

/** The figures themselves: also the body of the branch manager's home screen. */
export function ClientFigures({ r, compact = false }: { r: ClientsReport; compact?: boolean }) {
  const t = useT();
  const formats = useFormats();
  const latest = r.months.filter((m) => m.month === r.latestMonth);
  const lastMoves = r.moves.filter((m) => m.up + m.down > 0).at(-1) ?? r.moves.at(-1);
  const newClients = r.flows.reduce((n, f) => n + f.new, 0);
  const churned = r.flows.reduce((n, f) => n + f.churned, 0);
  const byMonth = [...new Set(r.months.map((m) => m.month))].map((month) => {
    const row: Record<string, string | number> = { month };
    for (const tier of TIERS)
      row[tier] = Math.round((r.months.find((m) => m.month === month && m.tier === tier)?.aumFen ?? 0) / 1_000_000) / 100;
    return row;
  });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {TIERS.map((tier) => {
          // Today's clients of the tier (the list it opens); the assets they held in the latest month reported.
          const m = latest.find((x) => x.tier === tier);
          return (
            <Figure
              key={tier}
              testId={`fig-tier-${tier}`}
              label={t('reports.clients.tier_clients', { tier: t(`tier.${tier}`) })}
              value={formats.count(r.coverage.find((c) => c.tier === tier)?.clients ?? 0)}
              hint={t('reports.clients.aum', { amount: formats.money(m?.aumFen ?? 0), month: r.latestMonth ?? '—' })}
              href={clientListHref({ tier })}
            />
          );
        })}
        {lastMoves && (
          <Figure
            testId="fig-moved-up"
            label={t('reports.clients.moved_up', { month: lastMoves.month })}
            value={formats.count(lastMoves.up)}
            href={clientListHref({ tierMove: { month: lastMoves.month, direction: 'up' } })}
          />
        )}
        {lastMoves && (
          <Figure
            testId="fig-moved-down"
            label={t('reports.clients.moved_down', { month: lastMoves.month })}
            value={formats.count(lastMoves.down)}
            alert={lastMoves.down > lastMoves.up}
            href={clientListHref({ tierMove: { month: lastMoves.month, direction: 'down' } })}
          />
        )}
        <Figure
          testId="fig-new"
          label={t('reports.clients.new')}
          value={formats.count(newClients)}
          href={clientListHref({ firstBusiness: { from: r.from, to: r.to } })}
        />
        <Figure
          testId="fig-win-back"
          label={t('reports.clients.to_win_back')}
          value={formats.count(r.winBack.open)}
          hint={t('reports.clients.win_back', { churned, done: r.winBack.done })}
          href={worklistHref({ kind: 'win_back' })}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: compact ? 1 : 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.clients.aum_chart')}
          </Title>
          <BarChart
            h={240}
            data={byMonth}
            dataKey="month"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={TIERS.map((tier) => ({ name: tier, label: t(`tier.${tier}`), color: TIER_COLORS[tier] }))}
          />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.clients.moves_chart')}
          </Title>
          <BarChart
            h={240}
            data={r.moves.map((m, i) => ({
              month: m.month,
              up: m.up,
              down: m.down,
              new: r.flows[i]?.new ?? 0,
              churned: r.flows[i]?.churned ?? 0,
            }))}
            dataKey="month"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: 'up', label: t('reports.clients.up'), color: 'teal.6' },
              { name: 'down', label: t('reports.clients.down'), color: 'red.6' },
              { name: 'new', label: t('reports.clients.new'), color: 'blue.6' },
              { name: 'churned', label: t('reports.clients.churned'), color: 'gray.6' },
            ]}
          />
        </Paper>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.clients.funnel')}
          </Title>
          <Table data-testid="lifecycle-table">
            <Table.Tbody>
              {r.lifecycle.map((l) => (
                <Table.Tr key={l.stage}>
                  <Table.Td>{t(`lifecycle.${l.stage}`)}</Table.Td>
                  <Table.Td ta="right">
                    <Anchor href={clientListHref({ lifecycle: l.stage })} data-testid={`fig-stage-${l.stage}`}>
                      {formats.count(l.clients)}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.clients.coverage')}
          </Title>
          <Table data-testid="coverage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.col.tier')}</Table.Th>
                <Table.Th ta="right">{t('reports.clients.clients')}</Table.Th>
                <Table.Th ta="right">{t('reports.clients.uncovered')}</Table.Th>
                <Table.Th ta="right">{t('reports.clients.coverage_share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.coverage.map((c) => (
                <Table.Tr key={c.tier}>
                  <Table.Td>{t(`tier.${c.tier}`)}</Table.Td>
                  <Table.Td ta="right">{formats.count(c.clients)}</Table.Td>
                  <Table.Td ta="right">
                    <Anchor href={clientListHref({ tier: c.tier, covered: false })} data-testid={`fig-uncovered-${c.tier}`}>
                      {formats.count(c.clients - c.covered)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{percentOf(c.covered, c.clients)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h5" mb="xs">
          {t('reports.clients.managers')}
        </Title>
        {r.managers.length === 0 ? (
          <Text c="dimmed">{t('reports.clients.no_managers')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="managers-table" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('worklist.staff')}</Table.Th>
                  <Table.Th ta="right">{t('reports.clients.managed')}</Table.Th>
                  <Table.Th ta="right">{t('reports.clients.coverage_share')}</Table.Th>
                  <Table.Th ta="right">{t('reports.clients.done')}</Table.Th>
                  <Table.Th ta="right">{t('reports.clients.overdue')}</Table.Th>
                  <Table.Th ta="right">{t('reports.clients.completion')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.managers.map((m) => (
                  <Table.Tr key={m.managerId}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td ta="right">
                      <Anchor href={clientListHref({ managerId: m.managerId })}>{formats.count(m.clients)}</Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{percentOf(m.covered, m.clients)}</Table.Td>
                    <Table.Td ta="right">{formats.count(m.done)}</Table.Td>
                    <Table.Td ta="right">
                      <Anchor href={worklistHref({ group: 'overdue', managerId: m.managerId })} data-testid="fig-manager-overdue">
                        {formats.count(m.overdue)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{percentOf(m.done, m.done + m.overdue)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
