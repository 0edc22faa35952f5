import { presetPeriod } from '../../src-shared/domain/periods';
import { rederiveClients } from '../../src-main/clients/rederive';
import { Rng } from '../../src-main/clients/seed/random';
import { recomputeClientDue, refreshDue } from '../../src-main/reminders/due';
import { rebuildTallies } from '../../src-main/reminders/tallies';
import { worklist, worklistCounts } from '../../src-main/reminders/service';
import { clientsReport } from '../../src-main/reports/clients';
import { refreshTierMonths } from '../../src-main/reports/tier-months';
import { cpuBreakdown, queryBreakdown } from './breakdown';
import { seededBranch } from './seeded-branch';
import { percentiles } from './stats';
import { storingFloor } from './storing-floor';

export interface WorklistBenchOptions {
  clients: number;
  seed: number;
  /** Timed calls per figure. */
  queries: number;
  workDir: string;
  log: (message: string) => void;
}

/** Calls made before each timed series: the statements get prepared and the pages they read cached. */
const WARM_UP = 10;

/**
 * Issue 13's figures on the encrypted store holding N demo clients, after the first daily pass: every client's
 * reminders computed from nothing (the stored reminders cleared) and, beside it, the same rows stored by SQL alone
 * (the least any pass storing them takes on this store: storing-floor.ts), the next day's pass, the tier figures rebuilt, one
 * client's reminders recomputed the way a call does it (rederive in a transaction) p95, the manager's home screen (the
 * last 12 months' clients report and the worklist's counts) p95, and the first page of the overdue group p95. With
 * where the time goes: a CPU profile of the recompute on a tenth of the clients, and the home screen's statements.
 */
export async function benchWorklist(options: WorklistBenchOptions) {
  const branch = await seededBranch({ ...options, fileName: 'bench-worklist.db' });
  const { store, today, manager } = branch;
  const { app } = branch.workstation;
  const { raw, db } = store;
  const count = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  options.log('every client’s reminders from nothing…');
  raw.exec('DELETE FROM client_due; DELETE FROM due_reminders;');
  rebuildTallies(raw); // the tallies count what the tables hold: nothing
  let t0 = performance.now();
  const computed = await refreshDue(store, app.settings, today);
  const fullSeconds = (performance.now() - t0) / 1000;
  const counted = { due_reminders: count('due_reminders'), client_due: count('client_due') };

  options.log('storing the same rows by SQL alone…');
  const storing = storingFloor(raw);

  // Where it goes: a profile of the same work on a tenth of the clients (their stored reminders cleared; the pass
  // computes every client without a client_due row).
  options.log('profiling it on a tenth of the clients…');
  const sample = Math.ceil(options.clients / 10);
  for (const table of ['due_reminders', 'client_due']) {
    raw.prepare(`DELETE FROM ${table} WHERE client_id IN (SELECT id FROM clients ORDER BY id LIMIT ?)`).run(sample);
  }
  rebuildTallies(raw);
  const profiled = await cpuBreakdown(() => refreshDue(store, app.settings, today));

  // The next morning's pass over the same facts: every client computed again, nothing to write.
  options.log('the next day’s pass…');
  raw.prepare("DELETE FROM device_state WHERE key = 'reminders_pass'").run();
  t0 = performance.now();
  await refreshDue(store, app.settings, today);
  const nextDaySeconds = (performance.now() - t0) / 1000;

  options.log('the tier figures from nothing…');
  raw.prepare("DELETE FROM device_state WHERE key = 'tier_months'").run();
  t0 = performance.now();
  const rebuilt = await refreshTierMonths(store, app.settings, today);
  const tierSeconds = (performance.now() - t0) / 1000;

  // Clients picked by rowid: holding all N ids would put GC pauses into the timings.
  const rng = new Rng(options.seed * 7919 + 13);
  const maxRowid = raw.prepare('SELECT max(rowid) FROM clients').pluck().get() as number;
  const byRowid = raw.prepare('SELECT id FROM clients WHERE rowid >= ? AND deleted_hlc IS NULL ORDER BY rowid LIMIT 1').pluck();
  const randomClient = () => byRowid.get(rng.int(1, maxRowid)) as string;
  const ids = Array.from({ length: WARM_UP + options.queries }, randomClient);

  options.log('one client’s reminders, as a call recomputes them…');
  const rederive: number[] = [];
  const dueOnly: number[] = [];
  for (const [i, id] of ids.entries()) {
    t0 = performance.now();
    await db.transaction().execute(() => Promise.resolve(rederiveClients(app, [id])));
    const t1 = performance.now();
    // The reminders alone (what the sync applier calls per touched client), on the next client.
    const other = ids[(i + 1) % ids.length]!;
    await db.transaction().execute(() => Promise.resolve(recomputeClientDue(raw, [other], app.settings, today)));
    const t2 = performance.now();
    if (i < WARM_UP) continue;
    rederive.push(t1 - t0);
    dueOnly.push(t2 - t1);
  }

  options.log('the manager’s home screen…');
  const period = presetPeriod('last_12_months', today);
  const home: number[] = [];
  const report: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < WARM_UP + options.queries; i++) {
    t0 = performance.now();
    await clientsReport(db, app.settings, today, period);
    const t1 = performance.now();
    await worklistCounts(db, manager, {}, today, app.settings);
    const t2 = performance.now();
    if (i < WARM_UP) continue;
    home.push(t2 - t0);
    report.push(t1 - t0);
    counts.push(t2 - t1);
  }
  const shown = await worklistCounts(db, manager, {}, today, app.settings);
  const homeQueries = await queryBreakdown(store, 20, async (logged) => {
    await clientsReport(logged, app.settings, today, period);
    await worklistCounts(logged, manager, {}, today, app.settings);
  });

  options.log('the worklist’s first overdue page…');
  const page: number[] = [];
  let pageRows = 0;
  for (let i = 0; i < WARM_UP + options.queries; i++) {
    t0 = performance.now();
    const result = await worklist(db, manager, { group: 'overdue', after: null, limit: 100 }, today, app.settings);
    const ms = performance.now() - t0;
    pageRows = result.rows.length;
    if (i >= WARM_UP) page.push(ms);
  }

  const figures = {
    clients: options.clients,
    seed_seconds: Math.round(branch.seedSeconds * 10) / 10,
    first_pass_seconds: Math.round(branch.firstPassSeconds * 100) / 100,
    database_mb: branch.databaseMb(),
    full_recompute: {
      seconds: Math.round(fullSeconds * 100) / 100,
      clients: computed,
      ...counted,
      storing_only: storing,
      profile_sample: { clients: sample, ...profiled },
    },
    next_day_pass: { seconds: Math.round(nextDaySeconds * 100) / 100 },
    tier_figures: {
      seconds: Math.round(tierSeconds * 100) / 100,
      rebuilt,
      tier_months: count('tier_months'),
      tier_moves: count('tier_moves'),
    },
    one_client: { ...percentiles(rederive), parts: { reminders_only: percentiles(dueOnly) } },
    home: {
      ...percentiles(home),
      period,
      parts: { clients_report: percentiles(report), worklist_counts: percentiles(counts) },
      counts: { overdue: shown.overdue, today: shown.today, upcoming: shown.upcoming, long_overdue: shown.long_overdue },
      queries: homeQueries,
    },
    worklist_page: { ...percentiles(page), rows: pageRows },
  };
  await branch.close();
  return figures;
}
