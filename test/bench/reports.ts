import { presetPeriod } from '../../src-shared/domain/periods';
import { clientsReport } from '../../src-main/reports/clients';
import { queryBreakdown } from './breakdown';
import { seededBranch } from './seeded-branch';
import { percentiles } from './stats';

export interface ReportsBenchOptions {
  clients: number;
  seed: number;
  workDir: string;
  log: (message: string) => void;
}

/** Report runs: a manager opens the figures a few times a day, each read is cheap enough to repeat. */
const REPORT_RUNS = 20;

/**
 * Issue 13's report figure on the encrypted store holding N demo clients, once the daily pass has built the stored
 * reminders and the tier figures: the clients and coverage report for the last 12 months (median as `ms`, and p95).
 */
export async function benchReports(options: ReportsBenchOptions) {
  const branch = await seededBranch({ ...options, fileName: 'bench-reports.db' });
  const { store, today } = branch;
  const { settings } = branch.workstation.app;
  const period = presetPeriod('last_12_months', today);

  options.log('timing the clients report…');
  // One run first: the statements get prepared and the pages they read cached, as on a workstation open since morning.
  let report = await clientsReport(store.db, settings, today, period);
  const samples: number[] = [];
  for (let i = 0; i < REPORT_RUNS; i++) {
    const t0 = performance.now();
    report = await clientsReport(store.db, settings, today, period);
    samples.push(performance.now() - t0);
  }
  const figures = percentiles(samples);
  const queries = await queryBreakdown(store, REPORT_RUNS, (logged) => clientsReport(logged, settings, today, period));

  const result = {
    clients: options.clients,
    seed_seconds: Math.round(branch.seedSeconds * 10) / 10,
    first_pass_seconds: Math.round(branch.firstPassSeconds * 100) / 100,
    database_mb: branch.databaseMb(),
    clients_report: {
      ms: figures.p50_ms,
      ...figures,
      period,
      months: report.moves.length,
      managers: report.managers.length,
      covered: report.coverage.map((c) => `${c.tier} ${c.covered}/${c.clients}`).join(', '),
      queries,
    },
  };
  await branch.close();
  return result;
}
