import { z } from 'zod';
import { method } from './define';
import { jobIdSchema } from './jobs';

/** A hub address: http(s) only, as typed by an administrator. */
/** This machine: the only place a hub may be reached over plain HTTP (a TLS proxy in front of it, a test). */
export function isLoopbackHost(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(hostname.toLowerCase());
}

/** Why a hub address may not be used, or null: client data travels over HTTPS, except to this machine. */
export function hubUrlProblem(text: string): 'validation.hub_url' | 'validation.hub_url_https' | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'validation.hub_url';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'validation.hub_url';
  return isLoopbackHost(url.hostname) ? null : 'validation.hub_url_https';
}

/** A hub address: https, or http to this machine only (issue 9), as typed by an administrator. */
export const hubUrlSchema = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .max(300)
  .superRefine((text, ctx) => {
    const problem = hubUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** One-time enrollment code as the hub prints it (groups of letters and digits; dashes and case are ignored). */
export const enrollmentCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{12,32}$/, { message: 'validation.enrollment_code' }));

/** The last failure, as a message key the renderer translates ("the hub cannot be reached", …). */
export const syncErrorSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  at: z.string(),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  hubUrl: z.string().nullable(),
  branchId: z.string().nullable(),
  deviceId: z.string(),
  /** UTC ISO time of the last sync that pushed and pulled everything without error. */
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** Local changes not yet acknowledged by the hub. */
  pendingChanges: z.number().int().nonnegative(),
  /** Received changes waiting for something to arrive first (their client) or for a person (a clash): kept, never dropped. */
  parkedChanges: z.number().int().nonnegative(),
  running: z.boolean(),
  lastError: syncErrorSchema.nullable(),
  /** When the next automatic attempt is due (after a failure: backed off with jitter). */
  nextAttemptAt: z.string().nullable(),
  /** This workstation's clock minus the hub's, measured on the last exchange; null before the first. */
  clockOffsetMs: z.number().nullable(),
  /** The clock is far enough off that staff should have it fixed (stamps are corrected meanwhile). */
  clockWrong: z.boolean(),
  /** Demo clients held here: a workstation holding demo data is not enrolled until it is removed. */
  demoClients: z.number().int().nonnegative(),
  /** Restored from a backup and not yet caught up with the hub (its own later changes come back on the next sync). */
  restoring: z.boolean(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncResultSchema = z.object({
  pushed: z.number().int().nonnegative(),
  pulled: z.number().int().nonnegative(),
  status: syncStatusSchema,
});

/** Why a pulled change waits: its client has not arrived, it clashes with a local row, or it is not valid here. */
export const PARKED_REASONS = ['missing_parent', 'client_no_taken', 'login_taken', 'incomplete', 'invalid'] as const;

export const parkedChangeSchema = z.object({
  seq: z.number().int(),
  table: z.string(),
  rowId: z.string(),
  /** One of PARKED_REASONS (an older workstation may have stored another word: shown as it is). */
  reason: z.string(),
  /** What made it invalid, for `invalid`. */
  detail: z.string().nullable(),
  parkedAt: z.string(),
  /** A few words on what it is about: the client's name, the day of a contact. */
  about: z.string().nullable(),
});
export type ParkedChange = z.infer<typeof parkedChangeSchema>;

export const syncContract = {
  'sync.status': method({ input: z.object({}), output: syncStatusSchema, access: 'session', audit: false, passive: true }),
  /** Trades a one-time code from the hub for this workstation's device token (kept in the encrypted store). */
  'sync.enroll': method({
    input: z.object({ hubUrl: hubUrlSchema, code: enrollmentCodeSchema }),
    output: syncStatusSchema,
    access: ['admin'],
    audit: true,
  }),
  /** Pushes and pulls now, with progress as `job.progress` events under `jobId`; `jobs.cancel` stops it between pages. */
  'sync.now': method({
    input: z.object({ jobId: jobIdSchema }),
    output: syncResultSchema,
    access: 'session',
    audit: false,
  }),
  /** Pulled changes waiting longer than the `parkedReviewDays` setting, oldest first, keyset-paged by `seq`. */
  'sync.parked': method({
    input: z.object({
      after: z.number().int().nonnegative().nullable().default(null),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({
      rows: z.array(parkedChangeSchema),
      total: z.number().int().nonnegative(),
      nextAfter: z.number().int().nullable(),
      olderThanDays: z.number().int(),
    }),
    access: 'session',
    audit: false,
  }),
  /** An administrator discards long-waiting parked changes (the ones named, or all of them), with a reason. */
  'sync.discardParked': method({
    input: z
      .object({
        seqs: z.array(z.number().int().positive()).min(1).max(1000).optional(),
        all: z.boolean().optional(),
        reason: z.string().trim().min(4, { message: 'validation.reason_required' }).max(200),
      })
      .refine((v) => (v.seqs !== undefined) !== (v.all === true), { message: 'validation.parked_which', path: ['seqs'] }),
    output: z.object({ discarded: z.number().int().nonnegative() }),
    access: ['admin'],
    audit: true,
  }),
};
