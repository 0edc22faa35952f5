import { z } from 'zod';
import { REMINDER_ACTIONS, REMINDER_KINDS, type ReminderKind } from '../domain/reminders';

export { REMINDER_KINDS, type ReminderKind };
import { method } from './define';
import { TIERS } from './clients';
import { WORKLIST_GROUPS } from '../domain/worklist';

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
  /** 0 most urgent (domain/worklist.ts). */
  urgency: z.number().int(),
  group: z.enum(WORKLIST_GROUPS),
  /** A cadence item long overdue: how many cadence periods have been missed (its one line stands for them all). */
  missed: z.number().int().nullable(),
});
export type WorklistRow = z.infer<typeof worklistRowSchema>;

/**
 * Where a worklist page ends. The list runs in urgency order, then due date, client and key, which makes every
 * position unique: the next page starts strictly after this quadruple.
 */
export const worklistCursorSchema = z.object({ urgency: z.number().int().min(0).max(9), dueDate: isoDate, clientId, key: reminderKey });
export type WorklistCursor = z.infer<typeof worklistCursorSchema>;

/** Which part of the worklist: a group, a kind, a tier, a relationship manager's clients (managers only). */
export const worklistFiltersSchema = z.object({
  group: z.enum(WORKLIST_GROUPS).optional(),
  kind: z.enum(REMINDER_KINDS).optional(),
  tier: z.enum(TIERS).optional(),
  /** A manager's or administrator's view of one relationship manager's clients; ignored for everyone else. */
  managerId: z.string().min(1).max(64).optional(),
});
export type WorklistFilters = z.infer<typeof worklistFiltersSchema>;

export const worklistCountsSchema = z.object({
  overdue: z.number().int(),
  today: z.number().int(),
  upcoming: z.number().int(),
  long_overdue: z.number().int(),
  /** The open large outflows: the items to act on within 24 hours. */
  urgent: z.number().int(),
  /** Of those, the ones past their day (at the head of the overdue group; the others head today's). */
  urgentOverdue: z.number().int(),
  /** The newest of those, for the notification that one arrived. */
  latestUrgent: z.object({ clientId: z.string(), clientName: z.string(), key: z.string(), kind: z.enum(REMINDER_KINDS) }).nullable(),
});
export type WorklistCounts = z.infer<typeof worklistCountsSchema>;

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
   * The signed-in staff member's open reminders — their own clients (relationship manager), or the whole branch for
   * managers and administrators — in one group (or all) by urgency then due date, keyset-paged (`after` is the
   * previous page's `nextCursor`). `refreshing`: the daily pass is still computing today's reminders.
   */
  'reminders.worklist': method({
    input: worklistFiltersSchema.extend({
      after: worklistCursorSchema.nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
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
  /** How many items each group of the worklist holds under these filters (the headers and the navigation's count). */
  'reminders.counts': method({
    input: worklistFiltersSchema.omit({ group: true }),
    output: worklistCountsSchema,
    access: 'session',
    audit: false,
  }),
  /**
   * Done (optionally with the contact that did it), snoozed until a day (today to a year ahead), or dismissed with a
   * reason. Refused with CONFLICT (errors.reminders.not_open) when the reminder is not open for this client.
   */
  'reminders.act': method({ input: reminderActInput, output: z.object({ id: z.string() }), access: 'session', audit: true }),
};
