import crypto from 'node:crypto';
import {
  decodePasswordHash,
  encodePasswordHash,
  PASSWORD_SCRYPT,
  scryptOptions,
  type ScryptParams,
} from '../../src-shared/domain/password-hash';

export interface PasswordHash {
  hash: string;
  salt: string;
}

/** scrypt on libuv's thread pool: a second of hashing never stalls the workstation's other calls. */
function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, PASSWORD_SCRYPT.keyLength, scryptOptions(params), (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.randomBytes(PASSWORD_SCRYPT.saltLength);
  const key = await derive(password, salt, PASSWORD_SCRYPT);
  return { hash: encodePasswordHash(PASSWORD_SCRYPT, key.toString('hex')), salt: salt.toString('hex') };
}

/** Compares in constant time; an unreadable stored hash never matches. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const decoded = decodePasswordHash(stored.hash);
  if (!decoded) return false;
  const expected = Buffer.from(decoded.keyHex, 'hex');
  const actual = await derive(password, Buffer.from(stored.salt, 'hex'), decoded.params);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/**
 * A hash of nothing anyone knows, made once: an unknown or disabled login is checked against it, so it takes as long
 * as a real one and the answer cannot tell which logins exist.
 */
let decoy: Promise<PasswordHash> | null = null;
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(crypto.randomBytes(24).toString('hex'));
  return decoy;
}
