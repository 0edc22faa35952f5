import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An event's plan (DOMAIN.md §6, 003 行动方案): edited by its coordinators, merged as a whole row by HLC. Its state
  // and its counts are derived on each device from the steps, invitations and check-ins, and never travel.
  await syncColumns(db.schema.createTable('events'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // salon | lecture | gathering | visit
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull()) // the branch's calendar day it takes place
    .addColumn('ends_at', 'text')
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: the target segment the list was built from
    .addColumn('cost_per_head_fen', 'integer')
    .addColumn('cost_total_fen', 'integer')
    .addColumn('actual_cost_fen', 'integer')
    .addColumn('host', 'text')
    .addColumn('speakers', 'text')
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    // Derived on this device (events/state.ts), never synced.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('guests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlisted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled_hlc', 'text')
    .execute();
  await db.schema.createIndex('events_starts').on('events').columns(['starts_on', 'id']).execute();

  // Each step an event takes (opened, closed, held, reviewed, cancelled), appended with who, when and why.
  await syncColumns(db.schema.createTable('event_steps'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_steps_event').on('event_steps').columns(['event_id', 'updated_hlc']).execute();

  // A client on an event's list (its id is the invitation's, on the letter's QR code). Appended; what happened to
  // it is in its answers, and its seat is derived on each device.
  await syncColumns(db.schema.createTable('event_guests'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // segment | hand | walk_in
    .addColumn('reason', 'text') // why a do-not-disturb client, or one without marketing consent, was added
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    // Derived on this device, never synced.
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('listed'))
    .addColumn('queue', 'integer') // place in the seat order (seated first, then the waitlist), 1-based
    .addColumn('inviter_id', 'text')
    .addColumn('taker_id', 'text')
    .addColumn('notice', 'text') // moved_up | moved_down | cancelled | follow_up: someone should call
    .addColumn('notice_for', 'text') // the member of staff the call falls to (null: the branch's pool)
    .addColumn('checked_in_at', 'text')
    .execute();
  await db.schema.createIndex('event_guests_event').on('event_guests').columns(['event_id', 'state', 'queue']).execute();
  await db.schema.createIndex('event_guests_client').on('event_guests').columns(['client_id', 'event_id']).execute();
  await sql`CREATE INDEX event_guests_notice ON event_guests (notice_for, event_id) WHERE notice IS NOT NULL`.execute(db);

  // What happened to an invitation: invited (by which channel, with the contact it logged), the guest's answers, a
  // removal from the list, and the calls that told the guest of a change. Appended; the latest answer counts.
  await syncColumns(db.schema.createTable('event_answers'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('guest_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('seat_seen', 'text') // seated | waitlisted: what the guest was told when this was recorded
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('event_answers_event').on('event_answers').columns(['event_id', 'updated_hlc']).execute();
  // A guest's latest invitation (its channel) without a sort.
  await db.schema.createIndex('event_answers_guest').on('event_answers').columns(['guest_id', 'kind', 'updated_hlc']).execute();

  // Arrivals at the door: a guest, or a walk-in (a client found in the archive, or a prospect created on the spot).
  // Two check-in workstations at one door may both record one arrival: counts take each client once.
  await syncColumns(db.schema.createTable('event_checkins'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('guest_id', 'text')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('walk_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_checkins_event').on('event_checkins').columns(['event_id', 'client_id']).execute();

  // The live segment count reads this index alone, by demo-ness, tier and birth date range (a whole-table read of
  // 200,000 encrypted rows took 60 ms a count; this takes 0.4–6 ms for a segment with a tier).
  await db.schema
    .createIndex('clients_segment')
    .on('clients')
    .columns(['demo', 'tier', 'birth_date', 'deleted_hlc', 'do_not_disturb', 'marketing_consent', 'interests', 'id'])
    .execute();

  // A contact made for an event (an invitation call, a sale at the salon) names it: the review counts by it.
  await sql`ALTER TABLE contacts ADD COLUMN event_id TEXT`.execute(db);
  await sql`CREATE INDEX contacts_event ON contacts (event_id, client_id) WHERE event_id IS NOT NULL`.execute(db);

  // The record of an event is appended, never rewritten; it leaves only with the demo data.
  const appended: [string, string][] = [
    ['event_steps', 'event_id, step, reason, staff_id, staff_name, at'],
    ['event_guests', 'event_id, client_id, source, reason, staff_id, staff_name, at'],
    ['event_answers', 'event_id, guest_id, kind, channel, contact_id, seat_seen, staff_id, staff_name, at, note'],
    ['event_checkins', 'event_id, guest_id, client_id, walk_in, staff_id, staff_name, at'],
  ];
  for (const [table, columns] of appended) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE OF ${sql.raw(columns)} ON ${sql.table(table)}
              BEGIN SELECT RAISE(ABORT, 'an event''s record is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_kept`)} BEFORE DELETE ON ${sql.table(table)}
              WHEN (SELECT demo FROM events WHERE id = OLD.event_id) = 0
              BEGIN SELECT RAISE(ABORT, 'an event''s record is append-only'); END`.execute(db);
  }
  await sql`CREATE TRIGGER events_kept BEFORE DELETE ON events WHEN OLD.demo = 0
            BEGIN SELECT RAISE(ABORT, 'events are kept'); END`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
