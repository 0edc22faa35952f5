import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';
import { SHIPPED_TEMPLATES } from './0010_shipped_surveys';

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A survey template (DOMAIN.md §7): what it is for and whether it is still offered. Its questions are in its
  // versions; retiring it keeps every version and every answer (a template in use is never deleted).
  await syncColumns(db.schema.createTable('survey_templates'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    // Templates are never demo data; the column lets the demo removal ask every parent table the same question.
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Each published version: its title and questions as JSON, never changed. The latest by HLC is the one offered;
  // an answer keeps the version it was given under.
  await syncColumns(db.schema.createTable('survey_versions'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('survey_templates.id'))
    .addColumn('title', 'text', (c) => c.notNull()) // JSON { "zh-CN", "zh-TW", en }
    .addColumn('questions', 'text', (c) => c.notNull()) // JSON [{ id, type, required, csat?, text, choices? }]
    .addColumn('note', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_versions_template').on('survey_versions').columns(['template_id', 'updated_hlc']).execute();

  // One answer sheet, appended and never changed: who answered (a client, or an anonymous respondent), what it
  // follows (an event, a complaint), who entered it, when, and the answers as JSON by question id.
  await syncColumns(db.schema.createTable('survey_responses'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('respondent', 'text') // an anonymous respondent's name or contact, as given
    .addColumn('event_id', 'text')
    .addColumn('complaint_id', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // the branch's calendar day it was answered
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    // Derived on this device from the answers and their version (surveys/scoring.ts), never synced.
    .addColumn('scored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('csat', 'integer') // the CSAT question's 1–5
    .addColumn('nps', 'integer') // the 0–10
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0)) // a detractor or a CSAT of 1–2
    .addColumn('has_text', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The figures read this index alone: a year of 200,000 answers grouped by month, template, staff and branch.
  await db.schema
    .createIndex('survey_responses_report')
    .on('survey_responses')
    .columns(['demo', 'day', 'template_id', 'staff_id', 'branch_id', 'csat', 'nps'])
    .execute();
  await db.schema.createIndex('survey_responses_client').on('survey_responses').columns(['client_id', 'day']).execute();
  await sql`CREATE INDEX survey_responses_event ON survey_responses (event_id, client_id) WHERE event_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX survey_responses_complaint ON survey_responses (complaint_id) WHERE complaint_id IS NOT NULL`.execute(db);
  // A template's page counts the answers each version was given.
  await db.schema.createIndex('survey_responses_version').on('survey_responses').columns(['version_id']).execute();
  await sql`CREATE INDEX survey_responses_unscored ON survey_responses (version_id) WHERE scored = 0`.execute(db);
  await sql`CREATE INDEX survey_responses_text ON survey_responses (day, template_id) WHERE has_text = 1`.execute(db);

  // The worklist reads a client's arrivals at events (the after-event survey due) by client.
  await db.schema.createIndex('event_checkins_client').on('event_checkins').columns(['client_id', 'event_id']).execute();

  const appended: [string, string][] = [
    ['survey_versions', 'template_id, title, questions, note, staff_id, staff_name, at'],
    ['survey_responses', 'template_id, version_id, client_id, respondent, event_id, complaint_id, staff_id, staff_name, at, day, answers'],
  ];
  for (const [table, columns] of appended) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE OF ${sql.raw(columns)} ON ${sql.table(table)}
              BEGIN SELECT RAISE(ABORT, 'survey answers and versions are append-only'); END`.execute(db);
  }
  await sql`CREATE TRIGGER survey_versions_kept BEFORE DELETE ON survey_versions
            BEGIN SELECT RAISE(ABORT, 'survey answers and versions are append-only'); END`.execute(db);
  await sql`CREATE TRIGGER survey_templates_kept BEFORE DELETE ON survey_templates
            BEGIN SELECT RAISE(ABORT, 'a survey template is retired, never deleted'); END`.execute(db);
  // Demo answers (a seeded client's, or one marked demo) leave with the demo data; no other answer is ever deleted.
  await sql`CREATE TRIGGER survey_responses_kept BEFORE DELETE ON survey_responses
            WHEN OLD.demo = 0 AND COALESCE((SELECT demo FROM clients WHERE id = OLD.client_id), 0) = 0
            BEGIN SELECT RAISE(ABORT, 'survey answers and versions are append-only'); END`.execute(db);

  for (const t of SHIPPED_TEMPLATES) {
    // Fixed ids, the same on every device; stamp 0 loses to any real change (a manager retiring one).
    const templateId = `survey:${t.code}`;
    await sql`INSERT INTO survey_templates (id, branch_id, created_at, updated_hlc, code, occasion)
              VALUES (${templateId}, 'hq', '2026-12-01T00:00:00.000Z', '0', ${t.code}, ${t.occasion})`.execute(db);
    await sql`INSERT INTO survey_versions (id, branch_id, created_at, updated_hlc, template_id, title, questions, at)
              VALUES (${`${templateId}:1`}, 'hq', '2026-12-01T00:00:00.000Z', '0', ${templateId}, ${JSON.stringify(t.title)},
                      ${JSON.stringify(t.questions)}, '2026-12-01T00:00:00.000Z')`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
