import { type Kysely, sql } from 'kysely';
import type { ClientsReport, ManagerFigures, MyFigures, Settings, Staff } from '../../src-shared/contract';
import { addDays, addMonths, parseCalendarDate } from '../../src-shared/domain/calendar-date';
import { midnightOf } from '../../src-shared/domain/clock';
import { LIFECYCLES, type Lifecycle } from '../../src-shared/domain/lifecycle';
import { TIERS, type Tier } from '../../src-shared/domain/tier';
import type { Database } from '../store/schema';
import { tableFile, type Sheet, type TableFormat } from '../exports/table-file';
import { inGroupSql, longOverdueSince } from '../reminders/service';
import { tallyManager } from '../reminders/tallies';

/** Cadence-bound tiers: a coverage figure per manager counts these (ordinary clients are served, not managed). */
const MANAGED_TIERS: readonly Tier[] = ['vip', 'potential'];

/** Every month (`YYYY-MM`) a period of days touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

/**
 * Coverage by tier (and manager): clients computed by the reminder pass (`client_due`, one row per live client) and
 * how many are covered — contacted within their cadence, so their cadence falls due after today.
 */
async function coverage(db: Kysely<Database>, today: string, managerId?: string) {
  // From the tally kept with `client_due` (reminders/tallies.ts): a few thousand rows, not every client.
  let q = db
    .selectFrom('cover_tally')
    .select((eb) => [
      'tier',
      'manager_id',
      eb.fn.sum<number>('n').as('clients'),
      sql<number>`coalesce(sum(CASE WHEN cadence_due > ${today} THEN n ELSE 0 END), 0)`.as('covered'),
    ])
    .groupBy(['tier', 'manager_id']);
  if (managerId) q = q.where('manager_id', '=', managerId);
  return (await q.execute()).map((r) => ({
    tier: r.tier,
    manager_id: tallyManager(r.manager_id),
    clients: Number(r.clients),
    covered: Number(r.covered),
  }));
}

function byTier(rows: { tier: string; clients: number; covered: number }[]) {
  return TIERS.map((tier) => {
    const of = rows.filter((r) => r.tier === tier);
    return { tier, clients: of.reduce((n, r) => n + r.clients, 0), covered: of.reduce((n, r) => n + r.covered, 0) };
  });
}

/**
 * The clients and coverage figures of a period (issue 13), each read from the store as the list it opens reads it:
 * the tier figures by month from `tier_months`/`tier_moves` (rebuilt from the balances, reports/tier-months.ts), new
 * clients by their first business day, churned ones by when their inactivity made them churned, the funnel and the
 * coverage as they stand today, the worklist done in the period by whom, and what is overdue now.
 */
export async function clientsReport(
  db: Kysely<Database>,
  settings: Pick<Settings, 'churnInactiveMonths' | 'longOverdueDays' | 'timeZone'>,
  today: string,
  period: { from: string; to: string },
): Promise<ClientsReport> {
  const months = monthsOf(period.from, period.to);
  const first = months[0] ?? period.from.slice(0, 7);
  const last = months.at(-1) ?? first;
  const tierRows = await db
    .selectFrom('tier_months')
    .select(['month', 'tier', 'clients', 'aum_fen'])
    .where('month', '>=', first)
    .where('month', '<=', last)
    .orderBy('month')
    .execute();
  const moveRows = await db
    .selectFrom('tier_moves')
    .select((eb) => [
      'month',
      eb.fn.countAll<number>().filterWhere('direction', '>', 0).as('up'),
      eb.fn.countAll<number>().filterWhere('direction', '<', 0).as('down'),
    ])
    .where('month', '>=', first)
    .where('month', '<=', last)
    .groupBy('month')
    .execute();
  const newRows = await db
    .selectFrom('clients')
    .select((eb) => [sql<string>`substr(first_business_date, 1, 7)`.as('month'), eb.fn.countAll<number>().as('n')])
    .where('first_business_date', '>=', `${first}-01`)
    .where('first_business_date', '<=', `${last}-31`)
    .where('deleted_hlc', 'is', null)
    .groupBy(sql`substr(first_business_date, 1, 7)`)
    .execute();
  // Churned the month the inactivity reached the setting: the win-back reminder's day (reminders/due.ts), bucketed
  // with the same month arithmetic (a 31st clamps to the month's last day).
  const churnedDays = await db
    .selectFrom('clients')
    .select('last_activity_date')
    .where('lifecycle', '=', 'churned')
    .where('last_activity_date', '>=', addMonths(`${first}-01`, -settings.churnInactiveMonths - 1))
    .where('last_activity_date', '<', addMonths(`${last}-01`, -settings.churnInactiveMonths + 1))
    .where('deleted_hlc', 'is', null)
    .execute();
  const churnOf = new Map<string, number>();
  for (const { last_activity_date: day } of churnedDays) {
    if (!day || !parseCalendarDate(day)) continue;
    const month = addMonths(day, settings.churnInactiveMonths).slice(0, 7);
    churnOf.set(month, (churnOf.get(month) ?? 0) + 1);
  }
  const stageRows = await db
    .selectFrom('clients')
    .select((eb) => ['lifecycle', eb.fn.countAll<number>().as('n')])
    .where('deleted_hlc', 'is', null)
    .groupBy('lifecycle')
    .execute();
  // Actions carry an instant (UTC): the period's days run from the branch's midnight to its next.
  const instant = (day: string) => new Date(midnightOf(day, settings.timeZone)).toISOString();
  const periodStart = instant(period.from);
  const periodEnd = instant(addDays(period.to, 1));
  const winBackDone = await db
    .selectFrom('reminder_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>=', periodStart)
    .where('at', '<', periodEnd)
    .where('action', '=', 'done')
    .where('reminder_key', 'like', 'win_back:%')
    .where('deleted_hlc', 'is', null)
    .executeTakeFirstOrThrow();
  const winBackOpen = await db
    .selectFrom('due_reminders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'win_back')
    .executeTakeFirstOrThrow();

  const cover = await coverage(db, today);
  const done = await db
    .selectFrom('reminder_actions')
    .select((eb) => ['staff_id', eb.fn.countAll<number>().as('n')])
    .where('at', '>=', periodStart)
    .where('at', '<', periodEnd)
    .where('action', '=', 'done')
    .where('deleted_hlc', 'is', null)
    .groupBy('staff_id')
    .execute();
  // Overdue by the worklist's own rule for its "overdue" group (the long-overdue cadence folded apart): the list it opens.
  const overdue = (
    await db
      .selectFrom('due_tally as r')
      .select((eb) => ['r.manager_id', eb.fn.sum<number>('r.n').as('n')])
      .where(inGroupSql('overdue', today, longOverdueSince(today, settings)))
      .groupBy('r.manager_id')
      .execute()
  ).map((o) => ({ manager_id: tallyManager(o.manager_id), n: o.n }));
  const staff = await db.selectFrom('staff').select(['id', 'display_name']).where('deleted_hlc', 'is', null).execute();
  const names = new Map(staff.map((s) => [s.id, s.display_name]));
  const doneBy = new Map(done.map((d) => [d.staff_id, Number(d.n)]));
  const overdueOf = new Map(overdue.map((o) => [o.manager_id, Number(o.n)]));
  const managerIds = new Set<string>();
  for (const c of cover) if (c.manager_id && MANAGED_TIERS.includes(c.tier as Tier)) managerIds.add(c.manager_id);
  for (const id of doneBy.keys()) if (id && names.has(id)) managerIds.add(id);
  const managers: ManagerFigures[] = [...managerIds]
    .map((id) => {
      const mine = cover.filter((c) => c.manager_id === id && MANAGED_TIERS.includes(c.tier as Tier));
      return {
        managerId: id,
        name: names.get(id) ?? id,
        clients: mine.reduce((n, c) => n + c.clients, 0),
        covered: mine.reduce((n, c) => n + c.covered, 0),
        done: doneBy.get(id) ?? 0,
        overdue: overdueOf.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.clients - a.clients || a.name.localeCompare(b.name));

  const newOf = new Map(newRows.map((r) => [r.month, Number(r.n)]));
  const stageOf = new Map(stageRows.map((r) => [r.lifecycle, Number(r.n)]));
  const movesOf = new Map(moveRows.map((r) => [r.month, { up: Number(r.up), down: Number(r.down) }]));
  const latest = await db
    .selectFrom('tier_months')
    .select((eb) => eb.fn.max('month').as('m'))
    .executeTakeFirst();
  return {
    from: period.from,
    to: period.to,
    months: tierRows.map((r) => ({ month: r.month, tier: r.tier as Tier, clients: r.clients, aumFen: r.aum_fen })),
    moves: months.map((month) => ({ month, ...(movesOf.get(month) ?? { up: 0, down: 0 }) })),
    flows: months.map((month) => ({ month, new: newOf.get(month) ?? 0, churned: churnOf.get(month) ?? 0 })),
    lifecycle: LIFECYCLES.map((stage: Lifecycle) => ({ stage, clients: stageOf.get(stage) ?? 0 })),
    winBack: { done: Number(winBackDone.n), open: Number(winBackOpen.n) },
    coverage: byTier(cover),
    managers,
    latestMonth: latest?.m ?? null,
  };
}

/** A staff member's own figures: their clients, their coverage, their sales opportunities open. */
export async function myFigures(db: Kysely<Database>, staff: Staff, today: string): Promise<MyFigures> {
  const cover = await coverage(db, today, staff.id);
  const followUps = await db
    .selectFrom('due_reminders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_id', '=', staff.id)
    .where('kind', '=', 'follow_up')
    .executeTakeFirstOrThrow();
  const ahead = await db
    .selectFrom('contacts as k')
    .innerJoin('clients as c', 'c.id', 'k.client_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.manager_id', '=', staff.id)
    .where('c.deleted_hlc', 'is', null)
    .where('k.follow_up_due', '>', today)
    .where('k.deleted_hlc', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('contacts as x').select('x.id').whereRef('x.corrects_id', '=', 'k.id'))))
    .executeTakeFirstOrThrow();
  return {
    clients: cover.reduce((n, c) => n + c.clients, 0),
    coverage: byTier(cover).filter((c) => MANAGED_TIERS.includes(c.tier)),
    followUpsDue: Number(followUps.n),
    followUpsAhead: Number(ahead.n),
  };
}

const share = (part: number, whole: number) => (whole === 0 ? '' : Math.round((part / whole) * 1000) / 10);
const yuan = (fen: number) => Math.round(fen / 100);

/** The clients and coverage figures as a file: one table per section, no client named. */
export async function clientsReportFile(
  report: ClientsReport,
  format: TableFormat,
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const tierLabel: Record<Tier, string> = { vip: '贵宾', potential: '潜力', ordinary: '普通' };
  const stageLabel: Record<Lifecycle, string> = { prospect: '潜在客户', new: '初次客户', loyal: '忠诚客户', churned: '流失客户' };
  const sheets: Sheet[] = [
    {
      name: '分层',
      header: ['月份', '层级', '客户数', '管理资产（元，月日均）'],
      rows: report.months.map((m) => [m.month, tierLabel[m.tier], m.clients, yuan(m.aumFen)]),
    },
    {
      name: '升降与流转',
      header: ['月份', '升层', '降层', '新客户', '流失'],
      rows: report.moves.map((m, i) => [m.month, m.up, m.down, report.flows[i]?.new ?? 0, report.flows[i]?.churned ?? 0]),
    },
    { name: '生命周期', header: ['阶段', '客户数'], rows: report.lifecycle.map((l) => [stageLabel[l.stage], l.clients]) },
    {
      name: '覆盖率',
      header: ['层级', '客户数', '已覆盖', '覆盖率（%）'],
      rows: report.coverage.map((c) => [tierLabel[c.tier], c.clients, c.covered, share(c.covered, c.clients)]),
    },
    {
      name: '客户经理',
      header: ['客户经理', '贵宾及潜力客户', '已覆盖', '覆盖率（%）', '期间完成提醒', '当前逾期', '完成率（%）'],
      rows: report.managers.map((m) => [
        m.name,
        m.clients,
        m.covered,
        share(m.covered, m.clients),
        m.done,
        m.overdue,
        share(m.done, m.done + m.overdue),
      ]),
    },
    { name: '挽回', header: ['期间完成挽回联系', '待挽回客户'], rows: [[report.winBack.done, report.winBack.open]] },
  ];
  return {
    fileName: `clients-report-${report.from}-${report.to}.${format}`,
    content: await tableFile(format, sheets),
    rows: report.months.length,
  };
}
