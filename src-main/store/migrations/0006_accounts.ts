import { type Kysely, sql } from 'kysely';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A first password set by head office is replaced by its owner at first sign-in (issue 9).
  await sql`ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE staff SET must_change_password = 1 WHERE password_hash <> '' AND id IN
              (SELECT id FROM staff WHERE updated_hlc LIKE '%-hub')`.execute(db);
  // First-run setup happens once per store: a store that already has an administrator is set up for good, even if
  // head office's staff feed later disables every administrator it holds.
  await sql`INSERT INTO device_state (key, value)
            SELECT 'setup_done', 'migrated' WHERE EXISTS (SELECT 1 FROM staff WHERE roles LIKE '%"admin"%')`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
