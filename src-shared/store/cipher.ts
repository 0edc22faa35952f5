/**
 * How BranchDesk encrypts a SQLite file, on a workstation (src-main/store/open.ts) and at the head-office hub
 * (src-hub/store-key.ts), which may not import each other: SQLCipher-compatible AES-256 through
 * better-sqlite3-multiple-ciphers, a raw 32-byte key (no PBKDF2 at open), and scrypt where a passphrase stands in
 * for the key. One recipe, so both ends stay readable by the same tools and audited the same way.
 */
export const KEY_BYTES = 32;

/** Run first on a new connection, before the key. */
export const CIPHER_PRAGMAS = ["cipher = 'sqlcipher'", 'legacy = 4'] as const;

/** The key pragma's value for a raw key given as 64 hex digits (quoted, as SQLite3MultipleCiphers takes it). */
export function keyPragmaValue(hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError('the database key must be 32 bytes (64 hex digits)');
  return `"x'${hex}'"`;
}

/** A passphrase becomes the raw key through scrypt; N=2^15 takes ~60 ms, once per start. */
export const PASSPHRASE_SCRYPT = {
  cost: { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
  saltLength: 16,
  minLength: 8,
} as const;
