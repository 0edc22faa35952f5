import path from 'node:path';

/** Where each file of a workstation lives inside its data folder. */
export function dataFiles(dataDir: string) {
  return {
    dir: dataDir,
    database: path.join(dataDir, 'branchdesk.db'),
    /** scrypt salt for a passphrase-derived key (not secret). */
    salt: path.join(dataDir, 'branchdesk.salt'),
    /** Raw key file, used headless when no passphrase is given (the browser host's embedded default). */
    keyFile: path.join(dataDir, 'branchdesk.key'),
    /** The key wrapped by Electron safeStorage (OS keychain / DPAPI). */
    wrappedKey: path.join(dataDir, 'branchdesk.key.safe'),
    /** The pid of the process that has the store open; restore refuses while it lives. */
    pidFile: path.join(dataDir, 'branchdesk.pid'),
  };
}
export type DataFiles = ReturnType<typeof dataFiles>;

export const DEFAULT_DATA_DIR = '.branchdesk';
