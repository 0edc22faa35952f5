import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { seedDemoClients } from '../clients/seed/run';
import { removeDemoData } from '../demo/remove';

const apps: TestApp[] = [];
afterAll(async () => {
  while (apps.length) await apps.pop()?.cleanup();
});

const MANAGER = 'admin-window'; // the branch manager who set the workstation up (admin and manager)

/** A branch on 2 November 2026 whose administrator seeds a demo archive, as `admin seed` and the browser host do. */
async function seeded(clients: number, seed: number) {
  const t = await testApp();
  apps.push(t);
  await withAdmin(t);
  await seedDemoClients(t.store, t.clock, { clients, seed, actor: 'test' });
  const rows = <T>(sql: string) => t.store.raw.prepare(sql).all() as T[];
  const count = (sql: string) => (t.store.raw.prepare(sql).get() as { n: number }).n;
  return { t, rows, count };
}

/** What a seeded archive's sheets say, in an order that does not depend on the ids made. */
const SHEETS = `SELECT r.day, r.at, r.template_id, c.client_no, r.respondent, r.staff_name, r.csat, r.nps, r.answers
  FROM survey_responses r LEFT JOIN clients c ON c.id = r.client_id ORDER BY r.at, c.client_no, r.respondent`;

describe('demo surveys', () => {
  let archive: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    archive = await seeded(500, 9);
  }, 60_000);

  it('come with the demo archive — a year of sheets over every occasion and several staff — and never leave', async () => {
    const { t, rows, count } = archive;
    const byOccasion = rows<{ occasion: string; n: number }>(
      `SELECT t.occasion, count(*) AS n FROM survey_responses r JOIN survey_templates t ON t.id = r.template_id GROUP BY 1 ORDER BY 1`,
    );
    expect(byOccasion.map((o) => o.occasion)).toEqual(['after_complaint', 'after_event', 'counter_visit', 'phone_callback', 'quarterly']);
    const sheets = count('SELECT count(*) AS n FROM survey_responses');
    expect(sheets).toBeGreaterThan(300);
    expect(sheets).toBeLessThan(700);
    // Most are clients' counter visits and callbacks; some anonymous walk-ins, some with their own words.
    expect(
      count("SELECT count(*) AS n FROM survey_responses WHERE template_id IN ('survey:counter_visit', 'survey:phone_callback')"),
    ).toBeGreaterThan(sheets / 2);
    expect(count('SELECT count(*) AS n FROM survey_responses WHERE client_id IS NULL AND respondent IS NOT NULL')).toBeGreaterThan(5);
    expect(count('SELECT count(*) AS n FROM survey_responses WHERE has_text = 1')).toBeGreaterThan(sheets / 10);
    expect(count('SELECT count(DISTINCT staff_id) AS n FROM survey_responses')).toBeGreaterThanOrEqual(5);
    // Linked to what they follow: the event the client came to, the complainant's closed case.
    expect(
      count(
        `SELECT count(*) AS n FROM survey_responses r WHERE r.event_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM event_checkins k WHERE k.event_id = r.event_id AND k.client_id = r.client_id)`,
      ),
    ).toBe(0);
    expect(
      count(
        `SELECT count(*) AS n FROM survey_responses r JOIN complaints k ON k.id = r.complaint_id
           WHERE k.status <> 'closed' OR k.client_id IS NOT r.client_id`,
      ),
    ).toBe(0);
    // Demo data: marked, and none in the outbox.
    expect(count('SELECT count(*) AS n FROM survey_responses WHERE demo = 0')).toBe(0);
    expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'survey_responses'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);

    // The figures look like a branch's over the year: mostly satisfied, a minority of detractors, months that differ.
    const report = await t.call(MANAGER, 'surveys.report', { from: '2025-11-01', to: '2026-11-30' });
    if (!report.ok) throw new Error(report.error.message);
    const { total, byMonth, byStaff } = report.value;
    expect(total.responses).toBe(sheets);
    expect(total.nps).toBeGreaterThanOrEqual(20);
    expect(total.nps).toBeLessThanOrEqual(50);
    expect(total.csat).toBeGreaterThanOrEqual(0.75);
    expect(total.csat).toBeLessThanOrEqual(0.93);
    expect(total.detractors).toBeGreaterThan(0);
    const months = byMonth.filter((m) => m.responses >= 10);
    expect(months.length).toBeGreaterThanOrEqual(11);
    expect(Math.max(...months.map((m) => m.nps ?? 0)) - Math.min(...months.map((m) => m.nps ?? 0))).toBeGreaterThan(10);
    expect(new Set(byStaff.filter((s) => s.responses >= 20).map((s) => s.nps)).size).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('are the same for the same seed', async () => {
    const again = await seeded(500, 9);
    const first = archive.rows(SHEETS);
    expect(first.length).toBeGreaterThan(300);
    expect(again.rows(SHEETS)).toEqual(first);
  }, 60_000);

  it('leave a few recent follow-ups and surveys due on the worklist, the older follow-ups called back', async () => {
    const { t, rows, count } = archive;
    // A handful of detractors in the last ten days, each on a client with a relationship manager.
    const open = rows<{ due_date: string; managed: number }>(
      `SELECT d.due_date, c.manager_id IS NOT NULL AS managed FROM due_reminders d JOIN clients c ON c.id = d.client_id
       WHERE d.kind = 'survey_follow_up'`,
    );
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.length).toBeLessThanOrEqual(6);
    expect(open.every((f) => f.managed === 1 && f.due_date >= '2026-10-23')).toBe(true);
    // Every older follow-up was called back: a phone contact doing the reminder.
    const followUps = count('SELECT count(*) AS n FROM survey_responses WHERE follow_up = 1 AND client_id IS NOT NULL');
    const calledBack = count(
      "SELECT count(*) AS n FROM reminder_actions WHERE reminder_key LIKE 'survey_follow_up:%' AND action = 'done' AND contact_id IS NOT NULL",
    );
    expect(calledBack).toBe(followUps - open.length);
    // Some who came to the latest event have not answered yet.
    expect(count("SELECT count(*) AS n FROM due_reminders WHERE kind = 'survey_due' AND detail = 'after_event'")).toBeGreaterThan(0);
    // Every other client's reminders, computed by the day's pass, add none.
    await t.app.reminders.run();
    expect(count("SELECT count(*) AS n FROM due_reminders WHERE kind = 'survey_follow_up'")).toBe(open.length);

    await removeDemoData(t.store, t.clock, { staffId: null, staffLogin: 'test', method: 'demo.remove' });
    expect(count('SELECT count(*) AS n FROM survey_responses')).toBe(0);
    expect(count("SELECT count(*) AS n FROM due_reminders WHERE kind LIKE 'survey%'")).toBe(0);
    // The worklist's tallies went with the rows they counted.
    expect(count('SELECT coalesce(sum(n), 0) AS n FROM due_tally')).toBe(count('SELECT count(*) AS n FROM due_reminders'));
    expect(count('SELECT coalesce(sum(n), 0) AS n FROM cover_tally')).toBe(count('SELECT count(*) AS n FROM client_due'));
  }, 60_000);
});
