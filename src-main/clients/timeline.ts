import type { Kysely } from 'kysely';
import { AppError, type ClientProfile, type TimelineCursor } from '../../src-shared/contract';
import type { ContactsTable, Database } from '../store/schema';

export type TimelineEntry = ClientProfile['timeline'][number];

export interface TimelinePage {
  entries: TimelineEntry[];
  /** The oldest entry of this page when older ones exist, else null. */
  nextCursor: TimelineCursor | null;
}

/**
 * One page of a client's contact log (003: 业务来往时间、内容、结果), newest first by time and then id. Keyset
 * paging: page 50 of a client with 10,000 contacts is one seek on `contacts_due (client_id, at, …)`, not a scan
 * past 9,800 rows. `at <= cursor.at` is the index range; the tie on the same millisecond is settled by id.
 */
export async function loadTimeline(
  db: Kysely<Database>,
  clientId: string,
  before: TimelineCursor | null,
  limit: number,
): Promise<TimelinePage> {
  let q = db.selectFrom('contacts').selectAll().where('client_id', '=', clientId);
  if (before) {
    q = q.where('at', '<=', before.at).where((eb) => eb.or([eb('at', '<', before.at), eb('id', '<', before.id)]));
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const oldest = page.at(-1);
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > limit && oldest ? { at: oldest.at, id: oldest.id } : null,
  };
}

/** The `clients.timeline` method: an unknown (or removed) client is NOT_FOUND, not an empty log. */
export async function clientTimeline(
  db: Kysely<Database>,
  clientId: string,
  before: TimelineCursor | null,
  limit: number,
): Promise<TimelinePage> {
  const client = await db.selectFrom('clients').select('id').where('id', '=', clientId).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: clientId } });
  return loadTimeline(db, clientId, before, limit);
}

function toEntry(c: ContactsTable): TimelineEntry {
  return {
    id: c.id,
    at: c.at,
    channel: c.channel as TimelineEntry['channel'],
    staffName: c.staff_name,
    content: c.content,
    result: c.result,
    followUpProduct: c.follow_up_product,
    followUpDue: c.follow_up_due,
    correctsId: c.corrects_id,
    flags: JSON.parse(c.flags) as string[],
  };
}
