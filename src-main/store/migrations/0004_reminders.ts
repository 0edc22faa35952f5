import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';

// Frozen once released: imports nothing from the app (the sync-column helper is itself part of a migration).
export async function up(db: Kysely<unknown>): Promise<void> {
  // What staff did with a reminder (DOMAIN.md §3: done, snoozed or dismissed with a reason; none vanishes silently).
  // Append-only facts that sync: a reminder done at one workstation is done at every workstation of the branch.
  await syncColumns(db.schema.createTable('reminder_actions'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('reminder_key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // done | snoozed | dismissed
    .addColumn('until', 'text') // a snooze hides the reminder through this day
    .addColumn('reason', 'text') // required for a dismissal
    .addColumn('contact_id', 'text') // the contact that did it
    .addColumn('staff_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_actions_client').on('reminder_actions').columns(['client_id', 'reminder_key']).execute();

  // Derived, local, never synced: each client's open reminders, recomputed on this device when the client's facts
  // change and for everyone once a day, so the worklist and the list filter read an index instead of running the
  // rules over 200,000 clients per call. A client without a row has not been computed yet.
  await db.schema
    .createTable('client_due')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    // Earliest due date of the client's open reminders (null: none open): overdue when before today.
    .addColumn('next_due', 'text')
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await db.schema.createIndex('client_due_next').on('client_due').columns(['next_due', 'client_id']).execute();

  await db.schema
    .createTable('due_reminders')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('reminder_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('due_reminders_pk', ['client_id', 'reminder_key'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  // The worklist walks reminders in due-date order (overdue first), keyset-paged.
  await db.schema.createIndex('due_reminders_due').on('due_reminders').columns(['due_date', 'client_id', 'reminder_key']).execute();
  await db.schema.createIndex('due_reminders_kind').on('due_reminders').columns(['kind', 'due_date', 'client_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
