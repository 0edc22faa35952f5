import crypto from 'node:crypto';

// Per-user salt, scrypt N=2^15: ~60 ms a check, slow enough against guessing, fast enough at the counter.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const LENGTH = 32;

export interface PasswordHash {
  hash: string;
  salt: string;
}

export function hashPassword(password: string): PasswordHash {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password.normalize('NFC'), salt, LENGTH, PARAMS);
  return { hash: hash.toString('hex'), salt: salt.toString('hex') };
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = crypto.scryptSync(password.normalize('NFC'), Buffer.from(stored.salt, 'hex'), LENGTH, PARAMS);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
