import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import { systemClock, localDate } from '../../src-shared/domain/clock';
import { addDays, addMonths } from '../../src-shared/domain/calendar-date';
import { seedDemoClients } from '../../src-main/clients/seed/run';
import { seedDemoComplaints } from '../../src-main/complaints/demo';
import { generateKey } from '../../src-main/store/key';
import { openStore } from '../../src-main/store/open';
import { createWorkstation } from '../../src-main/workstation';
import type { Envelope } from '../../src-shared/contract/errors';
import { percentiles } from './stats';

export interface ComplaintsBenchOptions {
  complaints: number;
  seed: number;
  /** Timed calls per figure. */
  queries: number;
  workDir: string;
  log: (message: string) => void;
}

const BATCH = 5_000;

/**
 * Issue 10's figures on the encrypted store holding N cases over a year (each taken and moved through the real
 * workflow): a page of the case list (open, overdue, an officer's own; first and later pages) p95, a year's report,
 * and the intake of one case through the whole call path (checks, case number, first event, outbox, audit) p95.
 */
export async function benchComplaints(options: ComplaintsBenchOptions) {
  fs.mkdirSync(options.workDir, { recursive: true });
  const file = path.join(options.workDir, 'bench-complaints.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const key = generateKey();
  let store = await openStore({ path: file, key, create: true });
  options.log('seeding 2,000 clients…');
  await seedDemoClients(store, systemClock, { clients: 2_000, seed: options.seed, actor: 'bench' });
  const clientIds = (store.raw.prepare('SELECT id FROM clients ORDER BY client_no LIMIT 1000').pluck().all() as string[]).slice();
  const started = performance.now();
  for (let done = store.raw.prepare('SELECT count(*) FROM complaints').pluck().get() as number; done < options.complaints;) {
    const cases = Math.min(BATCH, options.complaints - done);
    await store.db
      .transaction()
      .execute((trx) => seedDemoComplaints(trx, store, systemClock, { cases, seed: options.seed + done, actor: 'bench', clientIds }));
    done += cases;
    options.log(`  ${done} / ${options.complaints} cases`);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  await store.close();

  // Reopened as a workstation starts in the morning.
  store = await openStore({ path: file, key });
  const workstation = await createWorkstation(store, systemClock, { log: () => undefined });
  const call = async <M extends MethodName>(channel: string, method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const res = (await workstation.router(channel, method, input)) as Envelope<OutputOf<M>>;
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value;
  };
  await call('manager', 'auth.setupFirstAdmin', { login: 'admin', displayName: '王建国', password: 'bench-pass-2026' });
  // An officer who signs in, holding the demo officer's cases (the derived column only: the figure is a query's time).
  const officer = await call('manager', 'staff.create', {
    login: 'he.min',
    displayName: '何敏',
    roles: ['complaints'],
    password: 'bench-pass-2026',
  });
  store.raw.prepare("UPDATE complaints SET officer_id = ? WHERE officer_id = (SELECT id FROM staff WHERE login = 'ts01')").run(officer.id);
  await call('officer', 'auth.signIn', { login: 'he.min', password: 'bench-pass-2026' });

  const views = ['open', 'overdue', 'mine', 'near', 'open'] as const;
  const list: number[] = [];
  for (let i = 0; i < options.queries; i++) {
    const view = views[i % views.length]!;
    const t0 = performance.now();
    const who = view === 'mine' ? 'officer' : 'manager';
    const first = await call(who, 'complaints.list', { view, after: null, limit: 50 });
    list.push(performance.now() - t0);
    if (first.next && i % 2 === 0) {
      const t1 = performance.now();
      await call(who, 'complaints.list', { view, after: first.next, limit: 50 });
      list.push(performance.now() - t1);
    }
  }

  const today = localDate(Date.now(), workstation.app.settings.timeZone);
  const year = { from: addDays(addMonths(today, -12), 1), to: today };
  const report: number[] = [];
  let received = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    received = (await call('manager', 'complaints.report', year)).received;
    report.push(performance.now() - t0);
  }

  const intake: number[] = [];
  for (let i = 0; i < options.queries; i++) {
    const t0 = performance.now();
    await call('manager', 'complaints.create', {
      complainantKind: 'anonymous',
      complainantName: '赵先生',
      complainantContact: `137${String(i).padStart(8, '0')}`,
      channel: 'phone',
      businessLine: 'credit_card',
      cause: 'pricing_and_fees',
      description: '信用卡年费未经告知被扣收',
      severity: 'medium',
    });
    intake.push(performance.now() - t0);
  }
  const outbox = store.raw.prepare("SELECT count(*) FROM outbox WHERE table_name LIKE 'complaint%'").pluck().get() as number;
  const bytes = fs.statSync(file).size;
  await workstation.stop();
  await store.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

  const sortedReport = [...report].sort((a, b) => a - b);
  return {
    complaints: options.complaints,
    seed_seconds: Math.round(seedSeconds * 10) / 10,
    database_mb: Math.round(bytes / 1e5) / 10,
    list: percentiles(list),
    report: { ms: Math.round(sortedReport[3]! * 10) / 10, max_ms: Math.round(sortedReport.at(-1)! * 10) / 10, cases_in_year: received },
    intake: { ...percentiles(intake), outbox_records: outbox },
  };
}
