import type { Kysely } from 'kysely';
import { type Change, MAX_BATCH_TEXT } from '../../src-shared/sync/protocol';
import { isSyncedTable, SYNCED_TABLES, type SyncedTable, type SyncedTableName } from '../../src-shared/sync/tables';
import type { Database } from '../store/schema';
import type { ChangeKind } from './outbox';

export interface OutboxBatch {
  /** The changes to send, in outbox order. */
  changes: Change[];
  /** The last outbox sequence this batch covers (changes that do not travel — a local account — are dropped with it). */
  lastSeq: number;
  /** How many outbox entries the batch covers. */
  entries: number;
}

type Row = Record<string, string | number | null>;

/**
 * Reads the oldest outbox entries and turns each into a change as the hub takes it. Values are read from the row
 * now (the outbox records which fields changed, not their values): sending a field's current value with its current
 * stamp is what last-writer-wins needs. Reads only: the network exchange happens outside any transaction.
 */
export async function readOutboxBatch(db: Kysely<Database>, limit: number): Promise<OutboxBatch | null> {
  const read = await db
    .selectFrom('outbox')
    .select(['seq', 'table_name', 'row_id', 'hlc', 'payload'])
    .orderBy('seq')
    .limit(limit)
    .execute();
  // Rows of large values (a file's chunks) are few to a batch: only as many as the text budget holds are read.
  let room = MAX_BATCH_TEXT;
  const large = read.findIndex((e, i) => {
    const max = isSyncedTable(e.table_name) ? (SYNCED_TABLES[e.table_name] as SyncedTable).maxValueChars : undefined;
    room -= max ?? 0;
    return room < 0 && i > 0;
  });
  const entries = large === -1 ? read : read.slice(0, large);
  if (entries.length === 0) return null;

  const idsByTable = new Map<SyncedTableName, string[]>();
  for (const e of entries) {
    if (!isSyncedTable(e.table_name) || !SYNCED_TABLES[e.table_name].push) continue;
    const ids = idsByTable.get(e.table_name) ?? [];
    ids.push(e.row_id);
    idsByTable.set(e.table_name, ids);
  }
  const rows = new Map<string, Row>();
  for (const [table, ids] of idsByTable) {
    for (const row of await readRows(db, table, [...new Set(ids)])) rows.set(`${table}:${String(row.id)}`, row);
  }

  const changes: Change[] = [];
  for (const e of entries) {
    if (!isSyncedTable(e.table_name)) continue;
    const table: SyncedTable = SYNCED_TABLES[e.table_name];
    const row = rows.get(`${e.table_name}:${e.row_id}`);
    if (!table.push || !row) continue;
    const change = toChange(e.seq, e.table_name, table, row, e.hlc, JSON.parse(e.payload) as ChangeKind);
    if (change) changes.push(change);
  }
  // Long notes add up too: the batch ends before the change that would take it past the budget (never before the first).
  let text = 0;
  const over = changes.findIndex((c, i) => {
    for (const v of Object.values(c.values)) if (typeof v === 'string') text += v.length;
    return text > MAX_BATCH_TEXT && i > 0;
  });
  if (over !== -1) {
    const lastSeq = changes[over]!.seq - 1;
    return { changes: changes.slice(0, over), lastSeq, entries: entries.filter((e) => e.seq <= lastSeq).length };
  }
  return { changes, lastSeq: entries.at(-1)!.seq, entries: entries.length };
}

async function readRows(db: Kysely<Database>, table: SyncedTableName, ids: string[]): Promise<Row[]> {
  const spec: SyncedTable = SYNCED_TABLES[table];
  const columns = ['id', 'branch_id', 'created_at', 'updated_hlc', 'deleted_hlc', ...spec.columns];
  if (spec.merge === 'fields') columns.push('field_hlcs');
  const found: Row[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    // Table and column names come from the closed list in SYNCED_TABLES, never from input.
    const chunk = await db
      .selectFrom(table as 'clients')
      .select(columns as 'id'[])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    found.push(...(chunk as unknown as Row[]));
  }
  return found;
}

function toChange(seq: number, name: SyncedTableName, table: SyncedTable, row: Row, entryHlc: string, kind: ChangeKind): Change | null {
  const base = { seq, table: name, rowId: String(row.id), branchId: String(row.branch_id) };
  if (kind.op === 'delete') {
    return { ...base, op: 'delete', hlc: String(row.deleted_hlc ?? entryHlc), values: {} };
  }
  const columns = kind.op === 'insert' ? table.columns : kind.fields.filter((f) => table.columns.includes(f));
  if (columns.length === 0) return null;
  const values: Row = {};
  for (const column of columns) values[column] = row[column] ?? null;
  if (kind.op === 'insert') values.created_at = row.created_at ?? null;
  if (table.merge !== 'fields') return { ...base, op: 'upsert', hlc: String(row.updated_hlc), values };

  // Field-merged rows: each field carries the stamp of its last write; a field untouched since the insert carries
  // the insert's stamp (the entry's).
  const stamps = JSON.parse(String(row.field_hlcs ?? '{}')) as Record<string, string>;
  const fieldHlcs: Record<string, string> = {};
  for (const column of columns) {
    const stamp = stamps[column];
    if (stamp && stamp !== entryHlc) fieldHlcs[column] = stamp;
  }
  return { ...base, op: 'upsert', hlc: entryHlc, values, ...(Object.keys(fieldHlcs).length ? { fieldHlcs } : {}) };
}
