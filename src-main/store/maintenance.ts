import fs from 'node:fs';
import { AppError } from '../../src-shared/contract/errors';
import { verifyAuditChain, type ChainReport } from '../audit/log';
import { MIGRATIONS } from './migrations';
import { keyPragmaValue, openRaw, openStore, type RawDb, type Store } from './open';

export const BRANCHDESK_APPLICATION_ID = 1111771953; // 'BDK1', set by migration 0001

export interface VerifyReport {
  ok: boolean;
  integrity: string[];
  foreignKeys: number;
  audit: ChainReport;
}

/** SQLite's own integrity check, foreign keys and the audit hash chain (cipher_integrity_check is a no-op here). */
export async function verifyStore(store: Store): Promise<VerifyReport> {
  const integrity = (store.raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeys = (store.raw.pragma('foreign_key_check') as unknown[]).length;
  const audit = await verifyAuditChain(store.db);
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys === 0 && audit.ok;
  return { ok, integrity, foreignKeys, audit };
}

/** A consistent, still-encrypted copy taken while the app runs: VACUUM INTO reads one snapshot under WAL. */
export function backupTo(store: Store, outFile: string): void {
  if (fs.existsSync(outFile)) throw new AppError('CONFLICT', 'errors.backup.exists', `${outFile} exists already`);
  store.raw.prepare('VACUUM INTO ?').run(outFile);
}

/**
 * Why a database (the connection's own, or one attached to it as `schema`) is not a store this BranchDesk can open:
 * another application's file, or one written by a newer BranchDesk. Null when it is ours.
 */
export function notThisBranchDesk(raw: RawDb, schema = 'main'): string | null {
  if (raw.pragma(`${schema}.application_id`, { simple: true }) !== BRANCHDESK_APPLICATION_ID) return 'it is not a BranchDesk database';
  const names = (raw.prepare(`SELECT name FROM ${schema}.kysely_migration`).all() as { name: string }[]).map((r) => r.name);
  const unknown = names.filter((n) => !(n in MIGRATIONS));
  return unknown.length > 0 ? `it was written by a newer BranchDesk (${unknown.join(', ')})` : null;
}

/**
 * Checks that a file is a BranchDesk backup readable with this workstation's key: it opens with the key,
 * carries BranchDesk's application id and only known migrations, and passes the integrity and audit checks.
 */
export async function checkBackup(file: string, key: Buffer): Promise<void> {
  const notBackup = (why: string) =>
    new AppError('VALIDATION', 'errors.backup.not_branchdesk', `${file} is not a usable BranchDesk backup: ${why}`);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'errors.backup.missing', `${file} does not exist`);
  let raw: RawDb;
  try {
    raw = openRaw({ path: file, key, create: false });
  } catch (err) {
    throw notBackup(
      err instanceof AppError && err.key === 'errors.store.wrong_key' ? 'it is not encrypted with this workstation’s key' : String(err),
    );
  }
  try {
    const foreign = notThisBranchDesk(raw);
    if (foreign) throw notBackup(foreign);
  } catch (err) {
    raw.close();
    if (err instanceof AppError) throw err;
    throw notBackup(String(err));
  }
  raw.close();
  // Open read-write on a scratch copy so migration and checks never touch the backup itself.
  const scratch = `${file}.check-${process.pid}`;
  fs.copyFileSync(file, scratch);
  try {
    const store = await openStore({ path: scratch, key });
    try {
      const report = await verifyStore(store);
      if (!report.ok) throw notBackup(report.audit.problem ?? `integrity: ${report.integrity.join('; ')}`);
    } finally {
      await store.close();
    }
  } finally {
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Replaces the database with a checked backup; the replaced file is kept beside it. */
export async function restoreFrom(databasePath: string, backupFile: string, key: Buffer, now: Date): Promise<string> {
  await checkBackup(backupFile, key);
  const kept = `${databasePath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  const staged = `${databasePath}.restoring`;
  fs.copyFileSync(backupFile, staged);
  if (fs.existsSync(databasePath)) {
    // Fold the WAL into the old file first so the kept copy is whole on its own.
    const old = openRaw({ path: databasePath, key });
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    fs.renameSync(databasePath, kept);
  }
  for (const f of [`${databasePath}-wal`, `${databasePath}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(staged, databasePath);
  return kept;
}

/**
 * Re-encrypts the store under a new key. Never rekey in WAL mode (it corrupts): checkpoint, switch the journal
 * to DELETE, rekey, switch back. The caller stores the new key material only after this returns.
 */
export function rekeyStore(databasePath: string, oldKey: Buffer, newKey: Buffer): void {
  const raw = openRaw({ path: databasePath, key: oldKey });
  try {
    raw.pragma('wal_checkpoint(TRUNCATE)');
    // Leaving WAL fails while another connection holds the file (busy, or the mode quietly stays `wal`): rekeying then
    // would corrupt it. Checked, and nothing is changed.
    let mode: string;
    try {
      mode = raw.pragma('journal_mode = DELETE', { simple: true }) as string;
    } catch {
      mode = 'busy';
    }
    if (mode !== 'delete') {
      throw new AppError('CONFLICT', 'errors.store.in_use', 'the database is in use elsewhere; close BranchDesk before changing the key');
    }
    raw.pragma(`rekey = ${keyPragmaValue(newKey)}`);
    raw.pragma('journal_mode = WAL');
  } finally {
    raw.close();
  }
  // Prove the new key opens it before anyone forgets the old one.
  openRaw({ path: databasePath, key: newKey }).close();
}
