import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../src-shared/contract';
import type { Database } from '../store/schema';

const KEY = 'workstation';

export async function loadSettings(db: Kysely<Database>): Promise<Settings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  // Settings saved by an older app may lack newer fields: defaults fill them.
  const parsed = settingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function saveSettings(trx: Transaction<Database>, settings: Settings, hlc: string): Promise<void> {
  const value = JSON.stringify(settings);
  await trx
    .insertInto('settings')
    .values({ key: KEY, value, updated_hlc: hlc })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_hlc: hlc }))
    .execute();
}
