import { z } from 'zod';
import { method } from './define';

export const backupFileSchema = z.object({
  /** File name inside the data folder's `backups` folder. */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  at: z.string(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

/**
 * The store's own care, for administrators in the app (issue 9), as `admin verify` and `admin backup` do it at the
 * command line: a consistent encrypted backup checked before it is reported, and a check of the live store.
 */
export const storeContract = {
  /** The backups taken so far, newest first, and the folder they are in. */
  'store.backups': method({
    input: z.object({}),
    output: z.object({ folder: z.string(), backups: z.array(backupFileSchema) }),
    access: ['admin'],
    audit: false,
  }),
  /** Takes a backup into the data folder's `backups` folder and checks it (key, integrity, audit chain). */
  'store.backup': method({
    input: z.object({}),
    output: backupFileSchema.extend({ folder: z.string(), auditEntries: z.number().int().nonnegative() }),
    access: ['admin'],
    audit: true,
  }),
  /** SQLite's integrity check, foreign keys and the audit chain of the live store. */
  'store.verify': method({
    input: z.object({}),
    output: z.object({
      ok: z.boolean(),
      integrity: z.array(z.string()),
      foreignKeys: z.number().int().nonnegative(),
      audit: z.object({
        ok: z.boolean(),
        entries: z.number().int().nonnegative(),
        firstBadSeq: z.number().int().nullable(),
        problem: z.string().nullable(),
      }),
    }),
    access: ['admin'],
    audit: true,
  }),
};
