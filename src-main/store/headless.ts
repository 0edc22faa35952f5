import fs from 'node:fs';
import { dataFiles } from './data-dir';
import { headlessKeySource, resolveHeadlessKey } from './key';
import { openStore, type Store } from './open';

export interface HeadlessOptions {
  dataDir: string;
  keyFile?: string;
  /** The desktop store's recovery key, as typed (admin --recovery-key). */
  recoveryKey?: string;
  env: NodeJS.ProcessEnv;
  /** First run: create the folder, the key material and the database. */
  create: boolean;
}

/** Opens the store without Electron (admin CLI, browser host, tests): key from a passphrase, a key file or
 * the desktop store's recovery key. */
export async function openHeadless(options: HeadlessOptions): Promise<{ store: Store; key: Buffer; created: boolean }> {
  const files = dataFiles(options.dataDir);
  const firstRun = options.create && !fs.existsSync(files.database);
  if (firstRun) fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const key = resolveHeadlessKey(files, headlessKeySource(files, options.env, options.keyFile, options.recoveryKey), firstRun);
  const store = await openStore({ path: files.database, key, create: firstRun });
  return { store, key, created: firstRun };
}
