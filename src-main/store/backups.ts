import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../src-shared/contract/errors';
import { verifyAttachedAuditChain } from '../audit/log';
import { backupTo, notThisBranchDesk } from './maintenance';
import type { Store } from './open';

/**
 * Backups an administrator takes in the app (Settings), beside `admin backup`: a consistent copy, still encrypted
 * with this workstation's key, in the data folder's `backups` folder, checked before it is reported as taken.
 */
export interface BackupFile {
  name: string;
  bytes: number;
  at: string;
}

const NAME = /^branchdesk-[0-9TZ-]+\.db$/;

export function backupsFolder(store: Store): string {
  return path.join(path.dirname(store.path), 'backups');
}

/** Takes a backup, checks it opens with this key and holds a whole store, and returns it; a bad copy is removed. */
export function takeBackup(store: Store, now: Date): BackupFile & { folder: string; auditEntries: number } {
  const folder = backupsFolder(store);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = `branchdesk-${now.toISOString().replace(/[:.]/g, '-')}.db`;
  const file = path.join(folder, name);
  backupTo(store, file);
  try {
    const auditEntries = checkCopy(store, file);
    return { name, bytes: fs.statSync(file).size, at: now.toISOString(), folder, auditEntries };
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** The backups in the folder, newest first. */
export function listBackups(store: Store): BackupFile[] {
  const folder = backupsFolder(store);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => NAME.test(name))
    .map((name) => {
      const stat = fs.statSync(path.join(folder, name));
      return { name, bytes: stat.size, at: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/**
 * Reads the copy through this connection (ATTACH without a key uses the store's own): BranchDesk's application id,
 * only known migrations, SQLite's integrity check and an unbroken audit chain. Returns the audit entries it holds.
 */
function checkCopy(store: Store, file: string): number {
  const bad = (why: string) => new AppError('INTERNAL', 'errors.backup.check_failed', `the backup ${file} failed its check: ${why}`);
  store.raw.prepare("ATTACH DATABASE ? AS 'backup_check'").run(file);
  try {
    const foreign = notThisBranchDesk(store.raw, 'backup_check');
    if (foreign) throw bad(foreign);
    const integrity = (store.raw.pragma('backup_check.integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw bad(`integrity: ${integrity.join('; ')}`);
    const audit = verifyAttachedAuditChain(store.raw, 'backup_check');
    if (!audit.ok) {
      // The copy is faithful: it is the store's own log that is broken, and restore refuses such a backup.
      throw new AppError(
        'CONFLICT',
        'errors.backup.audit_broken',
        `the audit log is broken at entry ${audit.firstBadSeq}: ${audit.problem}`,
        {
          params: { seq: audit.firstBadSeq ?? 0 },
        },
      );
    }
    return audit.entries;
  } finally {
    store.raw.prepare("DETACH DATABASE 'backup_check'").run();
  }
}
