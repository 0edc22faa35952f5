import { type Kysely, sql } from 'kysely';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The worklist in urgency order (issue 13), filtered by tier and staff member, and the home screens' contact
  // coverage, read from the derived reminder tables. Both are derived and local (migration 0004): rebuilt empty
  // here with the new columns, and refilled by the daily pass, which computes every client without a `client_due`
  // row at start.
  await db.schema.dropTable('due_reminders').execute();
  await db.schema.dropTable('client_due').execute();

  await db.schema
    .createTable('client_due')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    // Earliest due date of the client's open reminders (null: none open): overdue when before today.
    .addColumn('next_due', 'text')
    // The client's tier and relationship manager as of the computation (who is covered, by whom).
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    // The day the contact cadence falls due (last contact that counts + the tier's cadence): covered until then.
    .addColumn('cadence_due', 'text', (c) => c.notNull())
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  // Read by client id only (the list's filters): the counts come from the tallies below, so no other index to keep.

  await db.schema
    .createTable('due_reminders')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('reminder_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('detail', 'text')
    // 0 most urgent (domain/worklist.ts): the worklist's first order.
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addPrimaryKeyConstraint('due_reminders_pk', ['client_id', 'reminder_key'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  // The branch's walk and a relationship manager's walk, each in urgency then due-date order, keyset-paged.
  await db.schema
    .createIndex('due_reminders_walk')
    .on('due_reminders')
    .columns(['urgency', 'due_date', 'client_id', 'reminder_key'])
    .execute();
  await db.schema
    .createIndex('due_reminders_manager')
    .on('due_reminders')
    .columns(['manager_id', 'urgency', 'due_date', 'client_id', 'reminder_key'])
    .execute();
  await db.schema.createIndex('due_reminders_kind').on('due_reminders').columns(['kind', 'due_date', 'client_id']).execute();

  // Tallies of the two tables above, kept with them in the same writes (reminders/tallies.ts): the worklist's counts
  // per group and the coverage figures read a few thousand tally rows instead of every reminder and every client.
  // A client without a manager tallies under ''.
  await db.schema
    .createTable('due_tally')
    .addColumn('manager_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('due_tally_pk', ['manager_id', 'tier', 'kind', 'urgency', 'due_date'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await db.schema
    .createTable('cover_tally')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.notNull())
    .addColumn('cadence_due', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cover_tally_pk', ['tier', 'manager_id', 'cadence_due'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();

  // Derived and local too: the branch's tier figures by month (clients and assets under management per tier as the
  // tiers stood that month) and who moved tier from one month to the next, rebuilt from the monthly balances when
  // they change (reports/tier-months.ts), so a home screen or a report reads a few hundred rows, not 2.4 million.
  await db.schema
    .createTable('tier_months')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('clients', 'integer', (c) => c.notNull())
    .addColumn('aum_fen', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_months_pk', ['month', 'tier'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await db.schema
    .createTable('tier_moves')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('from_tier', 'text', (c) => c.notNull())
    .addColumn('to_tier', 'text', (c) => c.notNull())
    // +1 up (towards VIP), -1 down.
    .addColumn('direction', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_moves_pk', ['month', 'client_id'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  // New clients by the month their business began, churned ones by their last activity, reminders done by when.
  await db.schema.createIndex('clients_first_business').on('clients').columns(['first_business_date', 'deleted_hlc']).execute();
  await db.schema.createIndex('clients_lifecycle').on('clients').columns(['lifecycle', 'last_activity_date', 'deleted_hlc']).execute();
  await db.schema.createIndex('reminder_actions_at').on('reminder_actions').columns(['at', 'action', 'staff_id']).execute();
  await db.schema.createIndex('tier_moves_direction').on('tier_moves').columns(['month', 'direction', 'client_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
