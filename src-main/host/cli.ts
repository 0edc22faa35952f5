import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors';
import { systemClock } from '../../src-shared/domain/clock';
import { DEFAULT_DATA_DIR, dataFiles } from '../store/data-dir';
import { openHeadless } from '../store/headless';
import { acquirePidLock } from '../store/pid-lock';
import { seedDemoClients } from '../clients/seed/run';
import { transportRefusalRecorder } from '../audit/refusals';
import { createWorkstation } from '../workstation';
import { startHost } from './server';

// `npm run start:browser -- [--data-dir DIR] [--port N] [--key-file FILE]`
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    port: { type: 'string', default: '5180' },
    'key-file': { type: 'string' },
    'renderer-dir': { type: 'string' },
    // First run seeds a small demo archive so a training session has clients to find; --no-demo skips it.
    'demo-clients': { type: 'string', default: '2000' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const rendererDir = values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer', import.meta.url));

async function main(): Promise<void> {
  const dataDir = path.resolve(values['data-dir']);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquirePidLock(dataFiles(dataDir).pidFile);
  const { store, created } = await openHeadless({ dataDir, keyFile: values['key-file'], env: process.env, create: true });
  if (created && !values['no-demo']) {
    const report = await seedDemoClients(store, systemClock, {
      clients: Number(values['demo-clients']),
      seed: 1,
      actor: 'start:browser',
      onProgress: (done, total) => console.log(`demo data: ${done} / ${total} clients`),
    });
    console.log(`demo data: ${report.clients} synthetic clients (client numbers ${report.firstClientNo}…)`);
  }
  const workstation = await createWorkstation(store, systemClock);
  const host = await startHost({
    router: workstation.router,
    rendererDir,
    port: Number(values.port),
    onRefused: transportRefusalRecorder(workstation.app),
  });
  workstation.app.emit = (channel, event, payload) => host.emit(channel, event, payload);
  let reported = -1;
  workstation.app.reminders.onProgress = (done, total) => {
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
    if (tenth !== reported && total > 0) console.log(`reminders: ${done} / ${total} clients computed for today`);
    reported = tenth;
  };
  // Syncs on its own once enrolled (a workstation that is not enrolled just waits for the Sync page); today's
  // reminders for every client not yet computed today (all of them on a new day), in the background.
  workstation.start();
  console.log(`BranchDesk browser host — data in ${dataDir}`);
  console.log(`Open: ${host.openUrl}`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await workstation.stop();
    await host.close();
    await store.close();
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError ? `BranchDesk: ${err.message}` : err);
  process.exit(1);
});
