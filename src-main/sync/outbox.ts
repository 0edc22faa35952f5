import type { Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { uuidv7 } from '../../src-shared/domain/ids';
import { isSyncedTable, syncedTable } from '../../src-shared/sync/tables';
import { isDemoRow } from '../demo/rows';
import type { Database } from '../store/schema';
import { nextHlc } from './device-clock';
import { deviceIdentity } from './state';

/** The sync-ready columns of a new row made on this device (DESIGN.md): UUIDv7 id, branch, creation time, HLC. */
export async function newRowColumns(trx: Transaction<Database>, clock: Clock) {
  const { branchId } = await deviceIdentity(trx, clock);
  const now = clock.now();
  return {
    id: uuidv7(now),
    branch_id: branchId,
    created_at: new Date(now).toISOString(),
    updated_hlc: await nextHlc(trx, clock),
    deleted_hlc: null,
  };
}

/**
 * What a change record says: a new row, or which fields of a mutable row changed. The values themselves are read
 * from the row when the sync service pushes (a row's secrets, like a password hash, are never pushed), so the
 * outbox stays small: at 200k seeded clients a copy of every row would have been the largest table.
 */
export type ChangeKind = { op: 'insert' } | { op: 'update'; fields: string[] } | { op: 'delete' };

export function changePayload(change: ChangeKind): string {
  return JSON.stringify(change);
}

/**
 * Writes the change record of a syncable row in the caller's transaction (the outbox the sync service pushes).
 * A table the branch never sends (a local account, head office's feeds) gets none: the registry says what travels.
 * Nor does demo data: a contact a trainee logs on a demo client never leaves the workstation.
 */
export async function recordChange(
  trx: Transaction<Database>,
  clock: Clock,
  change: { table: string; rowId: string; hlc: string; change: ChangeKind },
): Promise<void> {
  if (!isSyncedTable(change.table) || !syncedTable(change.table).push) return;
  if (await isDemoRow(trx, change.table, change.rowId)) return;
  await trx
    .insertInto('outbox')
    .values({
      table_name: change.table,
      row_id: change.rowId,
      hlc: change.hlc,
      payload: changePayload(change.change),
      created_at: new Date(clock.now()).toISOString(),
    })
    .execute();
}
