import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';
import { SHIPPED_CALENDAR } from './0011_shipped_calendar';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The mainland's public holidays and make-up working days (DOMAIN.md §7b), as head office sends them each year:
  // a reminder that falls on a closed day is due the working day before.
  await syncColumns(db.schema.createTable('work_calendar'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // holiday | workday
    .addColumn('name', 'text')
    .execute();
  await db.schema.createIndex('work_calendar_day').on('work_calendar').columns(['day']).execute();
  for (const [day, kind, name] of SHIPPED_CALENDAR) {
    // Fixed ids (one row a day), so head office's later word on a day replaces it; stamp 0 loses to any real change.
    await sql`INSERT INTO work_calendar (id, branch_id, created_at, updated_hlc, day, kind, name)
              VALUES (${`calendar:${day}`}, 'hq', '2026-12-01T00:00:00.000Z', '0', ${day}, ${kind}, ${name})`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
