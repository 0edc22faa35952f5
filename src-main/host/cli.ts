import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors';
import { systemClock } from '../../src-shared/domain/clock';
import { createApp } from '../app';
import { handlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { DEFAULT_DATA_DIR, dataFiles } from '../store/data-dir';
import { openHeadless } from '../store/headless';
import { acquirePidLock } from '../store/pid-lock';
import { startHost } from './server';

// `npm run start:browser -- [--data-dir DIR] [--port N] [--key-file FILE]`
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    port: { type: 'string', default: '5180' },
    'key-file': { type: 'string' },
    'renderer-dir': { type: 'string' },
  },
});

const rendererDir = values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer', import.meta.url));

async function main(): Promise<void> {
  const dataDir = path.resolve(values['data-dir']);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquirePidLock(dataFiles(dataDir).pidFile);
  const { store } = await openHeadless({ dataDir, keyFile: values['key-file'], env: process.env, create: true });
  const app = await createApp(store, systemClock);
  const host = await startHost({ router: createRouter(app, handlers), rendererDir, port: Number(values.port) });
  console.log(`BranchDesk browser host — data in ${dataDir}`);
  console.log(`Open: ${host.openUrl}`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
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
