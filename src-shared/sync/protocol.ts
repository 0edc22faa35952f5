import { z } from 'zod';
import { isSyncedTable, pulledColumns, SYNCED_TABLES, type SyncedTable } from './tables';

/**
 * The workstation ⇄ hub wire format (DESIGN.md "Sync protocol"): JSON over HTTP(S), every request but enrollment
 * carrying `Authorization: Bearer <device token>`. Both ends parse with these schemas.
 */
export const PROTOCOL_VERSION = 1;
/** Changes in one push; a batch is applied by the hub in one transaction. */
export const MAX_PUSH_CHANGES = 2000;
/** Changes in one pulled page; a page is applied by the workstation in one transaction. */
export const MAX_PULL_CHANGES = 5000;
/** Largest request body the hub reads (a full push batch of long contact notes fits with room to spare). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The hub refuses stamps further ahead of its own clock than this (DESIGN.md). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

const HLC_PATTERN = /^\d{16}-[0-9a-f]{4}-[0-9A-Za-z:_-]{1,64}$/;
export const hlcSchema = z.string().regex(HLC_PATTERN, { message: 'sync.bad_hlc' });
const idSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[0-9A-Za-z:_.-]+$/, { message: 'sync.bad_id' });
const valueSchema = z.union([z.string().max(20_000), z.number().finite(), z.null()]);

export const changeSchema = z.object({
  /** Push: the device's outbox sequence. Pull: the hub's sequence within the branch. */
  seq: z.number().int().positive(),
  table: z.string().refine(isSyncedTable, { message: 'sync.unknown_table' }),
  rowId: idSchema,
  op: z.enum(['upsert', 'delete']),
  /** The change's stamp: the row's HLC after it (a delete: the tombstone's). */
  hlc: hlcSchema,
  branchId: idSchema,
  /** Upsert: the columns that changed (an insert: all of them), plus `created_at`. */
  values: z.record(z.string(), valueSchema),
  /** Per-field stamps of a field-merged row, where they differ from `hlc`. */
  fieldHlcs: z.record(z.string(), hlcSchema).optional(),
});
export type Change = z.infer<typeof changeSchema>;

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
  changes: z.array(changeSchema).max(MAX_PUSH_CHANGES),
  auditHead: auditHeadSchema.nullable(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;
export const pushResponseSchema = z.object({
  /** Every change up to this device sequence is stored (a replay of them is skipped). */
  ackedSeq: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  hubTime: z.number(),
});

export const pullRequestSchema = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES),
});
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
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
