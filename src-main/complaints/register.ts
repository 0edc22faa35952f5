import { type Kysely, sql } from 'kysely';
import { AppError } from '../../src-shared/contract';
import { daysLeft } from '../../src-shared/domain/complaints';
import { maskName } from '../../src-shared/domain/masking';
import { checkPeriod } from '../exports/period';
import { type Sheet, type TableFormat, tableFile } from '../exports/table-file';
import type { JobControl } from '../jobs';
import type { Database } from '../store/schema';

const PAGE = 2_000;

/** The register's words, in the language the regulator's returns are kept in (DOMAIN.md §5). */
export const CHANNEL_ZH: Record<string, string> = {
  counter: '柜面',
  phone: '电话',
  letter: '信函',
  email: '电子邮件',
  app: '手机银行',
  social_media: '社交媒体',
  regulator: '监管转办',
};
export const STATUS_ZH: Record<string, string> = {
  received: '已登记',
  accepted: '已受理',
  investigating: '调查中',
  escalated: '已升级',
  decided: '已作出处理决定',
  review: '核查中',
  closed: '已办结',
  withdrawn: '已撤回',
};
export const OUTCOME_ZH: Record<string, string> = { upheld: '投诉成立', partly_upheld: '部分成立', not_upheld: '不成立' };
const EXTENSION_ZH: Record<string, string> = { none: '未延期', complex: '延期至 30 日', especially_complex: '延期至 60 日' };

/** One case as the register reads it. */
export interface RegisterCase {
  id: string;
  caseNo: string;
  receivedOn: string;
  decidedOn: string | null;
  channel: string;
  businessLine: string;
  cause: string;
  complainant: string;
  outcome: string | null;
  extension: string;
  decisionFrom: string;
  decisionDue: string;
  status: string;
  regulatorRef: string | null;
}

/**
 * Whether a case was decided in time: `yes` / `no` once decided; while waiting, `overdue` past its deadline or
 * `pending`. Withdrawn before a decision: `withdrawn` (no clock to meet).
 */
export function timeliness(c: Pick<RegisterCase, 'decidedOn' | 'decisionDue' | 'status'>, today: string) {
  if (c.decidedOn !== null) return c.decidedOn <= c.decisionDue ? 'yes' : 'no';
  if (c.status === 'withdrawn') return 'withdrawn';
  return today > c.decisionDue ? 'overdue' : 'pending';
}
const TIMELINESS_ZH = { yes: '是', no: '否', overdue: '已超期', pending: '办理中', withdrawn: '撤回' } as const;

/** Calendar days from the decision's clock start to the decision (0: decided the day it came in). */
export function daysTaken(c: Pick<RegisterCase, 'decidedOn' | 'decisionFrom'>): number | null {
  return c.decidedOn === null ? null : daysLeft(c.decisionFrom, c.decidedOn);
}

/**
 * The register's columns, in the order the README documents; never reordered (head office's returns read them by
 * position). Personal data is masked: the complainant's name only, first character shown.
 */
export const REGISTER_COLUMNS: [string, (c: RegisterCase, today: string) => string | number][] = [
  ['案件编号', (c) => c.caseNo],
  ['受理日期', (c) => c.receivedOn],
  ['办结日期', (c) => c.decidedOn ?? ''],
  ['投诉渠道', (c) => CHANNEL_ZH[c.channel] ?? c.channel],
  ['业务类别', (c) => c.businessLine],
  ['投诉原因', (c) => c.cause],
  ['投诉人（脱敏）', (c) => maskName(c.complainant)],
  ['处理结果', (c) => (c.outcome ? (OUTCOME_ZH[c.outcome] ?? c.outcome) : '')],
  ['处理用时（日）', (c) => daysTaken(c) ?? ''],
  ['延期情况', (c) => EXTENSION_ZH[c.extension] ?? c.extension],
  ['处理时限', (c) => c.decisionDue],
  ['是否按时办结', (c, today) => TIMELINESS_ZH[timeliness(c, today)]],
  ['案件状态', (c) => STATUS_ZH[c.status] ?? c.status],
  ['监管转办编号', (c) => c.regulatorRef ?? ''],
];

/** Cases received in a period (both days included), oldest first, a page at a time after `after`. */
export function registerPage(db: Kysely<Database>, from: string, to: string, after: { receivedOn: string; id: string } | null) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('clients as cl', 'cl.id', 'c.client_id')
    .leftJoin('complaint_categories as bl', (j) => j.on('bl.kind', '=', 'business_line').onRef('bl.code', '=', 'c.business_line'))
    .leftJoin('complaint_categories as ca', (j) => j.on('ca.kind', '=', 'cause').onRef('ca.code', '=', 'c.cause'))
    .select((eb) => [
      'c.id',
      'c.case_no as caseNo',
      'c.received_on as receivedOn',
      'c.decided_on as decidedOn',
      'c.channel',
      eb.fn.coalesce('bl.label_zh_cn', 'c.business_line').as('businessLine'),
      eb.fn.coalesce('ca.label_zh_cn', 'c.cause').as('cause'),
      eb.fn.coalesce('cl.name', 'c.complainant_name', sql.lit('')).as('complainant'),
      'c.outcome',
      'c.extension',
      eb.fn.coalesce('c.decision_from', 'c.received_on').as('decisionFrom'),
      eb.fn.coalesce('c.decision_due', 'c.due_on', 'c.received_on').as('decisionDue'),
      'c.status',
      'c.regulator_ref as regulatorRef',
    ])
    .where('c.received_on', '>=', from)
    .where('c.received_on', '<=', to)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('c.received_on', '>', after!.receivedOn),
          eb.and([eb('c.received_on', '=', after!.receivedOn), eb('c.id', '>', after!.id)]),
        ]),
      ),
    )
    .orderBy('c.received_on')
    .orderBy('c.id')
    .limit(PAGE)
    .execute() as Promise<RegisterCase[]>;
}

/**
 * The complaint register for a period (DOMAIN.md §5: the regulator's return), as CSV or XLSX with the documented
 * columns. A long job: progress per page, cancellable, nothing written until it is whole.
 */
export async function exportRegister(
  db: Kysely<Database>,
  period: { from: string; to: string },
  format: TableFormat,
  today: string,
  job: JobControl,
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  checkPeriod(period.from, period.to);
  const { total } = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('received_on', '>=', period.from)
    .where('received_on', '<=', period.to)
    .executeTakeFirstOrThrow();
  const rows: (string | number)[][] = [];
  let after: { receivedOn: string; id: string } | null = null;
  for (;;) {
    const page = await registerPage(db, period.from, period.to, after);
    for (const c of page) rows.push(REGISTER_COLUMNS.map(([, get]) => get(c, today)));
    job.progress(rows.length, Number(total));
    if (job.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'export cancelled');
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { receivedOn: last.receivedOn, id: last.id };
  }
  const sheet: Sheet = { name: '投诉登记簿', header: REGISTER_COLUMNS.map(([name]) => name), rows };
  return {
    fileName: `complaints-register-${period.from}-${period.to}.${format}`,
    content: await tableFile(format, [sheet]),
    rows: rows.length,
  };
}
