import { z } from 'zod';
import { isSyncedTable, pulledColumns, SYNCED_TABLES, type SyncedTable, type SyncedTableName } from './tables';

/**
 * The workstation ⇄ hub wire format (DESIGN.md "Sync protocol"): JSON over HTTP(S), every request but enrollment
 * carrying `Authorization: Bearer <device token>`. Both ends parse with these schemas.
 */
export const PROTOCOL_VERSION = 1;
/** Changes in one push; a batch is applied by the hub in one transaction. */
export const MAX_PUSH_CHANGES = 2000;
/** Changes in one pulled page; a page is applied by the workstation in one transaction. */
export const MAX_PULL_CHANGES = 20000;
/** Largest request body the hub reads (a full push batch of long contact notes fits with room to spare). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * Text a push or a pulled page carries at most (counted as characters of values): below the body limit with room for
 * the JSON around it, so a batch of file chunks is cut into several exchanges rather than refused.
 */
export const MAX_BATCH_TEXT = 6 * 1024 * 1024;
/** The hub refuses stamps further ahead of its own clock than this (DESIGN.md). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

const HLC_PATTERN = /^\d{16}-[0-9a-f]{4}-[0-9A-Za-z:_-]{1,64}$/;
const ID_PATTERN = /^[0-9A-Za-z:_.-]{1,80}$/;
const idSchema = z.string().regex(ID_PATTERN, { message: 'sync.bad_id' });
const MAX_TEXT = 20_000;

export interface Change {
  /** Push: the device's outbox sequence. Pull: the hub's sequence within the branch. */
  seq: number;
  table: SyncedTableName;
  rowId: string;
  op: 'upsert' | 'delete';
  /** The change's stamp: the row's HLC after it (a delete: the tombstone's). */
  hlc: string;
  branchId: string;
  /** Upsert: the columns that changed (an insert: all of them), plus `created_at`. */
  values: Record<string, string | number | null>;
  /** Per-field stamps of a field-merged row, where they differ from `hlc`. */
  fieldHlcs?: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why a value is not a well-formed change, or null. Checked by hand rather than by a zod schema: a pulled page holds
 * up to 20,000 changes, and this is several times faster and allocates nothing.
 */
export function changeShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'sync.bad_change';
  const { seq, table, rowId, op, hlc, branchId, values, fieldHlcs } = value;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return 'sync.bad_seq';
  if (typeof table !== 'string' || !isSyncedTable(table)) return 'sync.unknown_table';
  if (typeof rowId !== 'string' || !ID_PATTERN.test(rowId)) return 'sync.bad_id';
  if (typeof branchId !== 'string' || !ID_PATTERN.test(branchId)) return 'sync.bad_id';
  if (op !== 'upsert' && op !== 'delete') return 'sync.bad_op';
  if (typeof hlc !== 'string' || !HLC_PATTERN.test(hlc)) return 'sync.bad_hlc';
  if (!isRecord(values)) return 'sync.bad_values';
  const maxText = (SYNCED_TABLES[table] as SyncedTable).maxValueChars ?? MAX_TEXT;
  for (const key in values) {
    const v = values[key];
    if (v === null) continue;
    if (typeof v === 'string' ? v.length > maxText : typeof v !== 'number' || !Number.isFinite(v)) return 'sync.bad_values';
  }
  if (fieldHlcs !== undefined) {
    if (!isRecord(fieldHlcs)) return 'sync.bad_hlc';
    for (const key in fieldHlcs) {
      const stamp = fieldHlcs[key];
      if (typeof stamp !== 'string' || !HLC_PATTERN.test(stamp)) return 'sync.bad_hlc';
    }
  }
  return null;
}

/** A list of at most `max` changes, each checked by `changeShapeProblem`; the first bad one is reported by index. */
function changeList(max: number) {
  return z
    .array(z.unknown())
    .max(max)
    .check((ctx) => {
      ctx.value.forEach((change, i) => {
        const problem = changeShapeProblem(change);
        if (problem) ctx.issues.push({ code: 'custom', message: problem, path: [i], input: change });
      });
    })
    .transform((list) => list as Change[]);
}

/** Columns a change may carry: what the table syncs, and the row's creation time. */
function allowedColumns(table: SyncedTable, direction: 'push' | 'pull', name: keyof typeof SYNCED_TABLES): Set<string> {
  const columns = direction === 'pull' ? pulledColumns(name) : table.columns;
  return new Set([...columns, 'created_at']);
}

/** Why a change may not travel in this direction, or null when it may. */
export function changeProblem(change: Change, direction: 'push' | 'pull'): string | null {
  if (!isSyncedTable(change.table)) return 'sync.unknown_table';
  const table: SyncedTable = SYNCED_TABLES[change.table];
  if (direction === 'push' && !table.push) return 'sync.not_pushable';
  const allowed = allowedColumns(table, direction, change.table);
  for (const column of Object.keys(change.values)) if (!allowed.has(column)) return 'sync.unknown_column';
  for (const column of Object.keys(change.fieldHlcs ?? {})) if (!allowed.has(column)) return 'sync.unknown_column';
  if (change.op === 'upsert' && table.merge === 'keyed') {
    for (const column of table.columns) if (!(column in change.values)) return 'sync.missing_column';
  }
  return null;
}

export const auditHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

export const enrollRequestSchema = z.object({
  code: z.string().regex(/^[0-9A-Z]{12,32}$/),
  deviceId: idSchema,
  deviceName: z.string().max(200),
});
export const enrollResponseSchema = z.object({
  deviceId: idSchema,
  branchId: idSchema,
  branchName: z.string(),
  token: z.string().min(32),
  hubTime: z.number(),
});

export const pushRequestSchema = z.object({
  deviceId: idSchema,
  changes: changeList(MAX_PUSH_CHANGES),
  /** The newest entry of the device's audit hash chain, sent on every sync (issue 9: the log anchored at head office). */
  auditHead: auditHeadSchema.nullable(),
  /**
   * The device's hash at the sequence the hub asked for (its last anchored head): an entry cut or rewritten below the
   * head shows here even when the head itself moved on. `hash` null: the device has no such entry any more.
   */
  auditAt: z
    .object({
      seq: z.number().int().nonnegative(),
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    })
    .optional(),
  /** The device was restored from a backup: its chain legitimately starts again from an older head. */
  auditRestored: z.boolean().optional(),
  /** The workstation's clock minus the hub's as it last measured it, so head office sees machines with wrong clocks. */
  clockOffsetMs: z.number().finite().optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;
export const pushResponseSchema = z.object({
  /** Every change up to this device sequence is stored (a replay of them is skipped). */
  ackedSeq: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  hubTime: z.number(),
  /** The audit sequence whose hash the next push must carry in `auditAt` (the head just anchored). */
  auditAsk: z.number().int().nonnegative().nullable().optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES),
  /** Send the device's own changes too: after a restore it has lost the ones it made since the backup. */
  includeOwn: z.boolean().optional(),
});
export const pullResponseSchema = z.object({
  changes: changeList(MAX_PULL_CHANGES),
  /** Pass back to continue after this page. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  hubTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** What the hub answers instead, with an HTTP status: a message key the workstation translates. */
export const errorResponseSchema = z.object({
  error: z.object({
    key: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
  hubTime: z.number().optional(),
});
export type HubErrorBody = z.infer<typeof errorResponseSchema>;
