import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { syncedTable, type SyncedTableName } from '../../src-shared/sync/tables';
import type { Database } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Demo data (DESIGN.md "The store"): the clients seeding marks as demo, every row that names one (through the
 * registry's client references: a contact a trainee logs on a demo client is demo too), and the seeder's staff
 * accounts. It never enters the outbox, a workstation holding it is not enrolled, and it is removed whole.
 */
export async function isDemoRow(trx: Db, table: SyncedTableName, rowId: string): Promise<boolean> {
  if (table === 'clients' || table === 'staff' || table === 'complaints' || table === 'events' || table === 'survey_responses') {
    // Marked rows: seeded clients and staff, demo cases and answers (an anonymous one names no client), demo events.
    const row = await trx.selectFrom(table).select('demo').where('id', '=', rowId).executeTakeFirst();
    if (row?.demo === 1) return true;
    if (table === 'clients' || table === 'staff') return false;
  }
  const { clientRefs: refs = [], parentRef } = syncedTable(table);
  if (parentRef) {
    const parent = await sql<{
      id: string | null;
    }>`SELECT ${sql.ref(parentRef.column)} AS id FROM ${sql.table(table)} WHERE id = ${rowId}`.execute(trx);
    const parentId = parent.rows[0]?.id;
    if (typeof parentId === 'string' && (await isDemoRow(trx, parentRef.table as SyncedTableName, parentId))) return true;
  }
  if (refs.length === 0) return false;
  // Table and column names come from the registry's closed list, never from input.
  const named = sql.join(
    refs.map((ref) => sql`SELECT ${sql.ref(ref)} FROM ${sql.table(table)} WHERE id = ${rowId}`),
    sql` UNION ALL `,
  );
  const found = await sql<{ one: number }>`SELECT 1 AS one FROM clients WHERE demo = 1 AND id IN (${named}) LIMIT 1`.execute(trx);
  return found.rows.length > 0;
}

export interface DemoHoldings {
  clients: number;
  staff: number;
}

/** How much demo data the store holds (none: the workstation may be enrolled). */
export async function demoHoldings(db: Db): Promise<DemoHoldings> {
  // One statement: the Sync page's status asks on every sync. The partial index clients_demo answers the first.
  const counted = await sql<{ clients: number; staff: number }>`
    SELECT (SELECT count(*) FROM clients WHERE demo = 1) AS clients, (SELECT count(*) FROM staff WHERE demo = 1) AS staff`.execute(db);
  const row = counted.rows[0];
  return { clients: Number(row?.clients ?? 0), staff: Number(row?.staff ?? 0) };
}

export function holdsDemoData(holdings: DemoHoldings): boolean {
  return holdings.clients > 0 || holdings.staff > 0;
}

/**
 * The demo mark a record naming this client inherits (a case, an answer sheet about a demo client is demo data too),
 * refusing a client the archive does not hold.
 */
export async function clientDemoMark(db: Db, clientId: string): Promise<number> {
  const client = await db
    .selectFrom('clients')
    .select('demo')
    .where('id', '=', clientId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: clientId } });
  return client.demo;
}
