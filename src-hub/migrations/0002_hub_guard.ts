import { type Kysely, sql } from 'kysely';

// Frozen once released; the same statements run on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  // What the hub refused or noticed about a device (an audit log rewritten, head office's master columns pushed,
  // a restore declared): kept for head office's `hub audit-check` and `hub devices`.
  await db.schema
    .createTable('hub_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    // The device's events in the order they happened (the clock may show two in the same millisecond).
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hub_events_device').on('hub_events').columns(['device_id', 'n']).unique().execute();

  // Each device's audit chain heads, per epoch: a restore from a backup (declared by the workstation) or head
  // office's acceptance after an investigation starts a new epoch; within one, heads only move forward.
  await db.schema
    .createTable('hub_audit_chain')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_audit_chain_pk', ['device_id', 'epoch', 'seq'])
    .execute();
  await sql`INSERT INTO hub_audit_chain (device_id, epoch, seq, hash, received_at)
            SELECT device_id, 0, seq, hash, received_at FROM hub_audit_heads`.execute(db);
  await db.schema.dropTable('hub_audit_heads').execute();
  await db.schema
    .alterTable('hub_devices')
    .addColumn('audit_epoch', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('hub migrations are forward-only'));
}
