import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { uuidv7 } from '../../src-shared/domain/ids';
import type { Database } from '../store/schema';

/**
 * What this workstation knows of its place in sync, kept in `device_state` inside the encrypted store: who it is,
 * which branch and hub it belongs to, how far it has pulled, and how its clock stands against the hub's.
 */
export const SYNC_STATE = {
  deviceId: 'device_id',
  branchId: 'branch_id',
  hubUrl: 'sync_hub_url',
  token: 'sync_token',
  branchName: 'sync_branch_name',
  cursor: 'sync_cursor',
  lastSuccess: 'sync_last_success',
  lastAttempt: 'sync_last_attempt',
  lastError: 'sync_last_error',
  /** This workstation's clock minus the hub's, ms, measured on the last exchange with the hub. */
  clockOffset: 'clock_offset_ms',
  /** Set by a restore: the device must learn where the hub stands before it pushes again (see sync/restore.ts). */
  restored: 'sync_restored',
} as const;

/** Until enrollment with the hub gives this workstation its branch. */
export const UNENROLLED_BRANCH = 'unenrolled';

type Reader = Kysely<Database> | Transaction<Database>;

export async function readState(trx: Reader, key: string): Promise<string | undefined> {
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

export async function deleteState(trx: Transaction<Database>, key: string): Promise<void> {
  await trx.deleteFrom('device_state').where('key', '=', key).execute();
}

export async function deviceIdentity(trx: Transaction<Database>, clock: Clock): Promise<{ deviceId: string; branchId: string }> {
  let deviceId = await readState(trx, SYNC_STATE.deviceId);
  if (!deviceId) {
    deviceId = uuidv7(clock.now());
    await writeState(trx, SYNC_STATE.deviceId, deviceId);
  }
  return { deviceId, branchId: (await readState(trx, SYNC_STATE.branchId)) ?? UNENROLLED_BRANCH };
}

/** Enrolled with a hub: it holds a device token. */
export async function isEnrolled(db: Reader): Promise<boolean> {
  return (await readState(db, SYNC_STATE.token)) !== undefined;
}
