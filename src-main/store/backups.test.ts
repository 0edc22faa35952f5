import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, withStaff, type TestApp } from '../../test/fixtures/store';
import { checkBackup } from './maintenance';

let t: TestApp;
const W = 'admin-window';
afterEach(() => t.cleanup());

const auditOf = (method: string) =>
  t.store.raw.prepare('SELECT staff_login, target_ids, reason FROM audit_log WHERE method = ? ORDER BY seq').all(method) as {
    staff_login: string;
    target_ids: string;
    reason: string | null;
  }[];

describe('backup and check in the app', () => {
  it('takes a checked, encrypted backup into the data folder, lists it, and puts it on the record', async () => {
    t = await testApp();
    await withAdmin(t);
    await addClients(t.store, t.clock, [{ name: '欧阳明轩' }]);
    const taken = await t.call(W, 'store.backup', {});
    expect(taken).toMatchObject({ ok: true, value: { folder: path.join(t.dir, 'backups') } });
    if (!taken.ok) return;
    const file = path.join(taken.value.folder, taken.value.name);
    expect(fs.statSync(file).size).toBe(taken.value.bytes);
    expect(taken.value.auditEntries).toBeGreaterThan(0);
    // Still under the workstation's key: no client name in clear, and it passes the restore check.
    expect(fs.readFileSync(file).includes(Buffer.from('欧阳明轩'))).toBe(false);
    await checkBackup(file, t.key);
    expect(await t.call(W, 'store.backups', {})).toMatchObject({
      ok: true,
      value: { backups: [{ name: taken.value.name, bytes: taken.value.bytes }] },
    });
    expect(auditOf('store.backup')).toEqual([{ staff_login: 'admin', target_ids: JSON.stringify([taken.value.name]), reason: null }]);
  });

  it('checks the live store, names what is broken, and refuses to report a broken copy as a backup', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(await t.call(W, 'store.verify', {})).toMatchObject({
      ok: true,
      value: { ok: true, integrity: ['ok'], foreignKeys: 0, audit: { ok: true } },
    });
    // Someone with the key edits the log with a SQLite shell, bypassing the app.
    t.store.raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET staff_login = 'nobody' WHERE seq = 1");
    expect(await t.call(W, 'store.verify', {})).toMatchObject({
      ok: true,
      value: { ok: false, audit: { ok: false, firstBadSeq: 1, problem: 'entry 1 was altered' } },
    });
    expect(auditOf('store.verify').map((e) => e.reason)).toEqual(['ok', 'entry 1 was altered']);
    expect(await t.call(W, 'store.backup', {})).toMatchObject({
      ok: false,
      error: { key: 'errors.backup.audit_broken', params: { seq: 1 } },
    });
    expect(fs.readdirSync(path.join(t.dir, 'backups'))).toEqual([]);
  });

  it('is for administrators only', async () => {
    t = await testApp();
    await withAdmin(t);
    const manager = await withStaff(t, 'zhou.min', ['manager', 'counter']);
    for (const method of ['store.backup', 'store.backups', 'store.verify'] as const) {
      expect(await t.call(manager, method, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(fs.existsSync(path.join(t.dir, 'backups'))).toBe(false);
  });
});
