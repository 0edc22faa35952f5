/**
 * The writer the crash harness kills (test/bench/crash.ts): a workstation doing a branch's work as fast as it can —
 * contacts, small imports, reminder actions, syncs that pull head office's pages — against the encrypted store in
 * `dataDir`. After each write is acknowledged (its transaction committed) it prints one line `{"ack": …}`; stdout
 * to a pipe is synchronous on Linux, so a printed acknowledgement reaches the harness even if SIGKILL comes next.
 *
 * `node --import tsx test/bench/crash-writer.ts <dataDir> <seed>`
 */
import path from 'node:path';
import { systemClock } from '../../src-shared/domain/clock';
import { makeMainlandId } from '../../src-shared/domain/id-number';
import { Rng } from '../../src-main/clients/seed/random';
import { dataFiles } from '../../src-main/store/data-dir';
import { readKeyFile } from '../../src-main/store/key';
import { openStore } from '../../src-main/store/open';
import { readState, SYNC_STATE } from '../../src-main/sync/state';
import { createWorkstation } from '../../src-main/workstation';
import { ADMIN_LOGIN, ADMIN_PASSWORD, KEY_FILE } from './crash-setup';

const [dataDir = '', seedText = '1'] = process.argv.slice(2);
const rng = new Rng(Number(seedText));
const W = 'writer';

function ack(kind: string, value: unknown): void {
  process.stdout.write(`${JSON.stringify({ ack: kind, value })}\n`);
}

const store = await openStore({ path: dataFiles(dataDir).database, key: readKeyFile(path.join(dataDir, KEY_FILE)) });
// Small pages and batches: many transactions, so a kill lands inside one often.
const ws = await createWorkstation(store, systemClock, { sync: { pullPage: 40, pushBatch: 25 }, log: () => undefined });
const signIn = await ws.router(W, 'auth.signIn', { login: ADMIN_LOGIN, password: ADMIN_PASSWORD });
if (!signIn.ok) throw new Error(signIn.error.message);
process.stdout.write('{"ready":true}\n');

const call = async (method: string, input: unknown) => {
  const res = await ws.router(W, method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.key} ${res.error.message}`);
  return res.value as Record<string, unknown>;
};
const clientIds = () => store.raw.prepare('SELECT id FROM clients ORDER BY rowid DESC LIMIT 200').pluck().all() as string[];

let n = 0;
for (;;) {
  n++;
  try {
    await step();
  } catch (error) {
    // A refusal is not a crash: say so (the harness counts them) and go on.
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}

async function step(): Promise<void> {
  const r = rng.next();
  const ids = clientIds();
  if (r < 0.45 && ids.length > 0) {
    const clientId = rng.pick(ids);
    const followUp = rng.chance(0.3) ? { product: '稳健理财90天', due: new Date().toISOString().slice(0, 10) } : null;
    const contact = await call('clients.logContact', { clientId, channel: 'phone', content: `回访 ${n}`, followUp });
    ack('contact', contact.id);
  } else if (r < 0.6) {
    const rows = Array.from({ length: 5 }, (_, i) => {
      const no = `64${seedText.padStart(5, '0').slice(-5)}${String(n).padStart(4, '0')}${i}`;
      const id = makeMainlandId('110105', '1985-06-15', String(rng.int(0, 999)).padStart(3, '0'));
      return `${no},导入${n}-${i},${id},1391234${String(rng.int(0, 9999)).padStart(4, '0')}`;
    });
    const contentBase64 = Buffer.from(['客户号,姓名,证件号码,手机号', ...rows].join('\r\n')).toString('base64');
    const report = await call('clients.import', {
      jobId: `0000${Number(seedText).toString(16)}-${n.toString(16).padStart(8, '0')}`,
      fileName: 'batch.csv',
      contentBase64,
      dryRun: false,
    });
    if (report.imported === 5)
      ack(
        'import',
        rows.map((line) => line.split(',')[0]),
      );
  } else if (r < 0.8) {
    const page = await call('reminders.worklist', { limit: 50 });
    const rows = (page.rows as { clientId: string; key: string; kind: string }[]) ?? [];
    if (rows.length > 0) {
      const row = rng.pick(rows);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const action = row.kind === 'follow_up' ? { action: 'done' } : { action: 'snoozed', until: tomorrow };
      const result = await call('reminders.act', { clientId: row.clientId, key: row.key, ...action });
      ack('reminder', result.id);
    }
  } else {
    await ws.app.sync.syncNow();
    ack('sync', Number((await readState(store.db, SYNC_STATE.cursor)) ?? 0));
  }
}
