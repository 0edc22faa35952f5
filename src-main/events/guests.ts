import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { GUEST_ANSWERS, GUEST_NOTICES, GUEST_STATES, GUEST_VIEWS, Guest, Segment } from '../../src-shared/contract/events';
import { addDays } from '../../src-shared/domain/calendar-date';
import { ageBandBirthDates, type EventStatus, type InvitationChannel } from '../../src-shared/domain/events';
import { uuidv7 } from '../../src-shared/domain/ids';
import { maskMobile } from '../../src-shared/domain/masking';
import type { Tier } from '../../src-shared/domain/tier';
import { todayOf, type AppCore } from '../app';
import { logContact } from '../clients/contacts';
import { rederiveClients } from '../clients/rederive';
import type { ClientsTable, Database } from '../store/schema';
import { DeviceClock, nextHlc } from '../sync/device-clock';
import { changePayload, newRowColumns, recordChange } from '../sync/outbox';
import { deviceIdentity } from '../sync/state';
import { eventNotFound, managesEvents } from './plan';
import { refreshEvents } from './state';

type Trx = Transaction<Database>;
type Db = Kysely<Database> | Trx;
/** Queries over `clients as c`. */
type C = ExpressionBuilder<Database & { c: ClientsTable }, 'c'>;

/** The most clients one segment may put on a list at once (a salon seats tens; a list of thousands is a mistake). */
export const MAX_SEGMENT_ADD = 5000;

const DAY_MS = 86_400_000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The segment's conditions on `clients as c` (DOMAIN.md §6 选择目标客户). Each is an index lookup or a range on the
 * client row; the holdings, contacts and earlier invitations are looked up per client through their client indexes.
 */
function segmentWhere(app: AppCore, event: { id: string; type: string; demo: number }, segment: Segment) {
  const eventId = event.id;
  const eventType = event.type;
  const today = todayOf(app);
  const now = app.clock.now();
  return (eb: C) => {
    // A demo event's guests are demo clients, a real event's real ones: practice never mixes with the branch's work.
    const all = [eb('c.deleted_hlc', 'is', null), eb('c.demo', '=', event.demo)];
    if (segment.tiers.length > 0) all.push(eb('c.tier', 'in', segment.tiers));
    if (segment.lifecycles.length > 0) all.push(eb('c.lifecycle', 'in', segment.lifecycles));
    if (segment.managerId !== null) all.push(eb('c.manager_id', '=', segment.managerId));
    if (segment.interests.length > 0) {
      // Interests are a JSON array of strings: a tag matches as a whole, quoted element.
      all.push(
        eb.or(
          segment.interests.map((tag) => eb(sql`c.interests`, 'like', sql<string>`${`%${escapeLike(JSON.stringify(tag))}%`} ESCAPE '\\'`)),
        ),
      );
    }
    if (segment.ageBands.length > 0) {
      all.push(
        eb.or(
          segment.ageBands.map((band) => {
            const { from, to } = ageBandBirthDates(band, today);
            return from === null ? eb('c.birth_date', '<=', to) : eb.and([eb('c.birth_date', '>=', from), eb('c.birth_date', '<=', to)]);
          }),
        ),
      );
    }
    if (segment.productRisks.length > 0 || segment.product !== null) {
      let held = eb
        .selectFrom('holdings as h')
        .select(sql.lit(1).as('one'))
        .whereRef('h.client_id', '=', 'c.id')
        .where('h.deleted_hlc', 'is', null);
      if (segment.productRisks.length > 0) held = held.where('h.product_risk', 'in', segment.productRisks);
      if (segment.product !== null) {
        const pattern = `%${escapeLike(segment.product)}%`;
        held = held.where((h) =>
          h.or([
            h(sql`h.product_code`, 'like', sql<string>`${pattern} ESCAPE '\\'`),
            h(sql`h.product_name`, 'like', sql<string>`${pattern} ESCAPE '\\'`),
          ]),
        );
      }
      all.push(eb.exists(held));
    }
    const contactedSince = (days: number) =>
      eb.exists(
        eb
          .selectFrom('contacts as k')
          .select(sql.lit(1).as('one'))
          .whereRef('k.client_id', '=', 'c.id')
          .where('k.at', '>=', new Date(now - days * DAY_MS).toISOString()),
      );
    if (segment.contactedWithinDays !== null) all.push(contactedSince(segment.contactedWithinDays));
    if (segment.notContactedDays !== null) all.push(eb.not(contactedSince(segment.notContactedDays)));
    if (segment.notInvitedDays !== null) {
      all.push(
        eb.not(
          eb.exists(
            eb
              .selectFrom('event_guests as pg')
              .innerJoin('events as pe', 'pe.id', 'pg.event_id')
              .select(sql.lit(1).as('one'))
              .whereRef('pg.client_id', '=', 'c.id')
              .where('pg.inviter_id', 'is not', null)
              .where('pe.id', '!=', eventId)
              .where('pe.type', '=', eventType)
              .where('pe.starts_on', '>=', addDays(today, -segment.notInvitedDays)),
          ),
        ),
      );
    }
    return eb.and(all);
  };
}

async function eventOf(db: Db, id: string) {
  const event = await db
    .selectFrom('events')
    .select(['id', 'type', 'status', 'title', 'demo', 'starts_at', 'segment'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!event) throw eventNotFound(id);
  return { ...event, status: event.status as EventStatus };
}

function listedHere(eventId: string) {
  return (eb: C) =>
    eb.exists(
      eb
        .selectFrom('event_guests as lg')
        .select(sql.lit(1).as('one'))
        .where('lg.event_id', '=', eventId)
        .whereRef('lg.client_id', '=', 'c.id'),
    );
}

/**
 * The live count for a segment: how many clients it matches, how many of them a segment may add, and who it leaves
 * out — do-not-disturb, no marketing consent, already on this list. One pass over the matching clients.
 */
export async function segmentCount(db: Db, app: AppCore, eventId: string, segment: Segment) {
  const event = await eventOf(db, eventId);
  const row = await db
    .selectFrom('clients as c')
    .where(segmentWhere(app, event, segment))
    .select((eb) => [
      eb.fn.countAll<number>().as('matching'),
      sql<number>`coalesce(sum(c.do_not_disturb = 1), 0)`.as('dnd'),
      sql<number>`coalesce(sum(c.do_not_disturb = 0 AND c.marketing_consent = 0), 0)`.as('no_consent'),
      sql<number>`coalesce(sum(c.do_not_disturb = 0 AND c.marketing_consent = 1 AND ${listedHere(eventId)(eb)}), 0)`.as('listed'),
    ])
    .executeTakeFirstOrThrow();
  const matching = Number(row.matching);
  const doNotDisturb = Number(row.dnd);
  const noConsent = Number(row.no_consent);
  const alreadyListed = Number(row.listed);
  return { matching, eligible: matching - doNotDisturb - noConsent - alreadyListed, doNotDisturb, noConsent, alreadyListed };
}

/**
 * Puts the segment's eligible clients on the list (never a do-not-disturb client or one without marketing consent:
 * those only by hand, with a reason) and keeps the segment on the plan. One insert per client with its outbox
 * record, in the caller's transaction.
 */
export async function addSegment(trx: Trx, app: AppCore, staff: Staff, eventId: string, segment: Segment): Promise<number> {
  const event = await eventOf(trx, eventId);
  if (!['draft', 'open'].includes(event.status)) {
    throw new AppError('CONFLICT', 'errors.events.list_closed', `the list of a ${event.status} event cannot change`, {
      params: { status: event.status },
    });
  }
  const rows = await trx
    .selectFrom('clients as c')
    .where(segmentWhere(app, event, segment))
    .where('c.do_not_disturb', '=', 0)
    .where('c.marketing_consent', '=', 1)
    .where((eb) => eb.not(listedHere(eventId)(eb)))
    .select('c.id')
    .orderBy('c.tier_rank')
    .orderBy('c.client_no')
    .limit(MAX_SEGMENT_ADD + 1)
    .execute();
  if (rows.length > MAX_SEGMENT_ADD) {
    throw new AppError('VALIDATION', 'errors.events.segment_too_large', `the segment adds more than ${MAX_SEGMENT_ADD} clients`, {
      params: { max: MAX_SEGMENT_ADD },
      issues: [{ path: 'segment', key: 'errors.events.segment_too_large', message: 'too many clients' }],
    });
  }
  const { branchId } = await deviceIdentity(trx, app.clock);
  const stamps = await DeviceClock.load(trx, app.clock);
  const raw = app.store.raw;
  const insert = raw.prepare(
    `INSERT INTO event_guests (id, branch_id, created_at, updated_hlc, event_id, client_id, source, staff_id, staff_name, at)
     VALUES (?, ?, ?, ?, ?, ?, 'segment', ?, ?, ?)`,
  );
  const outbox = raw.prepare('INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES (?, ?, ?, ?, ?)');
  const now = app.clock.now();
  const nowIso = new Date(now).toISOString();
  const inserted = changePayload({ op: 'insert' });
  for (const client of rows) {
    const id = uuidv7(now);
    const hlc = stamps.tick();
    insert.run(id, branchId, nowIso, hlc, eventId, client.id, staff.id, staff.displayName, nowIso);
    // A practice event's list (demo clients only) never leaves the workstation.
    if (event.demo === 0) outbox.run('event_guests', id, hlc, inserted, nowIso);
  }
  await stamps.save(trx);
  // The segment the list was built from stays on the plan.
  const planHlc = await nextHlc(trx, app.clock);
  await trx
    .updateTable('events')
    .set({ segment: JSON.stringify(segment), updated_hlc: planHlc })
    .where('id', '=', eventId)
    .execute();
  await recordChange(trx, app.clock, { table: 'events', rowId: eventId, hlc: planHlc, change: { op: 'update', fields: ['segment'] } });
  refreshEvents(raw, [eventId]);
  return rows.length;
}

/**
 * Adds one client by hand. A do-not-disturb client, or one without marketing consent, needs a reason (DOMAIN.md §6:
 * left out unless added deliberately); the reason stays on the invitation.
 */
export async function addGuest(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  eventId: string,
  clientId: string,
  reason: string | null,
): Promise<string> {
  const event = await eventOf(trx, eventId);
  if (!['draft', 'open'].includes(event.status)) {
    throw new AppError('CONFLICT', 'errors.events.list_closed', `the list of a ${event.status} event cannot change`, {
      params: { status: event.status },
    });
  }
  const client = await trx
    .selectFrom('clients')
    .select(['id', 'do_not_disturb', 'marketing_consent', 'demo'])
    .where('id', '=', clientId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: clientId } });
  checkSameWorld(event.demo, client.demo);
  const listed = await trx
    .selectFrom('event_guests')
    .select('id')
    .where('event_id', '=', eventId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (listed) throw new AppError('CONFLICT', 'errors.events.already_listed', 'the client is on the list already');
  const why =
    client.do_not_disturb === 1 ? 'errors.events.do_not_disturb' : client.marketing_consent === 0 ? 'errors.events.no_consent' : null;
  if (why !== null && reason === null) {
    throw new AppError('VALIDATION', why, 'the client is not to be marketed to: give the reason for inviting them', {
      issues: [{ path: 'reason', key: why, message: 'reason required' }],
    });
  }
  const base = await newRowColumns(trx, app.clock);
  await trx
    .insertInto('event_guests')
    .values({
      ...base,
      event_id: eventId,
      client_id: clientId,
      source: 'hand',
      reason: why === null ? null : reason,
      staff_id: staff.id,
      staff_name: staff.displayName,
      at: base.created_at,
      queue: null,
      inviter_id: null,
      taker_id: null,
      notice: null,
      notice_for: null,
      checked_in_at: null,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'event_guests', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  refreshEvents(app.store.raw, [eventId]);
  return base.id;
}

/** A demo client on a real event (or a real one on a demo event) would carry practice into the branch's records. */
export function checkSameWorld(eventDemo: number, clientDemo: number): void {
  if (eventDemo !== clientDemo) {
    throw new AppError('CONFLICT', 'errors.events.demo_mismatch', 'demo clients go to demo events only, and real clients to real events');
  }
}

async function guestOf(db: Db, guestId: string) {
  const guest = await db
    .selectFrom('event_guests as g')
    .innerJoin('events as e', 'e.id', 'g.event_id')
    .select(['g.id', 'g.event_id', 'g.client_id', 'g.state', 'g.notice', 'e.status', 'e.title', 'e.starts_at'])
    .where('g.id', '=', guestId)
    .executeTakeFirst();
  if (!guest || guest.state === 'duplicate')
    throw new AppError('NOT_FOUND', 'errors.events.guest_not_found', 'no such invitation', { params: { id: guestId } });
  return { ...guest, status: guest.status as EventStatus };
}

function refuse(key: string, message: string, params: Record<string, string> = {}): AppError {
  return new AppError('CONFLICT', key, message, { params });
}

async function appendAnswer(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  guest: { id: string; event_id: string; state: string },
  kind: string,
  extra: { channel?: InvitationChannel; contactId?: string; note?: string | null } = {},
): Promise<void> {
  const base = await newRowColumns(trx, app.clock);
  // What the guest is told now: a seat, or a place in line (the fold compares it with what they have later).
  let seatSeen: string | null = null;
  if (kind === 'accepted') {
    const e = await trx.selectFrom('events').select(['capacity', 'seated']).where('id', '=', guest.event_id).executeTakeFirstOrThrow();
    const holdsSeat = guest.state === 'seated';
    seatSeen = holdsSeat || e.seated < e.capacity ? 'seated' : 'waitlisted';
  } else if (kind === 'told') {
    seatSeen = guest.state === 'seated' || guest.state === 'waitlisted' ? guest.state : null;
  }
  await trx
    .insertInto('event_answers')
    .values({
      ...base,
      event_id: guest.event_id,
      guest_id: guest.id,
      kind,
      channel: extra.channel ?? null,
      contact_id: extra.contactId ?? null,
      seat_seen: seatSeen,
      staff_id: staff.id,
      staff_name: staff.displayName,
      at: base.created_at,
      note: extra.note ?? null,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'event_answers', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  refreshEvents(app.store.raw, [guest.event_id]);
}

const CONTACT_CHANNEL: Record<InvitationChannel, 'phone' | 'letter' | 'email' | 'sms' | 'wechat' | 'counter'> = {
  phone: 'phone',
  letter: 'letter',
  email: 'email',
  sms: 'sms',
  wechat: 'wechat',
  counter: 'counter',
};

/**
 * Records an invitation (003 邀请客户) — by phone, letter, email, SMS, WeChat or at the counter — and the answer the
 * guest gave on the spot, and logs the call as a contact in the client's timeline, naming the event: one write.
 * Invitations go out while the event is open; an acceptance beyond capacity waits in line.
 */
export async function invite(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  input: { guestId: string; channel: InvitationChannel; answer: 'accepted' | 'declined' | 'no_answer' | null; note: string | null },
): Promise<void> {
  const guest = await guestOf(trx, input.guestId);
  if (guest.status !== 'open')
    throw refuse('errors.events.not_open', `invitations go out while the event is open (it is ${guest.status})`, { status: guest.status });
  if (guest.state === 'removed') throw refuse('errors.events.guest_removed', 'the guest was taken off the list');
  const today = todayOf(app);
  const answerWord = input.answer === null ? '' : `（${{ accepted: '接受', declined: '谢绝', no_answer: '未接通' }[input.answer]}）`;
  const contact = await logContact(trx, app.clock, app.settings, today, staff, {
    clientId: guest.client_id,
    channel: CONTACT_CHANNEL[input.channel],
    content: `邀请参加「${guest.title}」${answerWord}`,
    result: input.note,
    followUp: null,
    correctsId: null,
    recommendation: null,
    reminderKey: null,
    eventId: guest.event_id,
  });
  await appendAnswer(trx, app, staff, guest, 'invited', { channel: input.channel, contactId: contact.id, note: input.note });
  const keeps = input.answer === 'accepted' && (guest.state === 'seated' || guest.state === 'waitlisted');
  if (input.answer !== null && !keeps) await answer(trx, app, staff, input.guestId, input.answer, null);
  rederiveClients(app, [guest.client_id]);
}

/**
 * Records a guest's answer: accepted (a seat, or the waitlist when the seats are taken — capacity is never
 * exceeded), declined, no answer, withdrew (their seat frees and the next in line moves up), or taken off the list.
 */
export async function answer(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  guestId: string,
  kind: (typeof GUEST_ANSWERS)[number],
  note: string | null,
): Promise<void> {
  const guest = await guestOf(trx, guestId);
  const open = guest.status === 'open';
  const allowed =
    kind === 'accepted'
      ? open
      : kind === 'removed'
        ? guest.status === 'draft' || open || guest.status === 'closed'
        : open || guest.status === 'closed';
  if (!allowed)
    throw refuse(`errors.events.answer_not_allowed`, `${kind} is not taken while the event is ${guest.status}`, { status: guest.status });
  if (kind !== 'removed' && guest.state === 'listed') throw refuse('errors.events.not_invited', 'record the invitation first');
  if (kind !== 'removed' && guest.state === 'removed') throw refuse('errors.events.guest_removed', 'the guest was taken off the list');
  if (kind === 'withdrew' && guest.state !== 'seated' && guest.state !== 'waitlisted')
    throw refuse('errors.events.not_accepted', 'only an accepted guest can withdraw');
  // Accepting again would put a seated guest at the end of the line: they keep their seat or their place.
  if (kind === 'accepted' && (guest.state === 'seated' || guest.state === 'waitlisted'))
    throw refuse('errors.events.already_accepted', 'the guest has accepted already');
  await appendAnswer(trx, app, staff, guest, kind, { note });
}

/** Records the call a notice asked for: the guest was told of their seat, the waitlist, or the cancellation; or followed up. */
export async function told(trx: Trx, app: AppCore, staff: Staff, guestId: string, note: string | null): Promise<void> {
  const guest = await guestOf(trx, guestId);
  if (guest.notice === null) throw refuse('errors.events.nothing_to_tell', 'no call is owed to this guest');
  await appendAnswer(trx, app, staff, guest, guest.notice === 'follow_up' ? 'followed_up' : 'told', { note });
}

export function guestQuery(db: Db) {
  return db
    .selectFrom('event_guests as g')
    .innerJoin('clients as c', 'c.id', 'g.client_id')
    .leftJoin('staff as s', 's.id', 'g.inviter_id')
    .select((eb) => [
      'g.id',
      'g.event_id',
      'g.client_id',
      'c.client_no',
      'c.name',
      'c.initials',
      'c.tier',
      'c.mobile',
      'g.state',
      'g.queue',
      'g.source',
      'g.reason',
      's.display_name as inviter_name',
      'g.notice',
      'g.checked_in_at',
      eb
        .selectFrom('event_answers as a')
        .select('a.channel')
        .whereRef('a.guest_id', '=', 'g.id')
        .where('a.kind', '=', 'invited')
        .orderBy('a.updated_hlc', 'desc')
        .limit(1)
        .as('channel'),
    ]);
}

type GuestRow = Awaited<ReturnType<ReturnType<typeof guestQuery>['executeTakeFirstOrThrow']>>;

export function toGuest(row: GuestRow): Guest {
  return {
    id: row.id,
    eventId: row.event_id,
    clientId: row.client_id,
    clientNo: row.client_no,
    name: row.name,
    initials: row.initials,
    tier: row.tier as Tier,
    maskedMobile: row.mobile === null ? null : maskMobile(row.mobile),
    state: row.state as (typeof GUEST_STATES)[number],
    queue: row.queue,
    source: row.source as Guest['source'],
    reason: row.reason,
    inviterName: row.inviter_name,
    channel: row.channel as InvitationChannel | null,
    notice: row.notice as (typeof GUEST_NOTICES)[number] | null,
    checkedInAt: row.checked_in_at,
  };
}

export async function getGuest(db: Db, guestId: string): Promise<Guest> {
  return toGuest(await guestQuery(db).where('g.id', '=', guestId).executeTakeFirstOrThrow());
}

/** One view of the list: the seated and the waitlist by seat order, the others in the order they were added. */
export async function listGuests(db: Db, eventId: string, view: (typeof GUEST_VIEWS)[number], limit: number): Promise<Guest[]> {
  let q = guestQuery(db).where('g.event_id', '=', eventId);
  if (view === 'all') q = q.where('g.state', 'not in', ['duplicate', 'removed']);
  else if (view === 'arrived') q = q.where('g.checked_in_at', 'is not', null).where('g.state', '!=', 'duplicate');
  else q = q.where('g.state', '=', view);
  // The seated and the waitlist read in seat order; every other view keeps the order clients were added in, so a row
  // does not jump away from the member of staff working down the list.
  const bySeat = view === 'seated' || view === 'waitlisted';
  const rows = await (bySeat ? q.orderBy('g.queue') : q).orderBy('g.updated_hlc').limit(limit).execute();
  return rows.map(toGuest);
}

/** Calls owed that fall to this member of staff (and, for a coordinator or manager, those that fall to nobody). */
export async function noticesFor(db: Db, staff: Staff) {
  const rows = await guestQuery(db)
    .innerJoin('events as e', 'e.id', 'g.event_id')
    .select(['e.title as event_title', 'e.starts_at as event_starts_at', 'e.status as event_status'])
    .where('g.notice', 'is not', null)
    .where((eb) =>
      managesEvents(staff) ? eb.or([eb('g.notice_for', '=', staff.id), eb('g.notice_for', 'is', null)]) : eb('g.notice_for', '=', staff.id),
    )
    .orderBy('e.starts_at')
    .orderBy('g.queue')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    guest: toGuest(r),
    eventTitle: r.event_title,
    eventStartsAt: r.event_starts_at,
    eventStatus: r.event_status as EventStatus,
  }));
}
