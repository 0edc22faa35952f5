import type { Kysely, Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import { EVENT_ROLES, type EventDetail, type EventPlan, type EventSummary, segmentSchema } from '../../src-shared/contract/events';
import { addDays } from '../../src-shared/domain/calendar-date';
import { localDate } from '../../src-shared/domain/clock';
import { type EventStatus, type EventStep, eventStepFrom, type EventType } from '../../src-shared/domain/events';
import type { AppCore } from '../app';
import { rederiveClients } from '../clients/rederive';
import type { Database } from '../store/schema';
import { nextHlc } from '../sync/device-clock';
import { newRowColumns, recordChange } from '../sync/outbox';
import { refreshEvents } from './state';

type Trx = Transaction<Database>;

/** The plan can change until the event is held; after that only its actual cost, until it is reviewed. */
const PLAN_EDITABLE: readonly EventStatus[] = ['draft', 'open', 'closed'];
const COST_EDITABLE: readonly EventStatus[] = [...PLAN_EDITABLE, 'held'];

export function managesEvents(staff: Staff): boolean {
  return EVENT_ROLES.some((role) => staff.roles.includes(role));
}

/** The refusal for an event id this workstation does not hold (every events service says it the same way). */
export function eventNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', 'errors.events.not_found', 'no such event', { params: { id } });
}

function planColumns(app: AppCore, plan: EventPlan) {
  return {
    title: plan.title,
    type: plan.type,
    starts_at: new Date(plan.startsAt).toISOString(),
    starts_on: localDate(Date.parse(plan.startsAt), app.settings.timeZone),
    ends_at: plan.endsAt === null ? null : new Date(plan.endsAt).toISOString(),
    venue: plan.venue,
    capacity: plan.capacity,
    segment: JSON.stringify(plan.segment),
    cost_per_head_fen: plan.costPerHeadFen,
    cost_total_fen: plan.costTotalFen,
    actual_cost_fen: plan.actualCostFen,
    host: plan.host,
    speakers: plan.speakers,
    description: plan.description,
  };
}

/**
 * Plans an event or changes its plan (DOMAIN.md §6, 003 行动方案). A new event starts as a draft. A held event keeps
 * its plan (only the actual cost may still be entered); a reviewed or cancelled one is closed to changes. A smaller
 * capacity never unseats anyone silently: the fold moves the last seated back to the waitlist and their callers are
 * told, like any move.
 */
export async function saveEvent(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  id: string | null,
  plan: EventPlan,
  options: { demo?: boolean } = {},
): Promise<string> {
  if (id === null) {
    const base = await newRowColumns(trx, app.clock);
    await trx
      .insertInto('events')
      .values({ ...base, ...planColumns(app, plan), created_by: staff.id, cancelled_hlc: null, demo: options.demo ? 1 : 0 })
      .execute();
    await recordChange(trx, app.clock, { table: 'events', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
    refreshEvents(app.store.raw, [base.id]);
    return base.id;
  }
  const event = await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!event) throw eventNotFound(id);
  const status = event.status as EventStatus;
  const columns = planColumns(app, plan);
  if (!PLAN_EDITABLE.includes(status)) {
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((c) => c !== 'actual_cost_fen' && columns[c] !== event[c]);
    if (!COST_EDITABLE.includes(status) || changed.length > 0) {
      throw new AppError('CONFLICT', 'errors.events.plan_closed', `the plan of a ${status} event cannot change`, { params: { status } });
    }
  }
  const hlc = await nextHlc(trx, app.clock);
  await trx
    .updateTable('events')
    .set({ ...columns, updated_hlc: hlc })
    .where('id', '=', id)
    .execute();
  await recordChange(trx, app.clock, { table: 'events', rowId: id, hlc, change: { op: 'update', fields: Object.keys(columns) } });
  refreshEvents(app.store.raw, [id]);
  return id;
}

/**
 * Moves an event on (opened, closed for sign-up, held, reviewed, cancelled): refused when the event has moved on
 * since the screen showed it or the step is not allowed from its state; a cancellation needs its reason, and puts a
 * "tell the guest" item on the worklist of whoever invited each accepted guest (the fold does).
 */
export async function takeEventStep(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  id: string,
  expected: EventStatus,
  step: EventStep,
  reason: string | null,
) {
  const event = await trx.selectFrom('events').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!event) throw eventNotFound(id);
  const status = event.status as EventStatus;
  if (status !== expected) {
    throw new AppError('CONFLICT', 'errors.events.moved_on', `the event is ${status} now, not ${expected}`, { params: { status } });
  }
  if (eventStepFrom(status, step) === null) {
    throw new AppError('CONFLICT', 'errors.events.step_not_allowed', `${step} is not allowed from ${status}`, { params: { status, step } });
  }
  if (step === 'cancelled' && reason === null) {
    throw new AppError('VALIDATION', 'errors.events.reason_required', 'a cancellation needs its reason', {
      issues: [{ path: 'reason', key: 'validation.required', message: 'reason required' }],
    });
  }
  const base = await newRowColumns(trx, app.clock);
  await trx
    .insertInto('event_steps')
    .values({ ...base, event_id: id, step, reason, staff_id: staff.id, staff_name: staff.displayName, at: base.created_at })
    .execute();
  await recordChange(trx, app.clock, { table: 'event_steps', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  refreshEvents(app.store.raw, [id]);
  // Held: those who came are due the after-event survey (DOMAIN.md §7); their worklists follow now, not tomorrow.
  if (step === 'held') {
    const came = await trx.selectFrom('event_checkins').select('client_id').distinct().where('event_id', '=', id).execute();
    rederiveClients(
      app,
      came.map((c) => c.client_id),
    );
  }
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('events')
    .select([
      'id',
      'title',
      'type',
      'starts_at',
      'starts_on',
      'venue',
      'capacity',
      'status',
      'guests',
      'invited',
      'seated',
      'waitlisted',
      'checked_in',
      'demo',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): EventSummary {
  return {
    id: row.id,
    title: row.title,
    type: row.type as EventType,
    startsAt: row.starts_at,
    startsOn: row.starts_on,
    venue: row.venue,
    capacity: row.capacity,
    status: row.status as EventStatus,
    counts: { guests: row.guests, invited: row.invited, seated: row.seated, waitlisted: row.waitlisted, checkedIn: row.checked_in },
    practice: row.demo === 1,
  };
}

/** The branch's events: upcoming (not yet held, or from today on) soonest first; past ones latest first. */
export async function listEvents(db: Kysely<Database>, view: 'upcoming' | 'past' | 'all', today: string): Promise<EventSummary[]> {
  const live = ['draft', 'open', 'closed'];
  let q = summaryQuery(db).where('deleted_hlc', 'is', null);
  if (view === 'upcoming')
    q = q
      .where((eb) => eb.or([eb('status', 'in', live), eb('starts_on', '>=', today)]))
      .orderBy('starts_on')
      .orderBy('starts_at');
  else if (view === 'past')
    q = q.where('status', 'not in', live).where('starts_on', '<', today).orderBy('starts_on', 'desc').orderBy('starts_at', 'desc');
  else q = q.orderBy('starts_on', 'desc').orderBy('starts_at', 'desc');
  return (await q.limit(500).execute()).map(toSummary);
}

export async function getEvent(db: Kysely<Database>, staff: Staff, id: string): Promise<EventDetail> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw eventNotFound(id);
  const steps = await db
    .selectFrom('event_steps')
    .select(['step', 'reason', 'staff_name', 'at'])
    .where('event_id', '=', id)
    .orderBy('updated_hlc')
    .execute();
  return {
    ...toSummary(row),
    plan: {
      title: row.title,
      type: row.type as EventType,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      venue: row.venue,
      capacity: row.capacity,
      segment: segmentSchema.parse(JSON.parse(row.segment)),
      costPerHeadFen: row.cost_per_head_fen,
      costTotalFen: row.cost_total_fen,
      actualCostFen: row.actual_cost_fen,
      host: row.host,
      speakers: row.speakers,
      description: row.description,
    },
    createdBy: row.created_by,
    steps: steps.map((s) => ({ step: s.step as EventStep, reason: s.reason, staffName: s.staff_name, at: s.at })),
    canManage: managesEvents(staff),
  };
}

/** An event's counts as last folded (guests on the list, invited, seated, waiting, arrived). */
export async function eventCounts(db: Kysely<Database> | Trx, id: string) {
  const e = await db
    .selectFrom('events')
    .select(['guests', 'invited', 'seated', 'waitlisted', 'checked_in'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { guests: e.guests, invited: e.invited, seated: e.seated, waitlisted: e.waitlisted, checkedIn: e.checked_in };
}

/** The events a client is listed for or came to, from 90 days back to 60 ahead, soonest first (not drafts). */
export async function eventsForClient(db: Kysely<Database>, clientId: string, today: string) {
  const rows = await db
    .selectFrom('events as e')
    .select(['e.id', 'e.title', 'e.starts_at', 'e.status'])
    .where('e.starts_on', '>=', addDays(today, -90))
    .where('e.starts_on', '<=', addDays(today, 60))
    .where('e.status', '!=', 'draft')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('event_guests as g')
            .select('g.id')
            .whereRef('g.event_id', '=', 'e.id')
            .where('g.client_id', '=', clientId)
            .where('g.state', 'not in', ['duplicate', 'removed']),
        ),
        eb.exists(
          eb.selectFrom('event_checkins as k').select('k.id').whereRef('k.event_id', '=', 'e.id').where('k.client_id', '=', clientId),
        ),
      ]),
    )
    .orderBy('e.starts_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, status: r.status as EventStatus }));
}
