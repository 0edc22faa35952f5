import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { AppError, type Staff } from '../../src-shared/contract';
import type { reminderActInput, ReminderView, WorklistCursor, WorklistRow } from '../../src-shared/contract/reminders';
import type { Clock } from '../../src-shared/domain/clock';
import { addDays } from '../../src-shared/domain/calendar-date';
import { isOverdue, type Reminder, type ReminderKind } from '../../src-shared/domain/reminders';
import type { Tier } from '../../src-shared/domain/tier';
import type { RawDb } from '../store/open';
import type { Database } from '../store/schema';
import { newRowColumns, recordChange } from '../sync/outbox';
import { computeDue, type DuePolicy } from './due';

export type ReminderActInput = z.output<typeof reminderActInput>;

/** A snooze reaches at most this far: a reminder put off for longer should be dismissed, with its reason. */
const MAX_SNOOZE_DAYS = 366;

function view(r: Reminder, today: string): ReminderView {
  return { kind: r.kind, key: r.key, dueDate: r.dueDate, overdue: isOverdue(r, today), refId: r.refId, detail: r.detail };
}

async function requireClient(db: Kysely<Database> | Transaction<Database>, clientId: string): Promise<void> {
  const client = await db.selectFrom('clients').select('id').where('id', '=', clientId).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: clientId } });
}

/**
 * One client's open reminders, computed now from the facts (cheap for one client, and never a day behind), on the
 * store's connection so no other call's open transaction is read half-done.
 */
export async function remindersForClient(db: Kysely<Database>, raw: RawDb, clientId: string, policy: DuePolicy, today: string) {
  await requireClient(db, clientId);
  const due = await db.connection().execute(() => Promise.resolve(computeDue(raw, [clientId], policy, today)));
  return { reminders: (due.get(clientId) ?? []).map((r) => view(r, today)) };
}

/**
 * Records what a staff member did with one of a client's reminders (append-only, with its outbox record in the same
 * transaction); the caller then rederives the client (its stored reminders follow). The reminder must be due now and
 * not already done or dismissed; a snoozed one may be done, dismissed or snoozed again.
 */
export async function actOnReminder(
  trx: Transaction<Database>,
  raw: RawDb,
  clock: Clock,
  policy: DuePolicy,
  today: string,
  staff: Staff,
  input: ReminderActInput,
): Promise<{ id: string }> {
  await requireClient(trx, input.clientId);
  const due = computeDue(raw, [input.clientId], policy, today, false).get(input.clientId) ?? [];
  const settled = await trx
    .selectFrom('reminder_actions')
    .select('id')
    .where('client_id', '=', input.clientId)
    .where('reminder_key', '=', input.key)
    .where('action', 'in', ['done', 'dismissed'])
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!due.some((r) => r.key === input.key) || settled) {
    throw new AppError('CONFLICT', 'errors.reminders.not_open', 'this reminder is not open for this client', {
      params: { key: input.key },
    });
  }
  if (input.action === 'snoozed') {
    const until = input.until ?? '';
    if (until < today || until > addDays(today, MAX_SNOOZE_DAYS)) {
      throw new AppError('VALIDATION', 'validation.snooze_until', 'snooze to a day from today to a year ahead', {
        issues: [{ path: 'until', key: 'validation.snooze_until', message: until }],
      });
    }
  }
  if (input.contactId) {
    const contact = await trx.selectFrom('contacts').select('client_id').where('id', '=', input.contactId).executeTakeFirst();
    if (contact?.client_id !== input.clientId) {
      throw new AppError('VALIDATION', 'errors.reminders.bad_contact', 'the contact is not this client’s', {
        issues: [{ path: 'contactId', key: 'errors.reminders.bad_contact', message: 'not this client’s contact' }],
      });
    }
  }

  const base = await newRowColumns(trx, clock);
  const row = {
    ...base,
    client_id: input.clientId,
    reminder_key: input.key,
    action: input.action,
    until: input.action === 'snoozed' ? input.until : null,
    reason: input.reason || null,
    contact_id: input.contactId,
    staff_id: staff.id,
    at: base.created_at,
  };
  await trx.insertInto('reminder_actions').values(row).execute();
  await recordChange(trx, clock, { table: 'reminder_actions', rowId: row.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  return { id: row.id };
}

/** Managers and administrators see the whole branch's worklist; everyone else their own clients'. */
export function seesWholeBranch(staff: Staff): boolean {
  return staff.roles.includes('manager') || staff.roles.includes('admin');
}

/**
 * A page of the worklist from the stored reminders: due-date order puts overdue ones (due before today) first.
 * Keyset paging on the (due_date, client_id, reminder_key) index: the walk for the whole branch never sorts, and a
 * relationship manager's walk reads their clients through the manager index and sorts only their reminders.
 */
export async function worklist(
  db: Kysely<Database>,
  staff: Staff,
  input: { after: WorklistCursor | null; limit: number; kind?: ReminderKind; overdueOnly: boolean },
  today: string,
): Promise<{ rows: WorklistRow[]; nextCursor: WorklistCursor | null }> {
  let q = db
    .selectFrom('due_reminders as r')
    .innerJoin('clients as c', 'c.id', 'r.client_id')
    .select(['r.client_id', 'r.reminder_key', 'r.kind', 'r.due_date', 'r.ref_id', 'r.detail', 'c.client_no', 'c.name', 'c.tier'])
    .where('c.deleted_hlc', 'is', null);
  if (!seesWholeBranch(staff)) q = q.where('c.manager_id', '=', staff.id);
  if (input.kind) q = q.where('r.kind', '=', input.kind);
  if (input.overdueOnly) q = q.where('r.due_date', '<', today);
  const after = input.after;
  if (after) {
    q = q.where((eb) =>
      eb(eb.refTuple('r.due_date', 'r.client_id', 'r.reminder_key'), '>', eb.tuple(after.dueDate, after.clientId, after.key)),
    );
  }
  const rows = await q
    .orderBy('r.due_date')
    .orderBy('r.client_id')
    .orderBy('r.reminder_key')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      clientId: r.client_id,
      clientNo: r.client_no,
      clientName: r.name,
      tier: r.tier as Tier,
      kind: r.kind as ReminderKind,
      key: r.reminder_key,
      dueDate: r.due_date,
      overdue: r.due_date < today,
      refId: r.ref_id,
      detail: r.detail,
    })),
    nextCursor: rows.length > input.limit && last ? { dueDate: last.due_date, clientId: last.client_id, key: last.reminder_key } : null,
  };
}
