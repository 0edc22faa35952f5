import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema';

const KEY_STATE = 'id_hash_key';

/**
 * Duplicate detection compares a keyed hash of the ID number, never the number in clear (DOMAIN.md §1).
 * The key is made on first use and kept in the encrypted store; enrollment with head office will replace it with the
 * bank-wide key so hashes compare across branches (and rehash the archive once).
 */
export async function idHashKey(trx: Transaction<Database>): Promise<Buffer> {
  const row = await trx.selectFrom('device_state').select('value').where('key', '=', KEY_STATE).executeTakeFirst();
  if (row) return Buffer.from(row.value, 'hex');
  const key = crypto.randomBytes(32);
  await trx
    .insertInto('device_state')
    .values({ key: KEY_STATE, value: key.toString('hex') })
    .execute();
  return key;
}

export function idHash(key: Buffer, idType: string, idNumber: string): string {
  return crypto.createHmac('sha256', key).update(`${idType}:${idNumber.trim().toUpperCase()}`).digest('hex');
}
