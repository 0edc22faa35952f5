import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_SCRYPT } from '../../src-shared/domain/password-hash';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());

const W = 'admin-window';
const MINUTE = 60_000;

async function withManager(): Promise<{ id: string }> {
  await withAdmin(t);
  const created = await t.call(W, 'staff.create', { login: 'li.na', displayName: '李娜', roles: ['manager'], password: 'li-na-pass-2026' });
  if (!created.ok) throw new Error(created.error.message);
  expect((await t.call('li-window', 'auth.signIn', { login: 'li.na', password: 'li-na-pass-2026' })).ok).toBe(true);
  return { id: created.value.id };
}

function auditMethods(): string[] {
  return (t.store.raw.prepare('SELECT method FROM audit_log ORDER BY seq').all() as { method: string }[]).map((r) => r.method);
}

describe('accounts and sessions (issue 9)', () => {
  it('sets a store up once: an administrator disabled by head office’s feed never reopens the first-run screen', async () => {
    t = await testApp();
    await withAdmin(t);
    // Head office's staff feed disables the only administrator.
    t.store.raw.prepare("UPDATE staff SET disabled = 1 WHERE login = 'admin'").run();
    expect(await t.call('stranger', 'auth.state')).toMatchObject({ ok: true, value: { setupNeeded: false } });
    expect(
      await t.call('stranger', 'auth.setupFirstAdmin', { login: 'intruder', displayName: '某人', password: 'take-over-2026' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'errors.auth.already_set_up' } });
    expect(t.store.raw.prepare("SELECT count(*) AS n FROM staff WHERE login = 'intruder'").get()).toEqual({ n: 0 });
  });

  it('takes roles away and disables accounts at the next call, not at the next sign-in', async () => {
    t = await testApp();
    const { id } = await withManager();
    expect((await t.call('li-window', 'audit.list', {})).ok).toBe(true);
    // Head office's staff feed (through sync) makes her a counter clerk.
    t.store.raw.prepare('UPDATE staff SET roles = ? WHERE id = ?').run('["counter"]', id);
    expect(await t.call('li-window', 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('li-window', 'auth.state')).toMatchObject({ value: { session: { staff: { roles: ['counter'] } } } });
    // The refusal is on the audit log.
    expect(auditMethods().at(-1)).toBe('security.refused');
    // Then disabled: the session ends at once.
    t.store.raw.prepare('UPDATE staff SET disabled = 1 WHERE id = ?').run(id);
    expect(await t.call('li-window', 'clients.search', { q: '张' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', key: 'errors.auth.account_disabled' },
    });
    expect(await t.call('li-window', 'auth.state')).toMatchObject({ value: { session: null } });
  });

  it('ends a session after its absolute lifetime however active, and the lifetime is a setting', async () => {
    t = await testApp();
    await withAdmin(t);
    // A full working day of activity, a touch every five minutes.
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 5) {
      t.clock.advance(5 * MINUTE);
      expect((await t.call(W, 'auth.touch')).ok, `at ${elapsed + 5} min`).toBe(elapsed + 5 <= 12 * 60);
    }
    t.clock.advance(MINUTE);
    expect(await t.call(W, 'staff.list')).toMatchObject({ ok: false, error: { key: 'errors.auth.session_expired' } });
    expect(await t.call(W, 'staff.list')).toMatchObject({ ok: false, error: { key: 'errors.auth.signed_out' } });
    expect((await t.call(W, 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' })).ok).toBe(true);
    expect((await t.call(W, 'settings.update', { sessionMaxHours: 2, idleLockMinutes: 240 })).ok).toBe(true);
    t.clock.advance(2 * 60 * MINUTE - MINUTE);
    expect((await t.call(W, 'auth.touch')).ok).toBe(true);
    t.clock.advance(2 * MINUTE);
    expect(await t.call(W, 'staff.list')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', key: 'errors.auth.session_expired' },
    });
  });

  it('locks an idle session even while the screen polls the sync status every 30 seconds', async () => {
    t = await testApp();
    await withAdmin(t);
    for (let s = 0; s <= 10 * 60; s += 30) {
      await t.call(W, 'sync.status');
      t.clock.advance(30_000);
    }
    expect(await t.call(W, 'staff.list')).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'errors.auth.session_locked' } });
  });

  it('puts failed sign-ins and lockouts on the audit log, and answers an unknown login after the same work', async () => {
    // The production cost: the point is that an unknown login takes a real hash's time.
    t = await testApp({ passwordCost: PASSWORD_SCRYPT });
    await withAdmin(t);
    const timed = async (login: string) => {
      const started = performance.now();
      const res = await t.call('w2', 'auth.signIn', { login, password: 'not-the-password' });
      return { res, ms: performance.now() - started };
    };
    const unknown = await timed('nobody.here');
    const wrong = await timed('admin');
    expect(unknown.res).toEqual(wrong.res);
    // Both ran scrypt (a second or so here); an unknown login is not answered in a millisecond.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    for (let i = 0; i < 3; i++) await t.call('w2', 'auth.signIn', { login: 'admin', password: 'still-wrong' });
    expect(await t.call('w2', 'auth.signIn', { login: 'admin', password: 'still-wrong' })).toMatchObject({
      error: { key: 'errors.auth.locked_out' },
    });
    const failures = t.store.raw
      .prepare("SELECT staff_login, target_ids FROM audit_log WHERE method = 'auth.signIn.failed' ORDER BY seq")
      .all() as { staff_login: string; target_ids: string }[];
    expect(failures.map((f) => [f.staff_login, (JSON.parse(f.target_ids) as string[]).at(-1)])).toEqual([
      ['nobody.here', 'failure:unknown_login'],
      ['admin', 'failure:wrong_password'],
      ['admin', 'failure:wrong_password'],
      ['admin', 'failure:wrong_password'],
      ['admin', 'failure:wrong_password'],
      ['admin', 'failure:locked_out'],
    ]);
  }, 60_000);

  it('lets staff change their own password with the current one, on the record', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(
      await t.call(W, 'auth.changePassword', {
        currentPassword: 'guess-guess',
        newPassword: 'a-new-pass-2026',
        repeatPassword: 'a-new-pass-2026',
      }),
    ).toMatchObject({ ok: false, error: { key: 'errors.auth.wrong_password' } });
    expect(
      await t.call(W, 'auth.changePassword', {
        currentPassword: 'counter-pass-2026',
        newPassword: 'a-new-pass-2026',
        repeatPassword: 'typo',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'repeatPassword' }] } });
    expect(
      await t.call(W, 'auth.changePassword', {
        currentPassword: 'counter-pass-2026',
        newPassword: 'a-new-pass-2026',
        repeatPassword: 'a-new-pass-2026',
      }),
    ).toMatchObject({ ok: true });
    expect(auditMethods().at(-1)).toBe('auth.changePassword');
    expect((await t.call('w2', 'auth.signIn', { login: 'admin', password: 'a-new-pass-2026' })).ok).toBe(true);
  }, 60_000);
});
