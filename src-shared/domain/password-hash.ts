/**
 * How staff passwords are hashed, on the workstation (src-main/auth/password.ts) and by head office's staff import
 * (src-hub/import/staff.ts), which may not import each other: one set of parameters, so a first password set at head
 * office is verified at the branch. scrypt over the NFC form of the password, a random salt, both hex.
 * N=2^15: ~60 ms a check, slow enough against guessing, fast enough at the counter.
 */
export const PASSWORD_SCRYPT = {
  cost: { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
  keyLength: 32,
  saltLength: 16,
} as const;
