import crypto from 'node:crypto';
import {
  decodePasswordHash,
  encodePasswordHash,
  isOutdatedPasswordHash,
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

export async function hashPassword(password: string, params: ScryptParams = PASSWORD_SCRYPT): Promise<PasswordHash> {
  const salt = crypto.randomBytes(PASSWORD_SCRYPT.saltLength);
  const key = await derive(password, salt, params);
  return { hash: encodePasswordHash(params, key.toString('hex')), salt: salt.toString('hex') };
}

/** Compares in constant time; an unreadable stored hash never matches. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const decoded = decodePasswordHash(stored.hash);
  if (!decoded) return false;
  const expected = Buffer.from(decoded.keyHex, 'hex');
  const actual = await derive(password, Buffer.from(stored.salt, 'hex'), decoded.params);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** How a workstation hashes and checks passwords: at the production cost, unless a test asks for a cheaper one. */
export interface PasswordHasher {
  hash(password: string): Promise<PasswordHash>;
  verify(password: string, stored: PasswordHash): Promise<boolean>;
  /** What an unknown or disabled login is checked against, at the same cost as a real one. */
  decoy(): Promise<PasswordHash>;
  /** Made with weaker parameters than this hasher's: replaced at the next sign-in. */
  isOutdated(storedHash: string): boolean;
}

/**
 * The production hasher (N=2^17), or one of another cost: the unit tests sign hundreds of staff in and out, and a
 * second of scrypt each would be most of their time. Hashes carry their parameters, so either verifies the other's.
 */
export function passwordHasher(params: ScryptParams = PASSWORD_SCRYPT): PasswordHasher {
  // A hash of nothing anyone knows, made once: an unknown or disabled login is checked against it, so it takes as
  // long as a real one and the answer cannot tell which logins exist.
  let decoy: Promise<PasswordHash> | null = null;
  return {
    hash: (password) => hashPassword(password, params),
    verify: verifyPassword,
    decoy: () => (decoy ??= hashPassword(crypto.randomBytes(24).toString('hex'), params)),
    isOutdated: (stored) => isOutdatedPasswordHash(stored, params),
  };
}
