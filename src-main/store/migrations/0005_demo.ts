import { type Kysely, sql } from 'kysely';

// Frozen once released: imports nothing from the app. The table lists below are the tables as they stood at 0004.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Demo data (seeding, the browser host's first run) is marked, so it never enters the outbox and can be removed
  // whole (DESIGN.md). A client is demo by its flag; every row naming a demo client is demo with it.
  await sql`ALTER TABLE clients ADD COLUMN demo INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE staff ADD COLUMN demo INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE INDEX clients_demo ON clients (id) WHERE demo = 1`.execute(db);

  // Archives seeded before this version: the seeder numbered its clients 9 + seed (6 digits) + sequence (7 digits),
  // wrote them with this device's stamps and never put them in the outbox; head office's clients carry its stamps,
  // a branch import has its outbox record (or was pushed, which the same number never was).
  const device = await sql<{ value: string }>`SELECT value FROM device_state WHERE key = 'device_id'`.execute(db);
  const deviceId = device.rows[0]?.value;
  if (deviceId) {
    await sql`
      UPDATE clients SET demo = 1
      WHERE length(client_no) = 14 AND client_no GLOB '9*' AND client_no NOT GLOB '*[^0-9]*'
        AND updated_hlc LIKE ${`%-${deviceId}`}
        AND id NOT IN (SELECT row_id FROM outbox WHERE table_name = 'clients')`.execute(db);
  }
  // The seeder's relationship managers (rm01…), named in its audit entries.
  await sql`
    UPDATE staff SET demo = 1
    WHERE id IN (SELECT j.value FROM audit_log a, json_each(a.target_ids) j WHERE a.method = 'admin.seed.staff')`.execute(db);

  // What the earlier seeder put in the outbox about demo clients never leaves now (issue 8: 6,459 such changes).
  for (const [table, column] of [
    ['contacts', 'client_id'],
    ['risk_assessments', 'client_id'],
    ['points_ledger', 'client_id'],
    ['referrals', 'referrer_id'],
    ['referrals', 'referee_id'],
    ['important_dates', 'client_id'],
    ['reminder_actions', 'client_id'],
  ] as const) {
    await sql`
      DELETE FROM outbox WHERE table_name = ${table}
        AND row_id IN (SELECT t.id FROM ${sql.table(table)} t JOIN clients c ON c.id = t.${sql.ref(column)} WHERE c.demo = 1)`.execute(db);
  }
  await sql`DELETE FROM outbox WHERE table_name = 'clients' AND row_id IN (SELECT id FROM clients WHERE demo = 1)`.execute(db);
  await sql`DELETE FROM outbox WHERE table_name = 'staff'`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
