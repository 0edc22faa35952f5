import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../src-shared/domain/clock';
import { checkPostgresTransport, openHubDb } from './db';
import * as m0001 from './migrations/0001_hub';
import { HubService } from './service';
import { resolveHubKey } from './store-key';
import { dropSchema, PG_URL } from '../test/fixtures/hub';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchdesk-hubstore-'));
  dirs.push(dir);
  return dir;
}

/** Every file of the store, as a thief copying the data folder would get them. */
function filesHolding(dir: string, needle: string): string[] {
  return fs.readdirSync(dir).filter((name) => fs.readFileSync(path.join(dir, name)).includes(Buffer.from(needle)));
}

const NAME = '欧阳明轩';

describe("the hub's SQLite store at rest", () => {
  it('keeps client names out of every file in its data folder, and refuses a wrong key', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const key = crypto.randomBytes(32);
    const hub = await openHubDb({ dataDir, key });
    const service = new HubService(hub, systemClock);
    await service.appendMasterData('0931', [
      {
        seq: 1,
        table: 'clients',
        rowId: '0195e0c2-0000-7000-8000-000000000001',
        op: 'upsert',
        hlc: `${String(Date.now()).padStart(16, '0')}-0000-hub`,
        branchId: '0931',
        values: { client_no: '620100000001', kind: 'individual', name: NAME, id_type: 'resident_id', id_number: '110101198005171006' },
      },
    ]);
    // While it runs (WAL and shared memory present) and after it closed.
    expect(filesHolding(dataDir, NAME)).toEqual([]);
    expect(filesHolding(dataDir, '110101198005171006')).toEqual([]);
    await hub.close();
    expect(filesHolding(dataDir, NAME)).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'hub.sqlite')).subarray(0, 15).toString()).not.toBe('SQLite format 3');

    await expect(openHubDb({ dataDir, key: crypto.randomBytes(32) })).rejects.toThrow('the hub database key does not match');
    await expect(openHubDb({ dataDir })).rejects.toThrow('needs its 32-byte key');
    const again = await openHubDb({ dataDir, key });
    expect(await new HubService(again, systemClock).clientIds('0931', ['620100000001'])).toEqual(
      new Map([['620100000001', '0195e0c2-0000-7000-8000-000000000001']]),
    );
    await again.close();
  });

  it('encrypts in place a plain store an earlier version left, data intact', async () => {
    const dataDir = path.join(tempDir(), 'data');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, 'hub.sqlite');
    const plain = new BetterSqlite3(file);
    plain.pragma('journal_mode = WAL');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: plain }) });
    // As an earlier version migrated it.
    const migrated = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve({ '0001_hub': m0001 }) },
    }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    plain.prepare("INSERT INTO hub_branches (id, name, created_at, change_seq) VALUES ('0931', ?, 'now', 0)").run(NAME);
    await db.destroy();
    expect(filesHolding(dataDir, NAME)).not.toEqual([]);

    const key = crypto.randomBytes(32);
    const hub = await openHubDb({ dataDir, key });
    expect((await new HubService(hub, systemClock).listBranches()).map((b) => b.name)).toEqual([NAME]);
    await hub.close();
    expect(filesHolding(dataDir, NAME)).toEqual([]);
  });
});

describe("the hub's key", () => {
  it('comes from HUB_PASSPHRASE (same passphrase, same key), else a key file kept outside the data folder', () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    const env = { HUB_PASSPHRASE: 'head office passphrase', XDG_CONFIG_HOME: path.join(root, 'config') };
    const first = resolveHubKey({ dataDir, env });
    expect(resolveHubKey({ dataDir, env }).key.equals(first.key)).toBe(true);
    expect(resolveHubKey({ dataDir, env: { ...env, HUB_PASSPHRASE: 'another passphrase!' } }).key.equals(first.key)).toBe(false);
    expect(() => resolveHubKey({ dataDir, env: { HUB_PASSPHRASE: 'short' } })).toThrow('at least 8 characters');

    const made = resolveHubKey({ dataDir, env: { XDG_CONFIG_HOME: env.XDG_CONFIG_HOME } });
    expect(made.source.startsWith(path.join(root, 'config', 'branchdesk-hub', 'keys'))).toBe(true);
    expect(fs.statSync(made.source).mode & 0o077).toBe(0);
    expect(resolveHubKey({ dataDir, env: { XDG_CONFIG_HOME: env.XDG_CONFIG_HOME } }).key.equals(made.key)).toBe(true);
    expect(() => resolveHubKey({ dataDir, keyFile: path.join(dataDir, 'hub.key'), env: {} })).toThrow('inside the data folder');
    expect(() => resolveHubKey({ dataDir, keyFile: path.join(root, 'missing.key'), env: {} })).toThrow('cannot read the key file');
  });
});

describe('PostgreSQL for the hub', () => {
  it.each([
    ['postgres://hub@db.example-bank.cn/branchdesk', false],
    ['postgres://hub@10.0.3.7:5432/branchdesk?sslmode=disable', false],
    ['postgres://hub@db.example-bank.cn/branchdesk?sslmode=verify-full', true],
    ['postgres://hub@db.example-bank.cn/branchdesk?sslmode=require', true],
    ['postgres://postgres@127.0.0.1:5432/test', true],
    ['postgres://postgres@localhost/test', true],
    ['postgres://postgres@[::1]/test', true],
    ['postgres:///branchdesk?host=/var/run/postgresql', true],
  ])('%s is %s', (url, allowed) => {
    if (allowed) expect(() => checkPostgresTransport(url)).not.toThrow();
    else expect(() => checkPostgresTransport(url)).toThrow('without TLS');
  });
});

describe('PostgreSQL schemas for the hub', () => {
  it('migrates a hub in its own schema while another schema of the same database holds a hub', async () => {
    const schemas = [`hubtest_${crypto.randomBytes(6).toString('hex')}`, `hubtest_${crypto.randomBytes(6).toString('hex')}`];
    const first = await openHubDb({ databaseUrl: PG_URL, schema: schemas[0] });
    try {
      // Kysely's own tables exist in the first schema: the second hub must still make (and use) its own.
      const second = await openHubDb({ databaseUrl: PG_URL, schema: schemas[1] });
      try {
        const service = new HubService(second, systemClock);
        await service.appendMasterData('0931', []);
        const { rows } = await sql<{ schema: string }>`SELECT table_schema AS schema FROM information_schema.tables
          WHERE table_name = 'kysely_migration_lock' AND table_schema IN (${sql.join(schemas)}) ORDER BY 1`.execute(second.db);
        expect(rows.map((r) => r.schema).sort()).toEqual([...schemas].sort());
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      for (const schema of schemas) await dropSchema(schema);
    }
  });
});
