import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../test/fixtures/store';
import { generateKey } from './key';
import { rekeyStore } from './maintenance';
import { keyPragmaValue, openStore } from './open';

const stores: TempStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()?.cleanup();
});

describe('the store under maintenance (issue 9)', () => {
  it('refuses a zero-byte database file instead of opening it as a new, empty store', async () => {
    const t = await tempStore();
    stores.push(t);
    await t.store.close();
    fs.truncateSync(t.path, 0);
    for (const f of [`${t.path}-wal`, `${t.path}-shm`]) fs.rmSync(f, { force: true });
    await expect(openStore({ path: t.path, key: t.key })).rejects.toMatchObject({ key: 'errors.store.empty_file' });
    await expect(openStore({ path: t.path, key: t.key, create: true })).rejects.toMatchObject({ key: 'errors.store.empty_file' });
    expect(fs.statSync(t.path).size).toBe(0);
  });

  it('refuses to change the key while another connection keeps the file in WAL, and the old key still opens it', async () => {
    const t = await tempStore();
    stores.push(t);
    await t.store.db.insertInto('device_state').values({ key: 'probe', value: 'kept' }).execute();
    await t.store.close();
    // Another process (the app left running) holds the database open.
    const other = new BetterSqlite3(t.path);
    other.pragma("cipher = 'sqlcipher'");
    other.pragma('legacy = 4');
    other.pragma(`key = ${keyPragmaValue(t.key)}`);
    other.prepare('SELECT count(*) FROM device_state').get();
    try {
      expect(() => rekeyStore(t.path, t.key, generateKey())).toThrow(expect.objectContaining({ key: 'errors.store.in_use' }));
    } finally {
      other.close();
    }
    const again = await openStore({ path: t.path, key: t.key });
    expect(await again.db.selectFrom('device_state').select('value').where('key', '=', 'probe').executeTakeFirst()).toEqual({
      value: 'kept',
    });
    await again.close();
  });
});
