import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../src-shared/contract/errors';
import { KEY_BYTES, PASSPHRASE_SCRYPT } from '../../src-shared/store/cipher';
import type { DataFiles } from './data-dir';
import { decodeRecoveryKey } from './recovery-key';

export { KEY_BYTES };

// The result is the raw key, so opening the database adds no PBKDF2 time (the hub derives its key the same way).
const { cost: SCRYPT, saltLength: SALT_BYTES, minLength: MIN_PASSPHRASE } = PASSPHRASE_SCRYPT;

export function generateKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

export function keyFromPassphrase(passphrase: string, salt: Buffer): Buffer {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new AppError('VALIDATION', 'errors.store.passphrase_short', 'the passphrase must have at least 8 characters');
  }
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, SCRYPT);
}

export function readSalt(files: DataFiles, create: boolean): Buffer {
  if (fs.existsSync(files.salt)) return Buffer.from(fs.readFileSync(files.salt, 'utf8').trim(), 'hex');
  if (!create) throw new AppError('NOT_FOUND', 'errors.store.missing_salt', `the key salt ${files.salt} is missing`);
  const salt = crypto.randomBytes(SALT_BYTES);
  fs.writeFileSync(files.salt, salt.toString('hex') + '\n', { mode: 0o600 });
  return salt;
}

export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new AppError('NOT_FOUND', 'errors.store.missing_key_file', `cannot read the key file ${file}`);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new AppError('VALIDATION', 'errors.store.bad_key_file', `the key file ${file} does not hold 64 hex digits`);
  }
  return Buffer.from(text, 'hex');
}

export function writeKeyFile(file: string, key: Buffer): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, key.toString('hex') + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export type KeySource =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'key-file'; file: string }
  /** The desktop store's recovery key (recovery-key.ts), for when the OS keychain lost the wrapped key. */
  | { kind: 'recovery-key'; key: Buffer };

/**
 * The headless key: from a passphrase through scrypt (salt beside the database), or from a key file.
 * `create` makes the salt or the key file on first run; otherwise their absence is an error.
 */
export function resolveHeadlessKey(files: DataFiles, source: KeySource, create: boolean): Buffer {
  if (source.kind === 'recovery-key') {
    if (create) throw new AppError('VALIDATION', 'errors.validation', 'a recovery key opens an existing store; it cannot create one');
    return Buffer.from(source.key);
  }
  if (source.kind === 'passphrase') return keyFromPassphrase(source.passphrase, readSalt(files, create));
  if (create && !fs.existsSync(source.file)) writeKeyFile(source.file, generateKey());
  return readKeyFile(source.file);
}

/**
 * An explicit recovery key wins (the desktop store whose keychain entry is lost); then BRANCHDESK_PASSPHRASE; then
 * an explicit --key-file; then the data folder's own key file.
 */
export function headlessKeySource(files: DataFiles, env: NodeJS.ProcessEnv, keyFile: string | undefined, recoveryKey?: string): KeySource {
  if (recoveryKey !== undefined) return { kind: 'recovery-key', key: decodeRecoveryKey(recoveryKey) };
  const passphrase = env.BRANCHDESK_PASSPHRASE;
  if (passphrase) return { kind: 'passphrase', passphrase };
  return { kind: 'key-file', file: keyFile ?? files.keyFile };
}
