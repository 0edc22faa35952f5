/**
 * How staff passwords are hashed, on the workstation (src-main/auth/password.ts) and by head office's staff import
 * (src-hub/import/staff.ts), which may not import each other: one set of parameters, so a first password set at head
 * office is verified at the branch. scrypt over the NFC form of the password with a random salt, both hex.
 *
 * N=2^17, r=8, p=1 (OWASP's password storage guidance for scrypt): about a second a check on a branch PC, run off
 * the main thread. The parameters travel with the hash (`scrypt:17:8:1:<hex>`), so they can be raised again; a hash
 * without them is from the first version (N=2^15) and is replaced at the next sign-in.
 */
export const PASSWORD_SCRYPT = {
  log2N: 17,
  r: 8,
  p: 1,
  keyLength: 32,
  saltLength: 16,
} as const;

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

const LEGACY: ScryptParams = { log2N: 15, r: 8, p: 1 };

/** The stored form: parameters, then the derived key. */
export function encodePasswordHash(params: ScryptParams, keyHex: string): string {
  return `scrypt:${params.log2N}:${params.r}:${params.p}:${keyHex}`;
}

/** The parameters and the key of a stored hash (a bare hex key is the first version's). */
export function decodePasswordHash(stored: string): { params: ScryptParams; keyHex: string } | null {
  if (/^[0-9a-f]{64}$/.test(stored)) return { params: LEGACY, keyHex: stored };
  const m = /^scrypt:(\d{1,2}):(\d{1,2}):(\d{1,2}):([0-9a-f]{64})$/.exec(stored);
  if (!m) return null;
  return { params: { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }, keyHex: m[4]! };
}

/** Whether a stored hash was made with weaker parameters than `params` (it is replaced at the next sign-in). */
export function isOutdatedPasswordHash(stored: string, params: ScryptParams = PASSWORD_SCRYPT): boolean {
  const decoded = decodePasswordHash(stored);
  return decoded === null || decoded.params.log2N < params.log2N;
}

/** Node's scrypt options for these parameters (memory: 128 · N · r bytes, with room to spare). */
export function scryptOptions(params: ScryptParams): { N: number; r: number; p: number; maxmem: number } {
  const N = 2 ** params.log2N;
  return { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
}
