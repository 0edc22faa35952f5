import { type Kysely, sql } from 'kysely';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The reminders pass (issue 13) reads, for every client, eleven columns of `clients` and seven of `contacts`: from
  // these indexes instead of the tables, a quarter of the pages (at 200,000 clients 93 MB of index instead of 273 MB
  // of rows, a full recompute 14.5 s → 10 s). Each holds every column the pass reads, so SQLite never visits the row.
  await sql`CREATE INDEX clients_due ON clients (id, tier, lifecycle, last_activity_date, birth_date, id_expiry,
    risk_assessed_on, first_business_date, created_at, deleted_hlc, manager_id)`.execute(db);
  // Led by (client_id, at), it serves everything `contacts_client` served (the timeline's keyset pages), which goes.
  await sql`CREATE INDEX contacts_due ON contacts (client_id, at, channel, id, corrects_id, follow_up_due,
    follow_up_product, deleted_hlc)`.execute(db);
  await sql`DROP INDEX contacts_client`.execute(db);
}
