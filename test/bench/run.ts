import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchClients } from './clients';
import { benchComplaints } from './complaints';
import { crashHarness } from './crash';
import { benchEvents } from './events';
import { benchReports } from './reports';
import { benchSurveys } from './surveys';
import { benchSync } from './sync';
import { benchWorklist } from './worklist';

// `npm run bench -- clients [--clients 200000] [--seed 1] [--queries 300] [--json]`
// `npm run bench -- sync [--clients 100000] [--push 100000] [--runs 50] [--json]`: prints figures, never asserts.
// `npm run bench -- complaints [--complaints 50000] [--queries 300] [--json]`: list, report and intake times.
// `npm run bench -- events [--clients 200000] [--queries 300] [--json]`: segment count, door search and accept times.
// `npm run bench -- surveys [--responses 200000] [--clients 20000] [--queries 300] [--json]`: entry and report times.
// `npm run bench -- worklist [--clients 200000] [--queries 300] [--json]`: reminders from nothing, one client, home screen.
// `npm run bench -- reports [--clients 200000] [--json]`: the clients report for the last 12 months.
// `npm run bench -- crash [--runs 200] [--seed 1] [--json]`: kills a writer at random moments, checks after each.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    clients: { type: 'string' },
    complaints: { type: 'string', default: '50000' },
    responses: { type: 'string', default: '200000' },
    push: { type: 'string', default: '100000' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    'work-dir': { type: 'string', default: path.join(os.tmpdir(), 'branchdesk-bench') },
  },
});

const log = (m: string) => console.error(m);
const which = positionals[0] ?? 'clients';
let result: unknown;
if (which === 'clients') {
  result = await benchClients({
    clients: Number(values.clients ?? 200_000),
    seed: Number(values.seed),
    queries: Number(values.queries),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'sync') {
  result = await benchSync({
    clients: Number(values.clients ?? 100_000),
    pushChanges: Number(values.push),
    incrementalRuns: Number(values.runs ?? 50),
    seed: Number(values.seed),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'complaints') {
  result = await benchComplaints({
    complaints: Number(values.complaints),
    seed: Number(values.seed),
    queries: Number(values.queries),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'events') {
  result = await benchEvents({
    clients: Number(values.clients ?? 200_000),
    seed: Number(values.seed),
    queries: Number(values.queries),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'surveys') {
  result = await benchSurveys({
    responses: Number(values.responses),
    clients: Number(values.clients ?? 20_000),
    seed: Number(values.seed),
    queries: Number(values.queries),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'worklist') {
  result = await benchWorklist({
    clients: Number(values.clients ?? 200_000),
    seed: Number(values.seed),
    queries: Number(values.queries),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'reports') {
  result = await benchReports({
    clients: Number(values.clients ?? 200_000),
    seed: Number(values.seed),
    workDir: values['work-dir'],
    log,
  });
} else if (which === 'crash') {
  result = await crashHarness({
    runs: Number(values.runs ?? 200),
    seed: Number(values.seed),
    maxKillAfterMs: 1500,
    workDir: values['work-dir'],
    log,
  });
} else {
  console.error(`unknown benchmark: ${which} (available: clients, sync, complaints, events, surveys, worklist, reports, crash)`);
  process.exit(2);
}
console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
