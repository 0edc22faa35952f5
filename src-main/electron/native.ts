import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3-multiple-ciphers built for Electron's ABI. node_modules keeps the Node build for tests and the
 * admin CLI; scripts/electron-native.mjs builds the Electron one into .electron-native/, and electron-builder copies
 * it to resources/native/. Undefined when absent: the default build is then tried and fails with an ABI message.
 */
export function electronNativeBinding(): string | undefined {
  const file = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(app.getAppPath(), '.electron-native', 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(file)) return file;
  console.warn(`BranchDesk: no Electron build of the SQLite module at ${file}; run node scripts/electron-native.mjs`);
  return undefined;
}
