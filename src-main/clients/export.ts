import type { Kysely } from 'kysely';
import { AppError, type ClientFilters, type ClientSummary, type Settings } from '../../src-shared/contract';
import type { Database } from '../store/schema';
import { tableFile } from '../exports/table-file';
import type { JobControl } from '../jobs';
import { countClients, listClients } from './list';

const PAGE = 2_000;

/** Column headers of an export, in the language most branch staff and head office read (DOMAIN.md). */
const COLUMNS: [string, (c: ClientSummary) => string][] = [
  ['客户号', (c) => c.clientNo],
  ['姓名', (c) => c.name],
  ['客户层级', (c) => ({ vip: '贵宾', potential: '潜力', ordinary: '普通' })[c.tier]],
  ['生命周期', (c) => ({ prospect: '潜在客户', new: '初次客户', loyal: '忠诚客户', churned: '流失客户' })[c.lifecycle]],
  ['手机号（脱敏）', (c) => c.maskedMobile ?? ''],
  ['证件号码（脱敏）', (c) => c.maskedId],
  ['客户经理', (c) => c.managerName ?? ''],
  ['风险等级', (c) => c.riskLevel ?? ''],
  ['测评过期', (c) => (c.riskExpired ? '是' : '否')],
];

/**
 * The filtered list, masked exactly as on screen (DOMAIN.md §1: every export masks), as CSV (UTF-8 with BOM so
 * Excel reads the Chinese) or XLSX. Pages through the list so memory stays flat; progress per page; cancellable.
 */
export async function exportClients(
  db: Kysely<Database>,
  filters: ClientFilters,
  format: 'csv' | 'xlsx',
  settings: Settings,
  today: string,
  job: JobControl,
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const total = await countClients(db, filters, settings, today);
  const rows: string[][] = [];
  let after: string | null = null;
  do {
    const page = await listClients(db, filters, after, PAGE, settings, today);
    for (const c of page.rows) rows.push(COLUMNS.map(([, get]) => get(c)));
    after = page.nextCursor;
    job.progress(rows.length, total);
    if (job.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'export cancelled');
  } while (after);

  const fileName = `clients-${today}.${format}`;
  const content = await tableFile(format, [{ name: '客户', header: COLUMNS.map(([name]) => name), rows }]);
  return { fileName, content, rows: rows.length };
}
