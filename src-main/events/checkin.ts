import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { Guest } from '../../src-shared/contract/events';
import { deriveClient } from '../../src-shared/domain/client-derived';
import { type EventStatus, parseInvitationCode, WALK_IN_PREFIX } from '../../src-shared/domain/events';
import { idImportFailureKey, validateMainlandId } from '../../src-shared/domain/id-number';
import { uuidv7 } from '../../src-shared/domain/ids';
import { maskMobile } from '../../src-shared/domain/masking';
import type { Tier } from '../../src-shared/domain/tier';
import { todayOf, type AppCore } from '../app';
import { ClientBulkWriter, ClientKeyMaker } from '../clients/bulk';
import { idHashKey } from '../clients/id-hash';
import { searchClients } from '../clients/search';
import { hanChars } from '../clients/search-terms';
import type { Database } from '../store/schema';
import { DeviceClock } from '../sync/device-clock';
import { nextDayNumber } from '../sync/day-number';
import { newRowColumns, recordChange } from '../sync/outbox';
import { deviceIdentity } from '../sync/state';
import { checkSameWorld, guestQuery, toGuest } from './guests';
import { eventCounts, eventNotFound } from './plan';
import { refreshEvents } from './state';

type Trx = Transaction<Database>;

/** The door is open while the event is: from opening to the day itself (held), not before or after. */
const DOOR_OPEN: readonly EventStatus[] = ['open', 'closed', 'held'];

const SEARCH_LIMIT = 20;

/**
 * The door's search (DOMAIN.md §6): a scanned invitation code, or the event's guests by name, initials, pinyin or
 * the last four digits of their phone; then the archive by name or initials for a walk-in (never by phone digits:
 * the archive is not listed to the door by a stranger's number).
 */
export async function checkinSearch(db: Kysely<Database>, eventId: string, query: string) {
  const code = parseInvitationCode(query);
  const q = query.normalize('NFKC').trim();
  let guests = guestQuery(db).where('g.event_id', '=', eventId).where('g.state', 'not in', ['duplicate', 'removed']);
  const digits = q.replace(/[\s-]/g, '');
  if (code !== null) guests = guests.where('g.id', '=', code);
  else if (/^\d{4}$/.test(digits)) guests = guests.where('c.mobile_tail', '=', digits);
  else if (hanChars(q).length > 0) guests = guests.where('c.name', 'like', `%${hanChars(q).join('')}%`);
  else if (/^[a-zA-Z]+$/.test(digits)) {
    const latin = `${digits.toLowerCase()}%`;
    guests = guests.where((eb) => eb.or([eb('c.initials', 'like', latin), eb('c.pinyin', 'like', latin)]));
  } else return { guests: [], archive: [] };
  const found = (
    await guests
      .orderBy(sql`g.queue IS NULL`)
      .orderBy('g.queue')
      .limit(SEARCH_LIMIT)
      .execute()
  ).map(toGuest);

  let archive: { clientId: string; name: string; tier: Tier; maskedMobile: string | null }[] = [];
  if (code === null && !/^\d+$/.test(digits)) {
    const listed = new Set(found.map((g) => g.clientId));
    const hits = (await searchClients(db, q, SEARCH_LIMIT)).map((h) => h.id).filter((id) => !listed.has(id));
    if (hits.length > 0) {
      const rows = await db.selectFrom('clients').select(['id', 'name', 'tier', 'mobile', 'tier_rank']).where('id', 'in', hits).execute();
      const order = new Map(hits.map((id, i) => [id, i]));
      archive = rows
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .map((r) => ({
          clientId: r.id,
          name: r.name,
          tier: r.tier as Tier,
          maskedMobile: r.mobile === null ? null : maskMobile(r.mobile),
        }));
    }
  }
  return { guests: found, archive };
}

async function doorEvent(trx: Trx, eventId: string) {
  const event = await trx.selectFrom('events').select(['id', 'status', 'demo', 'title']).where('id', '=', eventId).executeTakeFirst();
  if (!event) throw eventNotFound(eventId);
  if (!DOOR_OPEN.includes(event.status as EventStatus)) {
    throw new AppError('CONFLICT', 'errors.events.door_closed', `check-in is not open while the event is ${event.status}`, {
      params: { status: event.status },
    });
  }
  return event;
}

/**
 * Checks one arrival in: a guest by the invitation's code or a pick from the search, or a client from the archive
 * (a walk-in, unless they are on the list). A second scan — or the other door's workstation, once synced — does not
 * count them twice.
 */
export async function checkIn(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  input: { eventId: string; guestId: string | null; clientId: string | null; code: string | null },
) {
  const event = await doorEvent(trx, input.eventId);
  let guestId = input.guestId;
  if (input.code !== null) {
    guestId = parseInvitationCode(input.code);
    if (guestId === null)
      throw new AppError('VALIDATION', 'errors.events.bad_code', 'not an invitation code', {
        issues: [{ path: 'code', key: 'errors.events.bad_code', message: 'not ours' }],
      });
  }
  let guest: Guest | null = null;
  let clientId = input.clientId;
  if (guestId !== null) {
    const row = await guestQuery(trx).where('g.id', '=', guestId).executeTakeFirst();
    if (!row || row.state === 'duplicate')
      throw new AppError('NOT_FOUND', 'errors.events.guest_not_found', 'no such invitation', { params: { id: guestId } });
    if (row.event_id !== input.eventId) {
      const other = await trx.selectFrom('events').select('title').where('id', '=', row.event_id).executeTakeFirst();
      throw new AppError('CONFLICT', 'errors.events.other_event', 'the invitation is for another event', {
        params: { title: other?.title ?? '' },
      });
    }
    guest = toGuest(row);
    clientId = guest.clientId;
  } else if (clientId !== null) {
    const row = await guestQuery(trx)
      .where('g.event_id', '=', input.eventId)
      .where('g.client_id', '=', clientId)
      .where('g.state', '!=', 'duplicate')
      .executeTakeFirst();
    guest = row ? toGuest(row) : null;
  }
  if (clientId === null)
    throw new AppError('VALIDATION', 'validation.required', 'who arrived?', {
      issues: [{ path: 'guestId', key: 'validation.required', message: 'required' }],
    });
  const client = await trx
    .selectFrom('clients')
    .select(['id', 'name', 'demo'])
    .where('id', '=', clientId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: clientId } });
  checkSameWorld(event.demo, client.demo);

  const already = await trx
    .selectFrom('event_checkins')
    .select('id')
    .where('event_id', '=', input.eventId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  const walkIn = guest === null;
  if (!already) {
    const base = await newRowColumns(trx, app.clock);
    await trx
      .insertInto('event_checkins')
      .values({
        ...base,
        event_id: input.eventId,
        guest_id: guest?.id ?? null,
        client_id: clientId,
        walk_in: walkIn ? 1 : 0,
        staff_id: staff.id,
        staff_name: staff.displayName,
        at: base.created_at,
      })
      .execute();
    await recordChange(trx, app.clock, { table: 'event_checkins', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
    refreshEvents(app.store.raw, [input.eventId]);
  }
  return {
    name: client.name,
    already: already !== undefined,
    walkIn,
    state: guest?.state ?? ('walk_in' as const),
    counts: await eventCounts(trx, input.eventId),
  };
}

/**
 * A walk-in nobody has on file (DOMAIN.md §6): created at the branch as a prospect — name, mobile and, when they give
 * it, their resident ID (checked) — and checked in. The new client syncs like any the branch creates. When the ID
 * number is one the archive holds already, that client is checked in instead of a second record.
 */
export async function walkIn(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  input: { eventId: string; name: string; mobile: string; idNumber: string | null },
) {
  const event = await doorEvent(trx, input.eventId);
  const today = todayOf(app);
  let idNumber = '';
  let birthDate: string | null = null;
  let gender: 'male' | 'female' | null = null;
  if (input.idNumber !== null) {
    const checked = validateMainlandId(input.idNumber.toUpperCase(), today);
    if (!checked.ok) {
      const key = idImportFailureKey(checked.reason);
      throw new AppError('VALIDATION', key, 'not a valid resident ID number', {
        issues: [{ path: 'idNumber', key, message: checked.reason }],
      });
    }
    ({ id: idNumber, birthDate, gender } = checked);
  }
  const idType = input.idNumber === null ? 'other' : 'resident_id';
  const idKey = await idHashKey(trx);
  const keys = new ClientKeyMaker(idKey).of({ name: input.name, idType, idNumber, mobile: input.mobile });
  if (input.idNumber !== null) {
    const known = await trx
      .selectFrom('clients')
      .select('id')
      .where('id_hash', '=', keys.idHash)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (known) return checkIn(trx, app, staff, { eventId: input.eventId, guestId: null, clientId: known.id, code: null });
  }
  const { branchId } = await deviceIdentity(trx, app.clock);
  const clientNo = await nextDayNumber(trx, app.clock, { letters: WALK_IN_PREFIX, day: today, table: 'clients', column: 'client_no' });
  const stamps = await DeviceClock.load(trx, app.clock);
  // A walk-in at a demo event is demo data with it: it never leaves the workstation.
  const writer = new ClientBulkWriter({ raw: app.store.raw, clock: app.clock, stamps, branchId, idKey, demo: event.demo === 1 });
  const standing = deriveClient(
    { months: [], firstBusinessDate: null, recordedActivityDate: null, lastContactDay: null, latestAssetsFen: 0, latestAssessment: null },
    app.settings,
    today,
  );
  const clientId = uuidv7(app.clock.now());
  writer.client(
    {
      id: clientId,
      clientNo,
      kind: 'individual',
      name: input.name,
      nameEn: null,
      gender,
      birthDate,
      idType,
      idNumber,
      idExpiry: null,
      mobile: input.mobile,
      province: null,
      address: null,
      occupation: null,
      industry: null,
      employer: null,
      incomeBand: null,
      managerId: null,
      firstBusinessDate: null,
      interests: [],
      preferredChannel: null,
      doNotDisturb: false,
      // They came to a marketing event; consent to further marketing is asked for separately.
      marketingConsent: false,
    },
    { ...standing, latestAssetsFen: 0, latestAssetsDate: null },
    true,
    keys,
  );
  await stamps.save(trx);
  return checkIn(trx, app, staff, { eventId: input.eventId, guestId: null, clientId, code: null });
}
