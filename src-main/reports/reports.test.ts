import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientFilters, ClientsReport, MyFigures, WorklistCursor, WorklistRow } from '../../src-shared/contract';
import { addMonths } from '../../src-shared/domain/calendar-date';
import { computeTier, isTierMove, TIERS, type Tier } from '../../src-shared/domain/tier';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { todayOf } from '../app';
import { seedDemoClients } from '../clients/seed/run';
import { countClients } from '../clients/list';
import { recomputeClientDue } from '../reminders/due';
import { monthsOf, myFigures } from './clients';

const W = 'admin-window';

async function ok<T>(res: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('the clients and coverage report over a demo archive', () => {
  let t: TestApp;
  let today: string;
  let report: ClientsReport;
  const count = (sql: string, ...params: unknown[]) => (t.store.raw.prepare(sql).get(...params) as { n: number }).n;
  const adminId = () => t.store.raw.prepare("SELECT id FROM staff WHERE login = 'admin'").pluck().get() as string;
  const listed = (filters: ClientFilters) => countClients(t.store.db, filters, t.app.settings, today);

  beforeAll(async () => {
    t = await testApp();
    await withAdmin(t);
    await seedDemoClients(t.store, t.clock, { clients: 800, seed: 11, actor: 'test' });
    // A few clients deleted, scattered among the others, as a pulled deletion lands (their balances stay, and count
    // nowhere).
    const raw = t.store.raw;
    raw.transaction(() => {
      const gone = raw.prepare('SELECT id FROM clients WHERE rowid % 41 = 0').pluck().all() as string[];
      raw.exec('UPDATE clients SET deleted_hlc = updated_hlc WHERE rowid % 41 = 0');
      recomputeClientDue(raw, gone, t.app.settings, todayOf(t.app));
    })();
    await t.app.reminders.run();
    today = todayOf(t.app);
    report = await ok(t.call(W, 'reports.clients', { from: addMonths(today, -12), to: today }));
  });
  afterAll(async () => t.cleanup());

  it('counts each tier of the latest month as the store holds its clients and their assets', () => {
    expect(report.latestMonth).not.toBeNull();
    const latest = report.months.filter((m) => m.month === report.latestMonth);
    let total = 0;
    for (const tier of TIERS) {
      const figure = latest.find((m) => m.tier === tier);
      // Clients whose balances reach the latest month: their tier is that month's.
      const sql = count(
        `SELECT count(*) AS n FROM clients c WHERE c.deleted_hlc IS NULL AND c.tier = ?
           AND EXISTS (SELECT 1 FROM client_monthly_assets m WHERE m.client_id = c.id AND m.month = ?)`,
        tier,
        report.latestMonth,
      );
      expect(figure?.clients ?? 0, tier).toBe(sql);
      const aum = (
        t.store.raw
          .prepare(
            `SELECT total(m.avg_daily_fen) AS fen FROM client_monthly_assets m JOIN clients c ON c.id = m.client_id
             WHERE c.deleted_hlc IS NULL AND c.tier = ? AND m.month = ?`,
          )
          .get(tier, report.latestMonth) as { fen: number }
      ).fen;
      expect(figure?.aumFen ?? 0).toBe(aum);
      total += figure?.clients ?? 0;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('counts the moves of each month as the rule computes them, and as the list of movers lists them', async () => {
    const rows = t.store.raw
      .prepare(
        `SELECT m.client_id, m.month, m.avg_daily_fen FROM client_monthly_assets m JOIN clients c ON c.id = m.client_id
         WHERE c.deleted_hlc IS NULL ORDER BY m.client_id, m.month`,
      )
      .all() as { client_id: string; month: string; avg_daily_fen: number }[];
    const series = new Map<string, { month: string; avgDailyFen: number }[]>();
    for (const r of rows) series.set(r.client_id, [...(series.get(r.client_id) ?? []), { month: r.month, avgDailyFen: r.avg_daily_fen }]);
    const rank = (tier: Tier) => TIERS.indexOf(tier);
    let moved = 0;
    for (const { month, up, down } of report.moves) {
      const before = addMonths(`${month}-01`, -1).slice(0, 7);
      let u = 0;
      let d = 0;
      for (const s of series.values()) {
        if (!s.some((m) => m.month === month) || !s.some((m) => m.month === before)) continue;
        const at = (day: string) => {
          const tier = computeTier(
            s.filter((m) => m.month <= day),
            t.app.settings,
          );
          const from = addMonths(`${day}-01`, -t.app.settings.potentialLookbackMonths).slice(0, 7);
          return { tier, determined: tier === 'vip' || s.some((m) => m.month === from) };
        };
        const now = at(month);
        const then = at(before);
        // A change into or out of "potential" against a month whose growth could not be measured is no move.
        if (!isTierMove(then, now)) continue;
        if (rank(now.tier) < rank(then.tier)) u++;
        if (rank(now.tier) > rank(then.tier)) d++;
      }
      expect([month, up, down]).toEqual([month, u, d]);
      expect(await listed({ tierMove: { month, direction: 'up' } })).toBe(up);
      expect(await listed({ tierMove: { month, direction: 'down' } })).toBe(down);
      moved += up + down;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('counts coverage, the funnel, new clients and the overdue per manager as their lists do', async () => {
    for (const c of report.coverage) {
      expect(c.clients).toBe(await listed({ tier: c.tier }));
      expect(c.clients - c.covered, c.tier).toBe(await listed({ tier: c.tier, covered: false }));
    }
    expect(report.coverage.find((c) => c.tier === 'vip')!.covered).toBeGreaterThan(0);
    for (const l of report.lifecycle) expect(l.clients).toBe(await listed({ lifecycle: l.stage }));
    const newClients = report.flows.reduce((n, f) => n + f.new, 0);
    expect(newClients).toBe(await listed({ firstBusiness: { from: report.from, to: report.to } }));
    expect(report.flows.map((f) => f.month)).toEqual(monthsOf(report.from, report.to));
    expect(report.managers.length).toBeGreaterThan(0);
    for (const m of report.managers.slice(0, 3)) {
      const rows: WorklistRow[] = [];
      let after: WorklistCursor | null = null;
      do {
        const page: { rows: WorklistRow[]; nextCursor: WorklistCursor | null } = await ok(
          t.call(W, 'reminders.worklist', { group: 'overdue', managerId: m.managerId, after, limit: 500 }),
        );
        rows.push(...page.rows);
        after = page.nextCursor;
      } while (after);
      expect(rows.length, m.name).toBe(m.overdue);
      const managed = await Promise.all(['vip', 'potential'].map((tier) => listed({ managerId: m.managerId, tier: tier as Tier })));
      expect(m.clients).toBe(managed[0]! + managed[1]!);
    }
    expect(report.winBack.open).toBe(count("SELECT count(*) AS n FROM due_reminders WHERE kind = 'win_back'"));
  });

  it('moves with a contact: the client is covered, and a reminder done counts for whoever did it', async () => {
    const vip = t.store.raw
      .prepare("SELECT client_id AS id FROM due_reminders WHERE kind = 'vip_deep_contact' ORDER BY client_id LIMIT 1")
      .get() as { id: string } | undefined;
    expect(vip).toBeDefined();
    const before = report.coverage.find((c) => c.tier === 'vip')!;
    await ok(t.call(W, 'clients.logContact', { clientId: vip!.id, channel: 'visit', content: '资产检视' }));
    const other = t.store.raw
      .prepare("SELECT client_id AS id, reminder_key AS key FROM due_reminders WHERE kind <> 'vip_deep_contact' ORDER BY client_id LIMIT 1")
      .get() as { id: string; key: string };
    await ok(t.call(W, 'reminders.act', { clientId: other.id, key: other.key, action: 'done' }));
    const after: ClientsReport = await ok(t.call(W, 'reports.clients', { from: addMonths(today, -12), to: today }));
    expect(after.coverage.find((c) => c.tier === 'vip')!.covered).toBe(before.covered + 1);
    expect(after.managers.find((m) => m.name === 'admin' || m.managerId === adminId())?.done).toBe(1);
  });

  it('gives a relationship manager their own coverage and opportunities, as their lists count them', async () => {
    const m = report.managers[0]!;
    const staff = { id: m.managerId, login: 'rm', displayName: m.name, roles: ['counter' as const] };
    const mine = await myFigures(t.store.db, staff, today);
    expect(mine.clients).toBe(await listed({ managerId: m.managerId }));
    for (const c of mine.coverage) {
      expect(c.clients).toBe(await listed({ managerId: m.managerId, tier: c.tier }));
      expect(c.clients - c.covered).toBe(await listed({ managerId: m.managerId, tier: c.tier, covered: false }));
    }
    expect(mine.followUpsDue).toBe(
      count(
        "SELECT count(*) AS n FROM due_reminders r JOIN clients c ON c.id = r.client_id WHERE r.kind = 'follow_up' AND c.manager_id = ?",
        m.managerId,
      ),
    );
    // The administrator manages nobody.
    expect(await ok<MyFigures>(t.call(W, 'home.mine', {}))).toMatchObject({ clients: 0, followUpsDue: 0, followUpsAhead: 0 });
  });

  it('refuses a period that ends before it starts', async () => {
    expect(await t.call(W, 'reports.clients', { from: today, to: addMonths(today, -1) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'validation.period' },
    });
  });
});
