import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Derived on each device from the events, for the register: when the decision's clock started and its deadline
  // (a decided case keeps the one it was decided against).
  await db.schema.alterTable('complaints').addColumn('decision_from', 'text').execute();
  await db.schema.alterTable('complaints').addColumn('decision_due', 'text').execute();
  await sql`UPDATE complaints SET decision_from = received_on, decision_due = due_on`.execute(db);
  await db.schema.createIndex('complaints_decided').on('complaints').columns(['decided_on', 'decision_due', 'decision_from']).execute();
  // The report reads only this index (no case row): counts by month, business line, cause and channel, and who complained.
  await db.schema
    .createIndex('complaints_report')
    .on('complaints')
    .columns(['received_on', 'business_line', 'cause', 'channel', 'client_id', 'complainant_name', 'complainant_contact', 'case_no'])
    .execute();
  // The open cases by due day, all and by officer (the list's views and the deadlines): a partial index the queries
  // name by the same literal list of open states.
  const open = sql.raw(`status IN ('received', 'accepted', 'investigating', 'escalated', 'review')`);
  await sql`CREATE INDEX complaints_open_due ON complaints (due_on, id) WHERE ${open}`.execute(db);
  await sql`CREATE INDEX complaints_open_officer ON complaints (officer_id, due_on, id) WHERE ${open}`.execute(db);
  // They replace these two, which the planner preferred and then sorted every open case to find the first fifty.
  await db.schema.dropIndex('complaints_status_due').execute();
  await db.schema.dropIndex('complaints_officer').execute();
  // A file on a complaint (scan, letter, photo): what it is, and its content in chunks that each travel as one sync
  // change. The store is encrypted whole, so the content is encrypted at rest like every other row.
  await syncColumns(db.schema.createTable('complaint_attachments'))
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull()) // from the content's first bytes, never from the name
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_attachments_case').on('complaint_attachments').columns(['complaint_id', 'at']).execute();

  await syncColumns(db.schema.createTable('complaint_attachment_chunks'))
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // base64: a sync value is text
    .execute();
  await db.schema
    .createIndex('complaint_attachment_chunks_file')
    .on('complaint_attachment_chunks')
    .columns(['attachment_id', 'n'])
    .unique()
    .execute();

  // Part of the case record: never changed, and kept as long as the case (demo cases excepted).
  for (const table of ['complaint_attachments', 'complaint_attachment_chunks']) {
    const columns = sql.raw(
      table === 'complaint_attachments'
        ? 'complaint_id, file_name, content_type, size_bytes, sha256, chunks, note, staff_id, staff_name, at'
        : 'complaint_id, attachment_id, n, data',
    );
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE OF ${columns} ON ${sql.table(table)}
              BEGIN SELECT RAISE(ABORT, 'a complaint''s files are never changed'); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_kept`)} BEFORE DELETE ON ${sql.table(table)}
              WHEN (SELECT demo FROM complaints WHERE id = OLD.complaint_id) = 0
              BEGIN SELECT RAISE(ABORT, 'a complaint''s files are kept'); END`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
