import fs from 'node:fs';
import { systemClock } from '../src-shared/domain/clock';
import type { HubDb } from './db';
import { HubHlc } from './hlc';
import { importMasterData, IMPORT_KINDS, isImportKind, type MasterImportReport } from './import';
import { HubError } from './service';

/** Files with at least this many rows get progress lines on stderr. */
const PROGRESS_FROM_ROWS = 10_000;
const PROGRESS_EVERY_MS = 2000;
/** Rejected rows listed in the text report; --json lists every one. */
const LISTED_ERRORS = 200;
/** Exit status when some rows were rejected and the others imported. */
export const EXIT_REJECTED_ROWS = 3;

export interface ImportCommand {
  branchId: string;
  kind: string;
  file: string;
  dryRun: boolean;
  json: boolean;
}

/** `npm run hub -- import …`: the report on stdout (text or JSON), progress on stderr. */
export async function runImport(hub: HubDb, command: ImportCommand): Promise<number> {
  if (!isImportKind(command.kind)) throw new HubError(400, 'usage', `--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(command.file);
  } catch (error) {
    throw new HubError(400, 'import.unreadable', `cannot read ${command.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let writing = false;
  // Ctrl-C: before the write nothing has been written; during it, exiting abandons the open transaction, which the
  // database rolls back (SQLite at the next open, PostgreSQL when the connection drops). Nothing half-imported.
  const onInterrupt = () => {
    console.error(
      writing
        ? '\ninterrupted during the write: its one transaction commits whole or not at all (see `branches` for the change count)'
        : '\ncancelled: nothing was imported',
    );
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  const started = Date.now();
  let lastProgress = 0;
  let lastProgressAt = started;
  try {
    const report = await importMasterData(hub, systemClock, {
      branchId: command.branchId,
      kind: command.kind,
      bytes,
      dryRun: command.dryRun,
      hlc: new HubHlc(systemClock),
      onProgress: (done, total) => {
        if (total < PROGRESS_FROM_ROWS || lastProgress === total) return;
        if (done === total || Date.now() - lastProgressAt >= PROGRESS_EVERY_MS) {
          console.error(`checked ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
          lastProgress = done;
          lastProgressAt = Date.now();
        }
      },
      onWriting: (changes) => {
        writing = true;
        if (changes >= PROGRESS_FROM_ROWS) console.error(`writing ${changes.toLocaleString('en')} changes in one transaction…`);
      },
    });
    console.log(command.json ? JSON.stringify(report) : reportLines(report, Date.now() - started).join('\n'));
    return report.rejected > 0 ? EXIT_REJECTED_ROWS : 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

function reportLines(r: MasterImportReport, ms: number): string[] {
  const lines = [
    `${r.kind} for branch ${r.branchId}: ${r.rows} rows, ${r.valid} valid, ${r.rejected} rejected`,
    r.dryRun
      ? `dry run: ${r.changes} changes would be appended; nothing was written`
      : `${r.written} changes appended to the branch's feed in ${(ms / 1000).toFixed(1)} s`,
    `columns: ${Object.entries(r.columns)
      .map(([field, header]) => (field === header ? field : `${field}=${header}`))
      .join(', ')}`,
  ];
  if (r.ignoredColumns.length > 0) lines.push(`ignored columns: ${r.ignoredColumns.join(', ')}`);
  if (r.errors.length > 0) {
    lines.push('', 'rejected rows (not imported):');
    for (const e of r.errors.slice(0, LISTED_ERRORS)) lines.push(`  line ${e.line}\t${e.field}\t${e.key}${e.value ? `\t${e.value}` : ''}`);
    if (r.errors.length > LISTED_ERRORS) lines.push(`  … and ${r.errors.length - LISTED_ERRORS} more (--json lists every one)`);
  }
  return lines;
}
