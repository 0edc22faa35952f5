import { z } from 'zod';
import { REMINDER_ACTIONS, REMINDER_KINDS, type ReminderKind } from '../domain/reminders';

export { REMINDER_KINDS, type ReminderKind };
import { method } from './define';
import { TIERS } from './clients';

const clientId = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
const reminderKey = z.string().min(1).max(200);

/** One open reminder (DOMAIN.md §3): what, when, and whether its day has passed. */
export const reminderSchema = z.object({
  kind: z.enum(REMINDER_KINDS),
  key: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  refId: z.string().nullable(),
  detail: z.string().nullable(),
});
export type ReminderView = z.infer<typeof reminderSchema>;

/** A worklist row: the reminder and who it is about (masked data only: name and client number). */
export const worklistRowSchema = reminderSchema.extend({
  clientId: z.string(),
  clientNo: z.string(),
  clientName: z.string(),
  tier: z.enum(TIERS),
});
export type WorklistRow = z.infer<typeof worklistRowSchema>;

/**
 * Where a worklist page ends. The list runs in due-date order (so overdue reminders come first), then client and
 * key, which makes every position unique: the next page starts strictly after this triple.
 */
export const worklistCursorSchema = z.object({ dueDate: isoDate, clientId, key: reminderKey });
export type WorklistCursor = z.infer<typeof worklistCursorSchema>;

export const reminderActInput = z
  .object({
    clientId,
    key: reminderKey,
    action: z.enum(REMINDER_ACTIONS),
    /** A snooze hides the reminder through this day. */
    until: isoDate.nullable().default(null),
    /** Why it is dismissed: required, so nothing vanishes without a word (DOMAIN.md §3). */
    reason: z.string().trim().max(200).nullable().default(null),
    /** The contact that did it. */
    contactId: z.string().max(64).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'snoozed' && !v.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'validation.snooze_until' });
    if (v.action === 'dismissed' && (v.reason ?? '').length < 4) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.reason_required' });
    }
  });

export const remindersContract = {
  /** The client's open reminders, earliest first, computed from the facts as they are now. */
  'reminders.forClient': method({
    input: z.object({ clientId }),
    output: z.object({ reminders: z.array(reminderSchema) }),
    access: 'session',
    audit: false,
  }),
  /**
   * The signed-in staff member's due and overdue reminders — their own clients (relationship manager), or the whole
   * branch for managers and administrators — overdue first, then by due date, keyset-paged (`after` is the
   * previous page's `nextCursor`). `refreshing`: the daily pass is still computing today's reminders.
   */
  'reminders.worklist': method({
    input: z.object({
      after: worklistCursorSchema.nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
      kind: z.enum(REMINDER_KINDS).optional(),
      overdueOnly: z.boolean().default(false),
    }),
    output: z.object({
      rows: z.array(worklistRowSchema),
      nextCursor: worklistCursorSchema.nullable(),
      refreshing: z.boolean(),
      /** How far the daily pass is, while it runs. */
      refreshProgress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
    }),
    access: 'session',
    audit: false,
  }),
  /**
   * Done (optionally with the contact that did it), snoozed until a day (today to a year ahead), or dismissed with a
   * reason. Refused with CONFLICT (errors.reminders.not_open) when the reminder is not open for this client.
   */
  'reminders.act': method({ input: reminderActInput, output: z.object({ id: z.string() }), access: 'session', audit: true }),
};
