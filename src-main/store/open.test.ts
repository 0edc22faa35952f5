import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir, tempStore, testApp, withAdmin, type TempStore } from '../../test/fixtures/store';
import { generateKey } from './key';
import { openStore } from './open';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function hashFiles(file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    out[path.basename(f)] = fs.existsSync(f) ? crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') : null;
  }
  return out;
}

describe('the encrypted store', () => {
  it('keeps a staff member’s name out of the database, WAL and shared-memory files', async () => {
    const t = await testApp();
    cleanups.push(t.cleanup);
    await withAdmin(t);
    const created = await t.call('admin-window', 'staff.create', {
      login: 'ouyang.xiu',
      displayName: '欧阳修文',
      roles: ['counter'],
      password: 'a-long-password',
    });
    expect(created.ok).toBe(true);
    const files = [t.path, `${t.path}-wal`, `${t.path}-shm`];
    // The WAL holds the write until a checkpoint: all three files exist while the store is open.
    expect(files.every((f) => fs.existsSync(f))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from('欧阳修文')), f).toBe(false);
      expect(bytes.includes(Buffer.from('ouyang.xiu')), f).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3')), f).toBe(false);
    }
  });

  it('refuses a wrong key with a clear error and leaves every file byte-for-byte as it was', async () => {
    const t: TempStore = await tempStore();
    cleanups.push(t.cleanup);
    await t.store.db.insertInto('device_state').values({ key: 'probe', value: 'x' }).execute();
    await t.store.close();
    const before = hashFiles(t.path);
    const attempt = openStore({ path: t.path, key: generateKey() });
    await expect(attempt).rejects.toMatchObject({
      code: 'LOCKED',
      key: 'errors.store.wrong_key',
      message: 'the database key does not match',
    });
    expect(hashFiles(t.path)).toEqual(before);
    // The right key still opens it, data intact.
    const again = await openStore({ path: t.path, key: t.key });
    expect(await again.db.selectFrom('device_state').select('value').where('key', '=', 'probe').executeTakeFirst()).toEqual({ value: 'x' });
    await again.close();
  });

  it('never creates a new empty database where one is missing unless asked to', async () => {
    const dir = tempDir();
    cleanups.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
    const file = path.join(dir, 'branchdesk.db');
    await expect(openStore({ path: file, key: generateKey() })).rejects.toBeInstanceOf(AppError);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a database written by a newer schema', async () => {
    const t = await tempStore();
    cleanups.push(t.cleanup);
    t.store.raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')").run();
    await t.store.close();
    await expect(openStore({ path: t.path, key: t.key })).rejects.toMatchObject({ code: 'CONFLICT', key: 'errors.store.newer_schema' });
  });

  it('runs in WAL mode with foreign keys and full durability, on SQLite 3.51.3 or later', async () => {
    const t = await tempStore();
    cleanups.push(t.cleanup);
    expect(t.store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.store.raw.pragma('synchronous', { simple: true })).toBe(2);
    const version = (t.store.raw.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v.split('.').map(Number);
    expect(version[0]! * 1e6 + version[1]! * 1e3 + version[2]!).toBeGreaterThanOrEqual(3_051_003);
  });
});
