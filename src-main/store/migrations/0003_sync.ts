import { type Kysely } from 'kysely';
import { syncColumns } from './0002_clients';

// Frozen once released: imports nothing from the app (the sync-column helper is itself part of a migration).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Head office's large-transaction feed (DOMAIN.md §3 raises a reminder on each): master data, pulled only.
  await syncColumns(db.schema.createTable('large_transactions'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull()) // in | out
    .addColumn('channel', 'text')
    .addColumn('counterparty', 'text')
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('large_transactions_client').on('large_transactions').columns(['client_id', 'at']).execute();

  // Pulled changes that cannot be applied yet (their client has not arrived) or clash with a local row (the same
  // client number under another id): kept here and retried after every page, never dropped.
  await db.schema
    .createTable('sync_parked')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'text', (c) => c.notNull())
    .execute();

  // The same client under two ids: head office's record and a branch's own import of it, made before either had
  // seen the other (their client number is the same). The first id this workstation knew stays; the other is an
  // alias, and every change about it is applied to the first. Local: each workstation keeps its own.
  await db.schema
    .createTable('client_aliases')
    .addColumn('alias_id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('client_no', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
