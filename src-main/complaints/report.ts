import { type Kysely, sql } from 'kysely';
import type { ComplaintsReport } from '../../src-shared/contract/complaints';
import { addDays, addMonths } from '../../src-shared/domain/calendar-date';
import { maskName } from '../../src-shared/domain/masking';
import { type Sheet, type TableFormat, tableFile } from '../exports/table-file';
import type { Database } from '../store/schema';
import { checkPeriod } from '../exports/period';
import { CHANNEL_ZH } from './register';
import { openCase } from './state';

/** The months a period touches, `YYYY-MM`, oldest first (a month with no case still shows, as 0). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
  return months;
}

/**
 * The complaints report for a period (DOMAIN.md §5), computed in the store: cases received by business line, cause
 * and channel per month; cases decided in the period, the share decided in time and the average days to decision;
 * open and overdue cases today; complainants with two or more cases in the twelve months to the period's end
 * (masked). The figures are the same as the register's for the same period.
 */
export async function complaintsReport(
  db: Kysely<Database>,
  period: { from: string; to: string },
  today: string,
): Promise<ComplaintsReport> {
  checkPeriod(period.from, period.to);
  const { from, to } = period;
  // Read from the covering index complaints_report alone (no case row is visited): one grouping by month and all
  // three dimensions, folded here; then the complainants with two or more cases, and only their case numbers.
  const grouped = await sql<{ month: string; business_line: string; cause: string; channel: string; n: number }>`
    SELECT substr(received_on, 1, 7) AS month, business_line, cause, channel, count(*) AS n
    FROM complaints WHERE received_on BETWEEN ${from} AND ${to} GROUP BY 1, 2, 3, 4`.execute(db);
  const counts = new Map<string, ComplaintsReport['counts'][number]>();
  let received = 0;
  for (const g of grouped.rows) {
    const n = Number(g.n);
    received += n;
    for (const [dimension, key] of [
      ['business_line', g.business_line],
      ['cause', g.cause],
      ['channel', g.channel],
    ] as const) {
      const id = `${dimension}\u0000${key}\u0000${g.month}`;
      const found = counts.get(id);
      if (found) found.count += n;
      else counts.set(id, { dimension, key, month: g.month, count: n });
    }
  }

  // The same complainant: the client, or for one who is not a client the name and the way to reach them.
  const yearFrom = addDays(addMonths(to, -12), 1);
  const who = sql<string>`coalesce(client_id, 'n:' || coalesce(complainant_name, '') || '|' || coalesce(complainant_contact, ''))`;
  const inYear = sql`received_on BETWEEN ${yearFrom} AND ${to}`;
  const repeat = await sql<{ name: string | null; cases: number; case_nos: string }>`
    SELECT coalesce(cl.name, r.name) AS name, r.cases, r.case_nos
    FROM (SELECT ${who} AS who, min(client_id) AS client_id, min(complainant_name) AS name, count(*) AS cases,
                 group_concat(case_no, ' ' ORDER BY received_on, case_no) AS case_nos
          FROM complaints WHERE ${inYear} GROUP BY 1 HAVING count(*) >= 2 ORDER BY 4 DESC, 5 LIMIT 200) r
    LEFT JOIN clients cl ON cl.id = r.client_id
    ORDER BY r.cases DESC, r.case_nos`.execute(db);

  const totals = await sql<{ decided: number; in_time: number; avg_days: number | null; open: number; overdue: number }>`
    SELECT
      count(*) AS decided,
      coalesce(sum(decided_on <= decision_due), 0) AS in_time,
      avg(julianday(decided_on) - julianday(decision_from)) AS avg_days,
      (SELECT count(*) FROM complaints WHERE ${openCase}) AS open,
      (SELECT count(*) FROM complaints WHERE ${openCase} AND due_on < ${today}) AS overdue
    FROM complaints WHERE decided_on BETWEEN ${from} AND ${to}`.execute(db);
  const t = totals.rows[0]!;

  const decided = Number(t.decided);
  return {
    from,
    to,
    months: monthsOf(from, to),
    counts: [...counts.values()],
    received,
    decided,
    decidedInTime: Number(t.in_time),
    inTimeShare: decided === 0 ? null : Number(t.in_time) / decided,
    averageDaysToDecision: t.avg_days === null ? null : Math.round(Number(t.avg_days) * 10) / 10,
    open: Number(t.open),
    overdue: Number(t.overdue),
    repeatFrom: yearFrom,
    repeatComplainants: repeat.rows.map((r) => ({
      complainant: maskName(r.name ?? ''),
      cases: Number(r.cases),
      caseNos: r.case_nos.split(' '),
    })),
  };
}

const DIMENSION_ZH = { business_line: '业务类别', cause: '投诉原因', channel: '投诉渠道' } as const;

/** The report as a file: the figures, the counts per month, the repeat complainants — one table (sheet) each. */
export async function reportFile(
  db: Kysely<Database>,
  report: ComplaintsReport,
  format: TableFormat,
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const labels = new Map(
    (await db.selectFrom('complaint_categories').select(['kind', 'code', 'label_zh_cn']).execute()).map((c) => [
      `${c.kind}:${c.code}`,
      c.label_zh_cn,
    ]),
  );
  const label = (dimension: keyof typeof DIMENSION_ZH, key: string) =>
    dimension === 'channel' ? (CHANNEL_ZH[key] ?? key) : (labels.get(`${dimension}:${key}`) ?? key);
  const percent = report.inTimeShare === null ? '' : `${(report.inTimeShare * 100).toFixed(1)}%`;
  const sheets: Sheet[] = [
    {
      name: '汇总',
      header: ['指标', `${report.from} 至 ${report.to}`],
      rows: [
        ['受理投诉（件）', report.received],
        ['作出处理决定（件）', report.decided],
        ['按时作出决定（件）', report.decidedInTime],
        ['按时率', percent],
        ['平均处理用时（日）', report.averageDaysToDecision ?? ''],
        ['当前未办结（件）', report.open],
        ['当前已超期（件）', report.overdue],
      ],
    },
    {
      name: '按月统计',
      header: ['维度', '项目', ...report.months],
      rows: (['business_line', 'cause', 'channel'] as const).flatMap((dimension) => {
        const keys = [...new Set(report.counts.filter((c) => c.dimension === dimension).map((c) => c.key))].sort();
        return keys.map((key) => [
          DIMENSION_ZH[dimension],
          label(dimension, key),
          ...report.months.map((m) => report.counts.find((c) => c.dimension === dimension && c.key === key && c.month === m)?.count ?? 0),
        ]);
      }),
    },
    {
      name: '重复投诉',
      header: ['投诉人（脱敏）', `${report.repeatFrom} 至 ${report.to} 件数`, '案件编号'],
      rows: report.repeatComplainants.map((r) => [r.complainant, r.cases, r.caseNos.join(' ')]),
    },
  ];
  return {
    fileName: `complaints-report-${report.from}-${report.to}.${format}`,
    content: await tableFile(format, sheets),
    rows: sheets[1]!.rows.length,
  };
}
