import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';

const SETUP_KEY = 'setup_done';

/**
 * First-run setup happens once per store (issue 9): the first administrator is created from the sign-in screen, and
 * from then on only an administrator creates accounts — even when head office's staff feed disables every
 * administrator the store holds (who would otherwise find the setup screen offered again, to anyone).
 */
export async function isSetUp(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  return (await db.selectFrom('device_state').select('value').where('key', '=', SETUP_KEY).executeTakeFirst()) !== undefined;
}

export async function markSetUp(trx: Transaction<Database>, at: string): Promise<void> {
  await trx
    .insertInto('device_state')
    .values({ key: SETUP_KEY, value: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
