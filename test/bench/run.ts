import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchClients } from './clients';

// `npm run bench -- clients [--clients 200000] [--seed 1] [--queries 300] [--json]`: prints figures, never asserts.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    clients: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    'work-dir': { type: 'string', default: path.join(os.tmpdir(), 'branchdesk-bench') },
  },
});

const log = (m: string) => console.error(m);
const which = positionals[0] ?? 'clients';
if (which !== 'clients') {
  console.error(`unknown benchmark: ${which} (available: clients)`);
  process.exit(2);
}
const result = await benchClients({
  clients: Number(values.clients),
  seed: Number(values.seed),
  queries: Number(values.queries),
  workDir: values['work-dir'],
  log,
});
console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
