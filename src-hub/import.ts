import crypto from 'node:crypto';
import { type Clock, localDate } from '../src-shared/domain/clock';
import { uuidv7 } from '../src-shared/domain/ids';
import type { Change } from '../src-shared/sync/protocol';
import type { SyncedTableName } from '../src-shared/sync/tables';
import type { HubDb } from './db';
import { HubHlc } from './hlc';
import { BalancesImport } from './import/balances';
import { ClientsImport } from './import/clients';
import { type ImportKind, mapHeader } from './import/columns';
import { csvRecords, decodeCsv, type CsvRecord } from './import/csv';
import { DepositsImport, HoldingsImport, TransactionsImport } from './import/facts';
import { type ImportContext, type KindImporter, type RowError, RowReader } from './import/row';
import { CalendarImport } from './import/calendar';
import { StaffImport } from './import/staff';
import { checkBranchId, HubError, HubService } from './service';

export { IMPORT_KINDS, isImportKind, type ImportKind } from './import/columns';
export type { RowError } from './import/row';

/**
 * Head office's master data from CSV (issue 4, DOMAIN.md §8): client master data, balances, large transactions,
 * term deposits, holdings and staff accounts, appended to one branch's feed so they flow down to its workstations.
 * Every row is checked first; rows with errors are reported (line, field, reason key, masked value) and left out;
 * the good rows go into the feed in ONE transaction (HubService.appendMasterData), so a cancel, a crash or a
 * failed write leaves nothing half-imported.
 */
export interface MasterImportOptions {
  branchId: string;
  kind: ImportKind;
  /** The CSV file: UTF-8 (with or without a BOM) or GB18030, a header row first. */
  bytes: Uint8Array;
  /** Check every row and report, write nothing. */
  dryRun?: boolean;
  /** The hub process's clock for head office's stamps; one is made when absent. */
  hlc?: HubHlc;
  onProgress?: (done: number, total: number) => void;
  /** Called when every row is checked and the one write transaction starts (not on a dry run). */
  onWriting?: (changes: number) => void;
  /** Aborting before the write starts keeps nothing (the write itself is one transaction). */
  signal?: AbortSignal;
}

export interface MasterImportReport {
  branchId: string;
  kind: ImportKind;
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Rows that passed every check. */
  valid: number;
  /** Rows with at least one error, left out. */
  rejected: number;
  /** Changes the valid rows make (balances: one per client and series, not one per row). */
  changes: number;
  /** Changes appended to the branch's feed: 0 on a dry run. */
  written: number;
  /** Field → the header it was read from. */
  columns: Record<string, string>;
  /** Headers no field took. */
  ignoredColumns: string[];
  errors: RowError[];
}

/** Rows checked between progress reports (and chances to cancel). */
const PROGRESS_ROWS = 5000;
/** Mainland China, Hong Kong and Taiwan share UTC+08:00: "today" for birth dates is the branch's day. */
const BRANCH_ZONE = 'Asia/Shanghai';

export async function importMasterData(hub: HubDb, clock: Clock, options: MasterImportOptions): Promise<MasterImportReport> {
  const branchId = checkBranchId(options.branchId);
  const service = new HubService(hub, clock);
  const branch = await hub.db.selectFrom('hub_branches').select('id').where('id', '=', branchId).executeTakeFirst();
  if (!branch) throw new HubError(404, 'import.unknown_branch', `no branch ${branchId} at this hub`, { branch: branchId });

  // Two walks over the text: the first finds the header, counts rows and collects client numbers to look up; the
  // second checks each row. Records are never all held at once (a year of monthly balances is millions of rows).
  const text = decodeCsv(options.bytes);
  const first = csvRecords(text).next();
  const header = first.done ? undefined : first.value;
  if (!header) throw new HubError(400, 'import.empty', 'the file has no data rows');
  const { columns, ignored } = mapHeader(options.kind, header.cells);
  const clientNoColumn = columns.get('client_no');
  const clientNoSet = new Set<string>();
  let total = 0;
  for (const record of dataRecords(text)) {
    total++;
    const no = clientNoColumn === undefined ? '' : (record.cells[clientNoColumn] ?? '').trim();
    if (no !== '') clientNoSet.add(no);
  }
  if (total === 0) throw new HubError(400, 'import.empty', 'the file has no data rows');
  const clientNos = [...clientNoSet];
  const ctx: ImportContext = {
    branchId,
    today: localDate(clock.now(), BRANCH_ZONE),
    nowIso: new Date(clock.now()).toISOString(),
    clientIds: await service.clientIds(branchId, clientNos),
    staffByLogin: options.kind === 'staff' || columns.has('manager') ? await staffLogins(hub, branchId) : new Map(),
    newId: () => uuidv7(clock.now()),
    refId: (table, ref) => refId(branchId, table, ref),
  };
  const importer = kindImporter(options.kind, ctx);
  const missing = importer.missingColumns((field) => columns.has(field));
  if (missing.length > 0) {
    throw new HubError(400, 'import.missing_columns', `the file has no column for ${missing.join(', ')}`, { columns: missing.join(', ') });
  }

  const errors: RowError[] = [];
  let rejected = 0;
  let done = 0;
  for (const record of dataRecords(text)) {
    const reader = new RowReader(record.line, record.cells, columns);
    importer.row(reader);
    if (!reader.ok) {
      rejected++;
      errors.push(...reader.errors);
    }
    if (++done % PROGRESS_ROWS === 0) {
      options.onProgress?.(done, total);
      // Lets a cancel (Ctrl-C) through between chunks.
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled(options.signal);
    }
  }
  options.onProgress?.(total, total);
  const drafts = await importer.finish();
  const report: MasterImportReport = {
    branchId,
    kind: options.kind,
    dryRun: options.dryRun ?? false,
    rows: total,
    valid: total - rejected,
    rejected,
    changes: drafts.length,
    written: 0,
    columns: Object.fromEntries([...columns].map(([field, index]) => [field, (header.cells[index] ?? '').trim()])),
    ignoredColumns: ignored,
    errors,
  };
  if (report.dryRun || drafts.length === 0) return report;

  const hlc = options.hlc ?? new HubHlc(clock);
  const lastStamp = await lastHubStamp(hub, branchId);
  if (lastStamp) hlc.observe(lastStamp);
  const changes: Change[] = drafts.map((d, i) => ({
    seq: i + 1,
    table: d.table,
    rowId: d.rowId,
    op: 'upsert',
    hlc: hlc.next(),
    branchId,
    values: d.values,
  }));
  throwIfCancelled(options.signal);
  options.onWriting?.(changes.length);
  report.written = await service.appendMasterData(branchId, changes);
  return report;
}

/** The records after the header. */
function* dataRecords(text: string): Generator<CsvRecord> {
  const records = csvRecords(text);
  records.next();
  yield* records;
}

function kindImporter(kind: ImportKind, ctx: ImportContext): KindImporter {
  switch (kind) {
    case 'clients':
      return new ClientsImport(ctx);
    case 'balances':
      return new BalancesImport(ctx);
    case 'transactions':
      return new TransactionsImport(ctx);
    case 'deposits':
      return new DepositsImport(ctx);
    case 'holdings':
      return new HoldingsImport(ctx);
    case 'staff':
      return new StaffImport(ctx);
    case 'calendar':
      return new CalendarImport();
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HubError(409, 'import.cancelled', 'import cancelled; nothing was imported');
}

/**
 * A row id derived from head office's record number: a UUIDv8 (RFC 9562, custom) of SHA-256 over branch, table
 * and number, so the same record resent in a later file lands on the same row.
 */
function refId(branchId: string, table: SyncedTableName, ref: string): string {
  const bytes = crypto.createHash('sha256').update(`${branchId}\n${table}\n${ref}`).digest().subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Staff accounts head office has sent the branch, by login (the latest row id a login was sent under). */
async function staffLogins(hub: HubDb, branchId: string): Promise<Map<string, string>> {
  const rows = await hub.db
    .selectFrom('hub_changes')
    .select(['row_id', 'payload'])
    .where('branch_id', '=', branchId)
    .where('table_name', '=', 'staff')
    .where('op', '=', 'upsert')
    .where('origin', '=', 'hub')
    .orderBy('seq')
    .execute();
  const logins = new Map<string, string>();
  for (const row of rows) {
    const login = (JSON.parse(row.payload) as { values?: Record<string, unknown> }).values?.login;
    if (typeof login === 'string') logins.set(login, row.row_id);
  }
  return logins;
}

/** The stamp of head office's latest change to the branch, so a new import's stamps sort after it. */
async function lastHubStamp(hub: HubDb, branchId: string): Promise<string | null> {
  const row = await hub.db
    .selectFrom('hub_changes')
    .select('hlc')
    .where('branch_id', '=', branchId)
    .where('origin', '=', 'hub')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hlc ?? null;
}
