import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir, tempStore, testApp, withAdmin, type TempStore } from '../../test/fixtures/store';
import { seedDemoClients } from '../clients/seed/run';
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

  it('keeps a sort too big for the page cache in memory: no temporary file holds client rows in clear', async () => {
    const t = await tempStore();
    cleanups.push(t.cleanup);
    await seedDemoClients(t.store, { now: () => Date.parse('2026-11-02T01:00:00Z') }, { clients: 3_000, seed: 7, actor: 'test' });
    const names = (t.store.raw.prepare('SELECT name FROM clients ORDER BY rowid LIMIT 50').all() as { name: string }[]).map((r) =>
      Buffer.from(r.name),
    );
    // A cache of a few pages makes SQLite's sorter spill to temporary files, as a report over 200,000 clients would.
    t.store.raw.pragma('cache_size = 8');
    // Each sorted row carries the whole client and its contact notes: ~4 MB to sort, past the sorter's 1 MB floor.
    const sorted = t.store.raw
      .prepare(
        `SELECT c.*, k.content, k.result FROM clients c JOIN contacts k ON k.client_id = c.id
         ORDER BY c.address DESC, c.name, k.at`,
      )
      .iterate();
    // The sort is done once the first row comes back; its temporary files (if any) are open now.
    expect(sorted.next().done).toBe(false);
    const leaks = tempFilesHolding(names);
    sorted.return?.();
    expect(leaks).toEqual([]);
  });
});

/** SQLite's temporary files (`etilqs_*`), open in this process or left in a temp folder, that contain any of `needles`. */
function tempFilesHolding(needles: Buffer[]): string[] {
  const candidates: string[] = [];
  // SQLite unlinks a temporary file as soon as it opens it: on Linux it stays readable through the process's fds.
  if (fs.existsSync('/proc/self/fd')) {
    for (const fd of fs.readdirSync('/proc/self/fd')) {
      const target = safe(() => fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (target?.includes('etilqs_')) candidates.push(`/proc/self/fd/${fd}`);
    }
  }
  for (const dir of new Set([os.tmpdir(), '/var/tmp', '/usr/tmp', '/tmp'])) {
    for (const name of safe(() => fs.readdirSync(dir)) ?? []) if (name.startsWith('etilqs_')) candidates.push(path.join(dir, name));
  }
  return candidates.filter((file) => {
    const bytes = safe(() => fs.readFileSync(file));
    return bytes !== undefined && needles.some((needle) => bytes.includes(needle));
  });
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
