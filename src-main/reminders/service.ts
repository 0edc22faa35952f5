import { type Kysely, type RawBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { z } from 'zod';
import { AppError, type Settings, type Staff } from '../../src-shared/contract';
import type {
  reminderActInput,
  ReminderView,
  WorklistCounts,
  WorklistCursor,
  WorklistFilters,
  WorklistRow,
} from '../../src-shared/contract/reminders';
import type { Clock } from '../../src-shared/domain/clock';
import { addDays } from '../../src-shared/domain/calendar-date';
import { cadenceDaysOf, isOverdue, type Reminder, type ReminderKind, type ReminderPolicy } from '../../src-shared/domain/reminders';
import { CADENCE_RANK, groupOf, URGENT_RANK, WORKLIST_GROUPS, missedCadences, type WorklistGroup } from '../../src-shared/domain/worklist';
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
 * Whose items a call lists. A manager or an administrator: the whole branch, or one relationship manager's clients
 * (`managerId`: the clients that manager manages, as the report's figures per manager count them). Everyone else their
 * own: the items of the clients they manage, and — whoever manages the client — the call-backs they took on
 * themselves: the follow-ups they promised (a contact they logged with a follow-up) and the low scores of clients
 * nobody manages that they took down (a survey they entered). A counter clerk manages few clients or none, yet
 * promises call-backs every day.
 */
interface WorklistScope {
  /** The managed clients' items (or the branch's), on a row `r` of the stored reminders or of their tally. */
  managed: RawBuilder<SqlBool>[];
  /** The call-backs taken on for clients managed by others or nobody (own worklists), on a stored reminder `r`. */
  calledBack: RawBuilder<SqlBool>[] | null;
}

function scopeOf(staff: Staff, filters: WorklistFilters): WorklistScope {
  const branch = seesWholeBranch(staff);
  const managerId = branch ? filters.managerId : staff.id;
  const filtered = [
    ...(filters.kind ? [sql<SqlBool>`r.kind = ${filters.kind}`] : []),
    ...(filters.tier ? [sql<SqlBool>`r.tier = ${filters.tier}`] : []),
  ];
  return {
    managed: [...(managerId ? [sql<SqlBool>`r.manager_id = ${managerId}`] : []), ...filtered],
    calledBack: branch
      ? null
      : [
          sql<SqlBool>`(r.manager_id IS NULL OR r.manager_id <> ${staff.id})`,
          sql<SqlBool>`((r.kind = 'follow_up' AND EXISTS (SELECT 1 FROM contacts k WHERE k.id = r.ref_id AND k.staff_id = ${staff.id}))
            OR (r.kind = 'survey_follow_up' AND r.manager_id IS NULL
              AND EXISTS (SELECT 1 FROM survey_responses v WHERE v.id = r.ref_id AND v.staff_id = ${staff.id})))`,
          ...filtered,
        ],
  };
}

/** The scope's parts, each walked on its own index (they hold no item in common). */
function partsOf(scope: WorklistScope): RawBuilder<SqlBool>[][] {
  return scope.calledBack ? [scope.managed, scope.calledBack] : [scope.managed];
}

/** The day before which a cadence item is long overdue (folded into one line per client). */
export function longOverdueSince(today: string, settings: Pick<Settings, 'longOverdueDays'>): string {
  return addDays(today, -settings.longOverdueDays);
}

/**
 * Each group's rule (`groupOf`, domain/worklist.ts) in SQL, on a row aliased `r` of the stored reminders or their
 * tally: the one definition the worklist's pages, its counts and the report's overdue per manager all read.
 */
export function inGroupSql(group: WorklistGroup, today: string, since: string): RawBuilder<SqlBool> {
  switch (group) {
    case 'upcoming':
      return sql`(r.due_date > ${today} AND r.urgency > ${URGENT_RANK})`;
    case 'today':
      return sql`(r.due_date = ${today} OR (r.due_date > ${today} AND r.urgency = ${URGENT_RANK}))`;
    case 'long_overdue':
      return sql`(r.due_date < ${since} AND r.urgency = ${CADENCE_RANK})`;
    case 'overdue':
      return sql`(r.due_date < ${today} AND (r.urgency < ${CADENCE_RANK} OR r.due_date >= ${since}))`;
  }
}

/** Text in SQLite's order (binary), for merging pages the store ordered. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function where<Q extends { where(condition: RawBuilder<SqlBool>): Q }>(q: Q, conditions: RawBuilder<SqlBool>[]): Q {
  return conditions.reduce((out, c) => out.where(c), q);
}

/**
 * A page of the worklist from the stored reminders (issue 13): one group (or all) in urgency order, then due date.
 * Keyset paging on the (urgency, due_date, client_id, reminder_key) index — the branch's walk, or a relationship
 * manager's through the index led by their id — so a page never sorts the branch's reminders.
 */
export async function worklist(
  db: Kysely<Database>,
  staff: Staff,
  input: WorklistFilters & { after: WorklistCursor | null; limit: number },
  today: string,
  settings: Pick<Settings, 'longOverdueDays'> & ReminderPolicy,
): Promise<{ rows: WorklistRow[]; nextCursor: WorklistCursor | null }> {
  const since = longOverdueSince(today, settings);
  const after = input.after;
  const pageOf = (part: RawBuilder<SqlBool>[]) => {
    let q = where(db.selectFrom('due_reminders as r'), [...part, ...(input.group ? [inGroupSql(input.group, today, since)] : [])]);
    if (after) {
      q = q.where((eb) =>
        eb(
          eb.refTuple('r.urgency', 'r.due_date', 'r.client_id', 'r.reminder_key'),
          '>',
          eb.tuple(after.urgency, after.dueDate, after.clientId, after.key),
        ),
      );
    }
    return q
      .innerJoin('clients as c', 'c.id', 'r.client_id')
      .select([
        'r.client_id',
        'r.reminder_key',
        'r.kind',
        'r.due_date',
        'r.ref_id',
        'r.detail',
        'r.urgency',
        'c.client_no',
        'c.name',
        'c.tier',
      ])
      .where('c.deleted_hlc', 'is', null)
      .orderBy('r.urgency')
      .orderBy('r.due_date')
      .orderBy('r.client_id')
      .orderBy('r.reminder_key')
      .limit(input.limit + 1)
      .execute();
  };
  // Each part's page in walk order, merged: an own worklist is its managed clients' walk and a few call-backs.
  const parts = await Promise.all(partsOf(scopeOf(staff, input)).map(pageOf));
  const rows = parts
    .flat()
    .sort(
      (a, b) =>
        a.urgency - b.urgency ||
        compareText(a.due_date, b.due_date) ||
        compareText(a.client_id, b.client_id) ||
        compareText(a.reminder_key, b.reminder_key),
    )
    .slice(0, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => {
      const kind = r.kind as ReminderKind;
      const tier = r.tier as Tier;
      const group = groupOf({ kind, dueDate: r.due_date }, today, since);
      return {
        clientId: r.client_id,
        clientNo: r.client_no,
        clientName: r.name,
        tier,
        kind,
        key: r.reminder_key,
        dueDate: r.due_date,
        overdue: r.due_date < today,
        refId: r.ref_id,
        detail: r.detail,
        urgency: r.urgency,
        group,
        missed: group === 'long_overdue' ? missedCadences(r.due_date, today, cadenceDaysOf(tier, settings)) : null,
      };
    }),
    nextCursor:
      rows.length > input.limit && last
        ? { urgency: last.urgency, dueDate: last.due_date, clientId: last.client_id, key: last.reminder_key }
        : null,
  };
}

/**
 * How many items each group holds, and the open large outflows (the urgent ones), under the same scope and filters:
 * sums over the tallies kept with the stored reminders (reminders/tallies.ts), a few thousand rows for the branch;
 * the newest urgent item from the reminders' own index.
 */
export async function worklistCounts(
  db: Kysely<Database>,
  staff: Staff,
  filters: Omit<WorklistFilters, 'group'>,
  today: string,
  settings: Pick<Settings, 'longOverdueDays'>,
): Promise<WorklistCounts> {
  const since = longOverdueSince(today, settings);
  const scope = scopeOf(staff, filters);
  // Sums over tally rows, each group by its one rule; the values are bound, never spliced.
  const sum = (when: RawBuilder<SqlBool>, n: RawBuilder<number>) => sql<number>`coalesce(sum(CASE WHEN ${when} THEN ${n} ELSE 0 END), 0)`;
  const sums = (n: RawBuilder<number>) =>
    [
      ...WORKLIST_GROUPS.map((g) => sum(inGroupSql(g, today, since), n).as(g)),
      sum(sql`r.urgency = ${URGENT_RANK}`, n).as('urgent'),
      sum(sql`r.urgency = ${URGENT_RANK} AND r.due_date < ${today}`, n).as('urgent_overdue'),
    ] as const;
  const tallied = await where(db.selectFrom('due_tally as r'), scope.managed)
    .select(sums(sql`r.n`))
    .executeTakeFirstOrThrow();
  // The call-backs taken on for others' clients are a few stored rows, counted as they are.
  const calledBack = scope.calledBack
    ? await where(db.selectFrom('due_reminders as r'), scope.calledBack)
        .select(sums(sql`1`))
        .executeTakeFirstOrThrow()
    : null;
  const row = Object.fromEntries(
    Object.entries(tallied).map(([k, n]) => [k, Number(n) + Number(calledBack?.[k as keyof typeof tallied] ?? 0)]),
  ) as Record<keyof typeof tallied, number>;
  // The newest urgent item: call-backs are never urgent, so the managed part holds it.
  const latest = await where(db.selectFrom('due_reminders as r'), scope.managed)
    .innerJoin('clients as c', 'c.id', 'r.client_id')
    .select(['r.client_id', 'r.reminder_key', 'r.kind', 'c.name'])
    .where('r.urgency', '=', URGENT_RANK)
    .where('c.deleted_hlc', 'is', null)
    .orderBy('r.due_date', 'desc')
    .orderBy('r.reminder_key', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    overdue: Number(row.overdue),
    today: Number(row.today),
    upcoming: Number(row.upcoming),
    long_overdue: Number(row.long_overdue),
    urgent: Number(row.urgent),
    urgentOverdue: Number(row.urgent_overdue),
    latestUrgent: latest
      ? { clientId: latest.client_id, clientName: latest.name, key: latest.reminder_key, kind: latest.kind as ReminderKind }
      : null,
  };
}
