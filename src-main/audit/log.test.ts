import { afterEach, describe, expect, it } from 'vitest';
import { reopenApp, testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { verifyAuditChain } from './log';

let t: TestApp;
afterEach(async () => t.cleanup());

async function threeEntries(): Promise<void> {
  t = await testApp();
  await withAdmin(t);
  for (const login of ['zhou.min', 'wu.lei']) {
    const res = await t.call('admin-window', 'staff.create', {
      login,
      displayName: login,
      roles: ['counter'],
      password: 'a-long-password',
    });
    expect(res.ok).toBe(true);
  }
}

/** What someone with the key and a SQLite shell could do: drop the guard triggers and rewrite history. */
function tamper(sql: string): void {
  t.store.raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  t.store.raw.exec(sql);
}

describe('the audit log', () => {
  it('records every mutation with who, what and which records, never the secret values', async () => {
    await threeEntries();
    const list = await t.call('admin-window', 'audit.list', {});
    expect(list.ok && list.value).toMatchObject([
      { seq: 3, method: 'staff.create', staffLogin: 'admin' },
      { seq: 2, method: 'staff.create', staffLogin: 'admin' },
      { seq: 1, method: 'auth.setupFirstAdmin', staffLogin: 'admin' },
    ]);
    const raw = JSON.stringify(t.store.raw.prepare('SELECT * FROM audit_log').all());
    expect(raw).not.toContain('a-long-password');
    expect((await verifyAuditChain(t.store.db)).ok).toBe(true);
  });

  it('refuses edits and deletes through SQLite', async () => {
    await threeEntries();
    expect(() => t.store.raw.exec("UPDATE audit_log SET method = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => t.store.raw.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/);
  });

  it('detects an edited entry and names it', async () => {
    await threeEntries();
    tamper("UPDATE audit_log SET staff_login = 'someone.else' WHERE seq = 2");
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects the last entry deleted', async () => {
    await threeEntries();
    tamper('DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects an entry removed from the middle', async () => {
    await threeEntries();
    tamper('DELETE FROM audit_log WHERE seq = 2');
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('is verified when the workstation starts: a broken chain is said in the log and to managers on screen', async () => {
    await threeEntries();
    tamper("UPDATE audit_log SET target_ids = '[]' WHERE seq = 2");
    const logged: string[] = [];
    const again = await reopenApp(t, { log: (line) => logged.push(line) });
    t = again;
    expect(logged).toEqual([expect.stringContaining('the audit log is broken at entry 2')]);
    await t.call('admin-window', 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' });
    expect(await t.call('admin-window', 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: false, firstBadSeq: 2 } });
  });
});
