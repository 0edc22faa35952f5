import { AppError } from '../../../src-shared/contract/errors';
import type { Settings } from '../../../src-shared/contract';
import type { Clock } from '../../../src-shared/domain/clock';
import { uuidv7 } from '../../../src-shared/domain/ids';
import { deriveClient } from '../../../src-shared/domain/client-derived';
import { maskIdNumber, maskMobile } from '../../../src-shared/domain/masking';
import { appendAudit, type AuditInput } from '../../audit/log';
import type { Store } from '../../store/open';
import { withBulkWriter } from '../bulk';
import { type ColumnMapping, type ImportField, isImportField, missingRequired, suggestMapping } from './columns';
import { readTable } from './table';
import { type RowError, validateRows } from './validate';

export interface ImportOptions {
  fileName: string;
  bytes: Buffer;
  /** Column index per field; suggested from the headers when absent. */
  mapping?: ColumnMapping;
  /** Preview only: check every row, write nothing. */
  dryRun: boolean;
  /** Written inside the import's transaction: the rows and the record of who imported them commit together. */
  audit: AuditInput;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ImportReport {
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  imported: number;
  rejected: number;
  errors: RowError[];
  /** The first good rows as they will be imported, masked. */
  preview: { row: number; clientNo: string; name: string; maskedId: string; maskedMobile: string | null }[];
}

const CHUNK = 500;
/** A preview lists this many rows; the error report lists every error. */
const PREVIEW_ROWS = 20;

/**
 * Imports client master data from CSV or XLSX (issue 3): every row is checked first; rows with errors are
 * reported and skipped; the good rows go in one transaction, so a cancel or a failure leaves nothing half-imported.
 */
export async function importClients(
  store: Store,
  clock: Clock,
  settings: Settings,
  today: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const table = await readTable(options.fileName, options.bytes);
  const [headers = [], ...rows] = table;
  if (rows.length === 0) throw new AppError('VALIDATION', 'errors.import.empty', 'the file has no data rows');
  const mapping = options.mapping ?? suggestMapping(headers);
  for (const [field, index] of Object.entries(mapping)) {
    if (!isImportField(field) || !Number.isInteger(index) || index < 0 || index >= headers.length) {
      throw new AppError('VALIDATION', 'errors.import.bad_mapping', `column ${String(index)} for ${field} is not in the file`);
    }
  }
  const missing = missingRequired(mapping);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', 'errors.import.unmapped', `no column for ${missing.join(', ')}`, {
      params: { fields: missing.join(', ') },
    });
  }

  const clientNoStmt = store.raw.prepare('SELECT 1 FROM clients WHERE client_no = ?');
  // Real accounts only: a demo relationship manager never becomes a real client's manager.
  const staff = await store.db
    .selectFrom('staff')
    .select(['id', 'login', 'display_name'])
    .where('deleted_hlc', 'is', null)
    .where('demo', '=', 0)
    .execute();
  const managers = new Map<string, string>();
  for (const s of staff) {
    managers.set(s.login, s.id);
    if (!managers.has(s.display_name)) managers.set(s.display_name, s.id);
  }
  const { good, errors } = validateRows(rows, mapping, {
    today,
    idMask: settings.idMask,
    clientNoTaken: (no) => clientNoStmt.get(no) !== undefined,
    managerByName: (text) => managers.get(text) ?? null,
  });
  const report: ImportReport = {
    headers,
    mapping,
    rows: rows.length,
    imported: 0,
    rejected: new Set(errors.map((e) => e.row)).size,
    errors,
    preview: good.slice(0, PREVIEW_ROWS).map((r) => ({
      row: r.row,
      clientNo: r.clientNo,
      name: r.name,
      maskedId: maskIdNumber(r.idNumber, settings.idMask),
      maskedMobile: r.mobile ? maskMobile(r.mobile) : null,
    })),
  };
  if (options.dryRun || good.length === 0) return report;
  // No balances, activity or assessment yet: head office's monthly figures move the tier when they arrive.
  const standing = deriveClient(
    { months: [], firstBusinessDate: null, recordedActivityDate: null, lastContactDay: null, latestAssetsFen: 0, latestAssessment: null },
    settings,
    today,
  );

  await withBulkWriter(store, clock, async (writer, trx) => {
    for (const [i, r] of good.entries()) {
      const { row, ...fields } = r;
      writer.client(
        {
          ...fields,
          id: uuidv7(clock.now()),
          idExpiry: null,
          firstBusinessDate: null,
          interests: [],
          preferredChannel: null,
          doNotDisturb: false,
          marketingConsent: false,
        },
        { ...standing, latestAssetsFen: 0, latestAssetsDate: null },
        true,
      );
      if ((i + 1) % CHUNK === 0) {
        options.onProgress?.(i + 1, good.length);
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'import cancelled; nothing was imported');
      }
    }
    await appendAudit(trx, clock, options.audit);
  });
  options.onProgress?.(good.length, good.length);
  return { ...report, imported: good.length };
}

export type { ColumnMapping, ImportField };
