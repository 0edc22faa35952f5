import type { Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../src-shared/domain/hlc';
import { uuidv7 } from '../../src-shared/domain/ids';
import type { Database } from '../store/schema';

const DEVICE_KEY = 'device_id';
const BRANCH_KEY = 'branch_id';
const HLC_KEY = 'hlc_last';
/** This workstation's clock minus the hub's, ms, measured on the last exchange with the hub. */
export const CLOCK_OFFSET_KEY = 'clock_offset_ms';
/** Until enrollment with the hub gives this workstation its branch. */
export const UNENROLLED_BRANCH = 'unenrolled';

export async function readState(trx: Transaction<Database>, key: string): Promise<string | undefined> {
  const row = await trx.selectFrom('device_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeState(trx: Transaction<Database>, key: string, value: string): Promise<void> {
  await trx
    .insertInto('device_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deviceIdentity(trx: Transaction<Database>, clock: Clock): Promise<{ deviceId: string; branchId: string }> {
  let deviceId = await readState(trx, DEVICE_KEY);
  if (!deviceId) {
    deviceId = uuidv7(clock.now());
    await writeState(trx, DEVICE_KEY, deviceId);
  }
  return { deviceId, branchId: (await readState(trx, BRANCH_KEY)) ?? UNENROLLED_BRANCH };
}

/**
 * The wall time stamps are made from: this workstation's clock corrected by the offset last measured against the
 * hub (DESIGN.md), so a clock running hours fast does not stamp its edits hours into the future.
 */
export async function stampTime(trx: Transaction<Database>, clock: Clock): Promise<number> {
  const offset = Number((await readState(trx, CLOCK_OFFSET_KEY)) ?? 0);
  return clock.now() - (Number.isFinite(offset) ? offset : 0);
}

async function lastHlc(trx: Transaction<Database>, clock: Clock): Promise<Hlc> {
  const { deviceId } = await deviceIdentity(trx, clock);
  const lastText = await readState(trx, HLC_KEY);
  return lastText ? decodeHlc(lastText) : { millis: 0, counter: 0, device: deviceId };
}

/** The next hybrid-logical-clock stamp of this device, persisted so it never runs backwards across restarts. */
export async function nextHlc(trx: Transaction<Database>, clock: Clock): Promise<string> {
  const next = encodeHlc(tickHlc(await lastHlc(trx, clock), await stampTime(trx, clock)));
  await writeState(trx, HLC_KEY, next);
  return next;
}

/** Moves this device's clock past a stamp received from elsewhere, so later local edits sort after it. */
export async function receiveStamp(trx: Transaction<Database>, clock: Clock, remote: string): Promise<void> {
  const last = await lastHlc(trx, clock);
  if (remote <= encodeHlc(last)) return;
  await writeState(trx, HLC_KEY, encodeHlc(receiveHlc(last, decodeHlc(remote), await stampTime(trx, clock))));
}

/** Restarts this device's clock at a stamp (after correcting stamps made by a clock that ran fast). */
export async function resetHlc(trx: Transaction<Database>, stamp: string): Promise<void> {
  await writeState(trx, HLC_KEY, stamp);
}

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

/** Writes the change record of a syncable row in the caller's transaction (the outbox the sync service pushes). */
export async function recordChange(
  trx: Transaction<Database>,
  clock: Clock,
  change: { table: string; rowId: string; hlc: string; change: ChangeKind },
): Promise<void> {
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
