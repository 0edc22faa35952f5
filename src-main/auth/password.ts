import crypto from 'node:crypto';
import { PASSWORD_SCRYPT } from '../../src-shared/domain/password-hash';

// Per-user salt; the parameters are shared with head office's staff import.
const { cost: PARAMS, keyLength: LENGTH, saltLength: SALT } = PASSWORD_SCRYPT;

export interface PasswordHash {
  hash: string;
  salt: string;
}

export function hashPassword(password: string): PasswordHash {
  const salt = crypto.randomBytes(SALT);
  const hash = crypto.scryptSync(password.normalize('NFC'), salt, LENGTH, PARAMS);
  return { hash: hash.toString('hex'), salt: salt.toString('hex') };
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = crypto.scryptSync(password.normalize('NFC'), Buffer.from(stored.salt, 'hex'), LENGTH, PARAMS);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
