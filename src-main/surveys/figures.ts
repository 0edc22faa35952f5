import { type Kysely, sql } from 'kysely';
import type { SurveyReport } from '../../src-shared/contract/surveys';
import { scoreOfCounts, type Labels, type ScoreCounts, type SurveyOccasion } from '../../src-shared/domain/surveys';
import { monthsOf } from '../complaints/report';
import { checkPeriod } from '../exports/period';
import { type Sheet, type TableFormat, tableFile } from '../exports/table-file';
import type { Database } from '../store/schema';
import { listResponses } from './responses';
import type { Staff } from '../../src-shared/contract';

export interface ReportFilter {
  from: string;
  to: string;
  templateId: string | null;
  staffId: string | null;
}

const empty = (): ScoreCounts => ({ responses: 0, csatResponses: 0, csatGood: 0, npsResponses: 0, promoters: 0, detractors: 0 });

function add(into: ScoreCounts, g: ScoreCounts): void {
  into.responses += g.responses;
  into.csatResponses += g.csatResponses;
  into.csatGood += g.csatGood;
  into.npsResponses += g.npsResponses;
  into.promoters += g.promoters;
  into.detractors += g.detractors;
}

/**
 * CSAT (share of 4–5 on each sheet's CSAT question) and NPS (share of 9–10 minus share of 0–6) for a period, by
 * month, template, staff member and branch (DOMAIN.md §7). Each sheet counts by its own version's questions: its
 * scores were taken when it was saved or arrived (surveys/scoring.ts). One grouping read from the covering index
 * survey_responses_report (reportGrouping), folded here; a month with no answer shows, with no figure.
 */
/**
 * The report's one read: counts by day, template, staff and branch, in the covering index's own order (demo, then
 * day, template, staff, branch), so SQLite aggregates as it reads; the days are folded into months by the caller.
 * Grouping on the month itself made SQLite sort the whole year in a temp b-tree first: measured on 200,000 answers
 * (`npm run bench -- surveys`), 260 ms of sorting against a 40 ms read. The bench prints this query's plan.
 */
export function reportGrouping(filter: ReportFilter) {
  return sql<{
    day: string;
    template_id: string;
    staff_id: string | null;
    branch_id: string;
    n: number;
    csat_n: number;
    csat_good: number;
    nps_n: number;
    promoters: number;
    detractors: number;
  }>`
    SELECT day, template_id, staff_id, branch_id, count(*) AS n,
           count(csat) AS csat_n, coalesce(sum(csat >= 4), 0) AS csat_good,
           count(nps) AS nps_n, coalesce(sum(nps >= 9), 0) AS promoters, coalesce(sum(nps <= 6), 0) AS detractors
    FROM survey_responses INDEXED BY survey_responses_report
    WHERE demo IN (0, 1) AND day BETWEEN ${filter.from} AND ${filter.to}
      ${filter.templateId ? sql`AND template_id = ${filter.templateId}` : sql``}
      ${filter.staffId ? sql`AND staff_id = ${filter.staffId}` : sql``}
    GROUP BY demo, day, template_id, staff_id, branch_id`;
}

export async function surveyReport(db: Kysely<Database>, filter: ReportFilter): Promise<SurveyReport> {
  checkPeriod(filter.from, filter.to);
  const grouped = await reportGrouping(filter).execute(db);

  const total = empty();
  const byMonth = new Map<string, ScoreCounts>(monthsOf(filter.from, filter.to).map((m) => [m, empty()]));
  const byTemplate = new Map<string, ScoreCounts>();
  const byStaff = new Map<string | null, ScoreCounts>();
  const byBranch = new Map<string, ScoreCounts>();
  const bump = <K>(map: Map<K, ScoreCounts>, key: K, g: ScoreCounts) => {
    let into = map.get(key);
    if (!into) map.set(key, (into = empty()));
    add(into, g);
  };
  for (const row of grouped.rows) {
    const g: ScoreCounts = {
      responses: Number(row.n),
      csatResponses: Number(row.csat_n),
      csatGood: Number(row.csat_good),
      npsResponses: Number(row.nps_n),
      promoters: Number(row.promoters),
      detractors: Number(row.detractors),
    };
    add(total, g);
    bump(byMonth, row.day.slice(0, 7), g);
    bump(byTemplate, row.template_id, g);
    bump(byStaff, row.staff_id, g);
    bump(byBranch, row.branch_id, g);
  }

  const templates = new Map(
    (
      await db
        .selectFrom('survey_templates as t')
        .select((eb) => [
          't.id',
          't.occasion',
          eb
            .selectFrom('survey_versions as v')
            .select('v.title')
            .whereRef('v.template_id', '=', 't.id')
            .orderBy('v.updated_hlc', 'desc')
            .limit(1)
            .as('title'),
        ])
        .execute()
    ).map((t) => [t.id, t]),
  );
  const staffIds = [...byStaff.keys()].filter((id): id is string => id !== null);
  const names = new Map(
    staffIds.length === 0
      ? []
      : (await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', staffIds).execute()).map((s) => [
          s.id,
          s.display_name,
        ]),
  );
  const noTitle: Labels = { 'zh-CN': '', 'zh-TW': '', en: '' };
  return {
    from: filter.from,
    to: filter.to,
    total: scoreOfCounts(total),
    byMonth: [...byMonth].map(([month, c]) => ({ month, ...scoreOfCounts(c) })),
    byTemplate: [...byTemplate]
      .map(([templateId, c]) => {
        const t = templates.get(templateId);
        return {
          templateId,
          title: t?.title ? (JSON.parse(t.title) as Labels) : noTitle,
          occasion: (t?.occasion ?? 'counter_visit') as SurveyOccasion,
          ...scoreOfCounts(c),
        };
      })
      .sort((a, b) => b.responses - a.responses),
    byStaff: [...byStaff]
      .map(([staffId, c]) => ({ staffId, staffName: staffId === null ? null : (names.get(staffId) ?? null), ...scoreOfCounts(c) }))
      .sort((a, b) => b.responses - a.responses),
    byBranch: [...byBranch].map(([branchId, c]) => ({ branchId, ...scoreOfCounts(c) })).sort((a, b) => b.responses - a.responses),
  };
}

const percent = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
const figure = (v: number | null) => (v === null ? '' : v);

/** The figures (one table per dimension) or the answers of a period, as staff open them in Excel. */
export async function surveyFile(
  db: Kysely<Database>,
  staff: Staff,
  filter: ReportFilter,
  what: 'figures' | 'answers',
  format: TableFormat,
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const scoreHeader = ['答卷数', 'CSAT 作答数', 'CSAT（%）', 'NPS 作答数', 'NPS', '推荐者', '中立者', '贬损者'];
  const scoreCells = (s: SurveyReport['total']) => [
    s.responses,
    s.csatResponses,
    percent(s.csat),
    s.npsResponses,
    figure(s.nps),
    s.promoters,
    s.passives,
    s.detractors,
  ];
  if (what === 'figures') {
    const report = await surveyReport(db, filter);
    const sheets: Sheet[] = [
      { name: '按月', header: ['月份', ...scoreHeader], rows: report.byMonth.map((m) => [m.month, ...scoreCells(m)]) },
      {
        name: '按模板',
        header: ['模板', '场景', ...scoreHeader],
        rows: report.byTemplate.map((t) => [t.title['zh-CN'], t.occasion, ...scoreCells(t)]),
      },
      { name: '按员工', header: ['员工', ...scoreHeader], rows: report.byStaff.map((s) => [s.staffName ?? '', ...scoreCells(s)]) },
      { name: '按网点', header: ['网点', ...scoreHeader], rows: report.byBranch.map((b) => [b.branchId, ...scoreCells(b)]) },
      { name: '合计', header: ['期间', ...scoreHeader], rows: [[`${report.from}—${report.to}`, ...scoreCells(report.total)]] },
    ];
    return {
      fileName: `surveys-figures-${filter.from}-${filter.to}.${format}`,
      content: await tableFile(format, sheets),
      rows: report.total.responses,
    };
  }
  const answers = await listResponses(db, staff, {
    ...filter,
    clientId: null,
    withText: false,
    followUpOnly: false,
    band: null,
    search: null,
    limit: 100_000,
  });
  const sheet: Sheet = {
    name: '答卷',
    header: ['日期', '模板', '版本', '客户', '员工', 'CSAT', 'NPS', '需回访', '活动', '投诉编号', '意见'],
    rows: answers.rows.map((r) => [
      r.day,
      r.templateTitle['zh-CN'],
      r.versionNumber,
      r.clientName ?? r.respondent ?? '',
      r.staffName ?? '',
      figure(r.csat),
      figure(r.nps),
      r.followUp ? '是' : '',
      r.eventTitle ?? '',
      r.caseNo ?? '',
      r.texts.map((t) => t.answer).join(' / '),
    ]),
  };
  return {
    fileName: `surveys-answers-${filter.from}-${filter.to}.${format}`,
    content: await tableFile(format, [sheet]),
    rows: sheet.rows.length,
  };
}
