import fs from 'node:fs';
import path from 'node:path';
import { app, safeStorage } from 'electron';
import type { DataFiles } from '../store/data-dir';
import { generateKey } from '../store/key';

/**
 * The database key in the app: 32 random bytes made at first run, kept wrapped by safeStorage (Keychain, DPAPI,
 * libsecret/kwallet) beside the database. Signal Desktop's guard: the backend that wrapped the key is remembered,
 * and a launch where Chromium picked another one (a locked keyring falling back to plain text) is refused rather
 * than silently re-keyed.
 */

/** A reason the app cannot start, in the staff member's two languages. */
export class KeyError extends Error {
  constructor(
    readonly zh: string,
    en: string,
    /** The database is there but its wrapped key is gone or unreadable: the recovery key can bring it back. */
    readonly recoverable = false,
  ) {
    super(en);
    this.name = 'KeyError';
  }
}

export interface DatabaseKey {
  key: Buffer;
  /** No key existed: the database is to be created. */
  firstRun: boolean;
  backend: string;
}

interface BackendRecord {
  backend: string;
  platform: string;
  createdAt: string;
}

// Chromium's --password-store value for each backend safeStorage reports on Linux.
const LINUX_PASSWORD_STORE: Record<string, string> = {
  basic_text: 'basic',
  gnome_libsecret: 'gnome-libsecret',
  kwallet: 'kwallet',
  kwallet5: 'kwallet5',
  kwallet6: 'kwallet6',
};

const HEX_KEY = /^[0-9a-f]{64}$/;

export function backendFile(files: DataFiles): string {
  return path.join(files.dir, 'branchdesk.key.backend.json');
}

/** Before `ready`: ask Chromium for the backend that wrapped the key, unless the command line names one. */
export function pinKeyBackend(files: DataFiles): void {
  if (process.platform !== 'linux' || app.commandLine.hasSwitch('password-store')) return;
  let flag: string | undefined;
  try {
    const record = readRecord(files);
    flag = record ? LINUX_PASSWORD_STORE[record.backend] : undefined;
  } catch {
    return; // loadDatabaseKey reports the unreadable record once the app can show a dialog
  }
  if (flag) app.commandLine.appendSwitch('password-store', flag);
}

/**
 * Unwraps the key, or makes it on first run. Returns null when the staff member declines to continue on a Linux
 * desktop without a keyring (basic_text: the key would be wrapped with a password built into Chromium).
 */
export function loadDatabaseKey(files: DataFiles, confirmPlainText: () => boolean): DatabaseKey | null {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new KeyError('本机的系统密钥库不可用,无法保护数据库密钥。', 'The OS keystore (safeStorage) is not available.');
  }
  const backend = currentBackend();
  if (fs.existsSync(files.wrappedKey)) {
    const record = readRecord(files);
    if (record && record.backend !== backend) {
      throw new KeyError(
        `数据库密钥保存在 ${record.backend} 中,本次启动使用的是 ${backend}。请恢复原来的密钥库后再启动。`,
        `The database key was stored with ${record.backend}, but this session uses ${backend}. Restore that keystore (or start with --password-store=${LINUX_PASSWORD_STORE[record.backend] ?? record.backend}).`,
      );
    }
    if (!record) writeRecord(files, backend);
    if (backend === 'basic_text') console.warn('BranchDesk: the database key is wrapped with basic_text (no OS keyring)');
    return { key: unwrap(files.wrappedKey), firstRun: false, backend };
  }
  if (fs.existsSync(files.database)) {
    // Never a new key for an existing database: it would only fail to open it (or, worse, invite deleting it).
    throw new KeyError(
      `数据库 ${files.database} 存在,但其密钥文件缺失。请从备份恢复 ${path.basename(files.wrappedKey)}。`,
      `The database ${files.database} exists but its key file ${files.wrappedKey} is missing; restore it from a backup.`,
      true,
    );
  }
  if (backend === 'basic_text' && !confirmPlainText()) return null;
  const key = generateKey();
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeAtomically(files.wrappedKey, safeStorage.encryptString(key.toString('hex')));
  writeRecord(files, backend);
  return { key, firstRun: true, backend };
}

/**
 * After the recovery key opened the database: wraps its key with this session's keystore, so the next launch opens
 * as usual. An unreadable wrapped key is kept aside rather than overwritten.
 */
export function wrapRecoveredKey(files: DataFiles, key: Buffer, now: Date): DatabaseKey {
  const backend = currentBackend();
  if (fs.existsSync(files.wrappedKey))
    fs.renameSync(files.wrappedKey, `${files.wrappedKey}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`);
  writeAtomically(files.wrappedKey, safeStorage.encryptString(key.toString('hex')));
  writeRecord(files, backend);
  return { key, firstRun: false, backend };
}

function currentBackend(): string {
  if (process.platform === 'linux') return safeStorage.getSelectedStorageBackend();
  if (process.platform === 'darwin') return 'keychain';
  if (process.platform === 'win32') return 'dpapi';
  return process.platform;
}

function unwrap(file: string): Buffer {
  let hex: string;
  try {
    hex = safeStorage.decryptString(fs.readFileSync(file));
  } catch {
    throw new KeyError('无法用系统密钥库解开数据库密钥(是否更换了系统用户或密钥库?)。', `safeStorage could not unwrap ${file}.`, true);
  }
  if (!HEX_KEY.test(hex)) {
    throw new KeyError('数据库密钥文件已损坏。', `${file} does not unwrap to a 32-byte key.`);
  }
  return Buffer.from(hex, 'hex');
}

function readRecord(files: DataFiles): BackendRecord | null {
  const file = backendFile(files);
  if (!fs.existsSync(file)) return null;
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value === 'object' && value !== null && typeof (value as BackendRecord).backend === 'string') {
      return value as BackendRecord;
    }
  } catch {
    // fall through to the error below
  }
  throw new KeyError(`密钥库记录 ${file} 无法读取。`, `The keystore record ${file} is unreadable.`);
}

function writeRecord(files: DataFiles, backend: string): void {
  const record: BackendRecord = { backend, platform: process.platform, createdAt: new Date().toISOString() };
  writeAtomically(backendFile(files), Buffer.from(JSON.stringify(record, null, 2) + '\n'));
}

function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
