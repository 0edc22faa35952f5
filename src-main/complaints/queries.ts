import type { Kysely } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { ComplaintCase, ComplaintSummary, COMPLAINT_LIST_VIEWS } from '../../src-shared/contract/complaints';
import {
  type ComplaintChannel,
  type ComplaintSeverity,
  type ComplaintStatus,
  daysLeft,
  deadlineState,
  foldCase,
  handlesComplaints,
  stepsFrom,
} from '../../src-shared/domain/complaints';
import { addDays } from '../../src-shared/domain/calendar-date';
import type { AppCore } from '../app';
import { todayOf } from '../app';
import type { Database } from '../store/schema';
import { caseAttachments } from './attachments';
import { caseEvents, openCase } from './state';

type View = (typeof COMPLAINT_LIST_VIEWS)[number];
export interface ListPage {
  cases: ComplaintSummary[];
  next: { dueOn: string; id: string } | null;
}

/** The sort key the pages walk: the due day for cases still waiting, the day of receipt (newest first) for the rest. */
const OPEN_VIEWS: readonly View[] = ['open', 'overdue', 'near', 'mine'];

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('clients as cl', 'cl.id', 'c.client_id')
    .leftJoin('staff as o', 'o.id', 'c.officer_id')
    .select([
      'c.id',
      'c.case_no',
      'c.status',
      'c.channel',
      'c.business_line',
      'c.cause',
      'c.severity',
      'c.complainant_name',
      'cl.name as client_name',
      'c.received_on',
      'c.due_on',
      'o.display_name as officer_name',
      'c.conflicts',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow, today: string, nearDays: number): ComplaintSummary {
  return {
    id: row.id,
    caseNo: row.case_no,
    status: row.status as ComplaintStatus,
    channel: row.channel as ComplaintChannel,
    businessLine: row.business_line,
    cause: row.cause,
    severity: row.severity as ComplaintSeverity,
    complainant: row.client_name ?? row.complainant_name ?? '',
    receivedOn: row.received_on,
    dueOn: row.due_on,
    daysLeft: row.due_on ? daysLeft(today, row.due_on) : null,
    deadline: row.due_on ? deadlineState(today, row.due_on, nearDays) : null,
    officerName: row.officer_name,
    conflicts: row.conflicts > 0,
  };
}

/** One page of a view of the case list, keyset-paged on (sort day, id). */
export async function listComplaints(
  app: AppCore,
  staff: Staff,
  input: { view: View; after: { dueOn: string; id: string } | null; limit: number },
): Promise<ListPage> {
  const today = todayOf(app);
  const nearDays = app.settings.complaintNearDays;
  const byDue = OPEN_VIEWS.includes(input.view);
  let q = summaryQuery(app.store.db);
  if (!handlesComplaints(staff.roles) || input.view === 'taken_by_me') q = q.where('c.taken_by', '=', staff.id);
  if (byDue) q = q.where(openCase);
  if (input.view === 'closed') q = q.where('c.status', 'in', ['closed', 'withdrawn']);
  if (input.view === 'overdue') q = q.where('c.due_on', '<', today);
  if (input.view === 'near') q = q.where('c.due_on', '>=', today).where('c.due_on', '<=', addDays(today, nearDays));
  if (input.view === 'mine') q = q.where('c.officer_id', '=', staff.id);
  const { after } = input;
  if (byDue) {
    if (after)
      q = q.where((eb) => eb.or([eb('c.due_on', '>', after.dueOn), eb.and([eb('c.due_on', '=', after.dueOn), eb('c.id', '>', after.id)])]));
    q = q.orderBy('c.due_on', 'asc').orderBy('c.id', 'asc');
  } else {
    if (after)
      q = q.where((eb) =>
        eb.or([eb('c.received_on', '<', after.dueOn), eb.and([eb('c.received_on', '=', after.dueOn), eb('c.id', '<', after.id)])]),
      );
    q = q.orderBy('c.received_on', 'desc').orderBy('c.id', 'desc');
  }
  const rows = await q.limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    cases: page.map((row) => toSummary(row, today, nearDays)),
    next: rows.length > input.limit && last ? { dueOn: (byDue ? last.due_on : last.received_on) ?? '', id: last.id } : null,
  };
}

/** How many deadline cases the worklist and the alert show at most (the Complaints page lists every one). */
const DEADLINE_LIMIT = 50;

/**
 * The open cases whose deadline has passed or is near (DOMAIN.md §5), soonest first: for a complaint officer their
 * own cases and the ones nobody has been assigned yet; for a manager every case of the branch. Feeds the worklist,
 * the count beside Complaints and the alert when a case becomes near or overdue.
 */
export async function complaintDeadlines(app: AppCore, staff: Staff) {
  const today = todayOf(app);
  const nearDays = app.settings.complaintNearDays;
  const horizon = addDays(today, nearDays);
  const manager = staff.roles.includes('manager');
  const scoped = <Q extends ReturnType<typeof summaryQuery>>(q: Q) =>
    q
      .where(openCase)
      .where('c.due_on', '<=', horizon)
      .$if(!manager, (w) => w.where((eb) => eb.or([eb('c.officer_id', '=', staff.id), eb('c.officer_id', 'is', null)])));
  const rows = await scoped(summaryQuery(app.store.db)).orderBy('c.due_on').orderBy('c.id').limit(DEADLINE_LIMIT).execute();
  const counted = await scoped(summaryQuery(app.store.db))
    .clearSelect()
    .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>(eb('c.due_on', '<', today)).as('overdue')])
    .executeTakeFirstOrThrow();
  const overdue = Number(counted.overdue ?? 0);
  return { overdue, near: Number(counted.all) - overdue, cases: rows.map((row) => toSummary(row, today, nearDays)) };
}

/**
 * One case: whole, with its history and the steps this member of staff may take, for officers and managers; its
 * status only for the member of staff who took it; to anyone else it does not exist.
 */
export async function getComplaint(app: AppCore, staff: Staff, id: string): Promise<ComplaintCase> {
  const db = app.store.db;
  const row = await summaryQuery(db)
    .leftJoin('staff as t', 't.id', 'c.taken_by')
    .select([
      'c.client_id',
      'c.complainant_kind',
      'c.complainant_contact',
      'c.authority_ref',
      'c.representatives',
      'c.description',
      'c.request',
      'c.amount_fen',
      'c.staff_involved',
      'c.received_at',
      'c.regulator_ref',
      'c.regulator_due',
      'c.taken_by',
      't.display_name as taken_by_name',
      'c.extension',
      'c.outcome',
      'c.escalated_to',
      'c.officer_id',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  const whole = handlesComplaints(staff.roles);
  if (!row || (!whole && row.taken_by !== staff.id)) {
    throw new AppError('NOT_FOUND', 'errors.complaints.not_found', 'no such case', { params: { id } });
  }
  const summary = toSummary(row, todayOf(app), app.settings.complaintNearDays);
  if (!whole) return { ...summary, content: null };

  const involvedIds = JSON.parse(row.staff_involved) as string[];
  const involved =
    involvedIds.length === 0 ? [] : await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', involvedIds).execute();
  const { rows: events, events: folded } = caseEvents(app.store.raw, id);
  const conflicts = new Set(foldCase(row.received_on, folded).conflicts);
  const named = involvedIds.includes(staff.id);
  return {
    ...summary,
    content: {
      clientId: row.client_id,
      complainantKind: row.complainant_kind as NonNullable<ComplaintCase['content']>['complainantKind'],
      complainantContact: row.complainant_contact,
      authorityRef: row.authority_ref,
      representatives: JSON.parse(row.representatives) as { name: string; contact: string }[],
      description: row.description,
      request: row.request,
      amountFen: row.amount_fen,
      staffInvolved: involved.map((s) => ({ id: s.id, name: s.display_name })),
      receivedAt: row.received_at,
      regulatorRef: row.regulator_ref,
      regulatorDue: row.regulator_due,
      takenByName: row.taken_by_name,
      extension: row.extension as NonNullable<ComplaintCase['content']>['extension'],
      outcome: row.outcome as NonNullable<ComplaintCase['content']>['outcome'],
      escalatedTo: row.escalated_to as NonNullable<ComplaintCase['content']>['escalatedTo'],
      officerId: row.officer_id,
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind as NonNullable<ComplaintCase['content']>['events'][number]['kind'],
        at: e.at,
        staffName: e.staff_name,
        fromStatus: e.from_status as ComplaintStatus,
        data: JSON.parse(e.data) as Record<string, unknown>,
        note: e.note,
        correctsId: e.corrects_id,
        conflict: conflicts.has(e.id),
      })),
      attachments: await caseAttachments(db, id),
      // 回避: a member of staff the complaint names may only add a note.
      steps: named ? ['note'] : stepsFrom(summary.status),
    },
  };
}
