import fs from 'node:fs';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/store';
import { dataFiles } from '../data-dir';
import { generateKey } from '../key';
import { openRaw, openStore } from '../open';
import { MIGRATIONS } from './index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const DEVICE = '0195e0c2-0000-7000-8000-00000000d001';
const stamp = (n: number, device: string) => `${String(1_790_000_000_000 + n).padStart(16, '0')}-0000-${device}`;

describe('migration 0005 on a store seeded by an earlier version', () => {
  it('marks the seeder’s clients and accounts as demo and takes their facts out of the outbox', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = dataFiles(dir).database;
    const key = generateKey();
    // The store as version 0004 left it.
    const raw = openRaw({ path: file, key, create: true });
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0005'));
    const migrated = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    const run = (sql: string, ...params: unknown[]) => raw.prepare(sql).run(...params);
    run("INSERT INTO device_state (key, value) VALUES ('device_id', ?)", DEVICE);
    const client = (id: string, no: string, device: string) =>
      run(
        `INSERT INTO clients (id, branch_id, created_at, updated_hlc, client_no, kind, name, id_type, id_number, id_hash, id_tail)
         VALUES (?, 'unenrolled', '2026-11-01T00:00:00Z', ?, ?, 'individual', '演示', 'resident_id', 'x', 'h', 'x')`,
        id,
        stamp(Number(no.slice(-3)), device),
        no,
      );
    client('demo-1', '90000010000001', DEVICE); // seeded here
    client('demo-2', '90000010000002', DEVICE);
    client('hub-1', '90000010000003', 'hub'); // head office's, numbered like a demo client
    client('mine-1', '62010000000004', DEVICE); // imported at this branch
    run("INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES ('clients', 'mine-1', 'h', '{}', 'now')");
    const contact = (id: string, clientId: string) => {
      run(
        `INSERT INTO contacts (id, branch_id, created_at, updated_hlc, client_id, at, channel, content)
         VALUES (?, 'unenrolled', 'now', 'h', ?, '2026-10-01T00:00:00Z', 'phone', '…')`,
        id,
        clientId,
      );
      run("INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES ('contacts', ?, 'h', '{}', 'now')", id);
    };
    contact('c-demo', 'demo-1');
    contact('c-real', 'mine-1');
    run(
      `INSERT INTO staff (id, branch_id, created_at, updated_hlc, login, display_name, roles, password_hash, password_salt, failed_attempts, disabled)
       VALUES ('rm-1', 'unenrolled', 'now', 'h', 'rm01', '周晓明', '["counter"]', 'x', 'x', 0, 0),
              ('admin-1', 'unenrolled', 'now', 'h', 'admin', '王建国', '["admin"]', 'x', 'x', 0, 0)`,
    );
    run(
      `INSERT INTO audit_log (id, at, staff_id, staff_login, method, target_ids, reason, prev_hash, hash)
       VALUES ('a1', 'now', NULL, 'seed', 'admin.seed.staff', '["rm-1"]', NULL, '0', '1')`,
    );
    run("INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES ('staff', 'admin-1', 'h', '{}', 'now')");
    await db.destroy();

    // This version opens it.
    const store = await openStore({ path: file, key });
    const rows = (sql: string) => store.raw.prepare(sql).all();
    expect(rows('SELECT id FROM clients WHERE demo = 1 ORDER BY id')).toEqual([{ id: 'demo-1' }, { id: 'demo-2' }]);
    expect(rows('SELECT id FROM staff WHERE demo = 1')).toEqual([{ id: 'rm-1' }]);
    expect(rows('SELECT table_name, row_id FROM outbox ORDER BY seq')).toEqual([
      { table_name: 'clients', row_id: 'mine-1' },
      { table_name: 'contacts', row_id: 'c-real' },
    ]);
    await store.close();
  });
});
