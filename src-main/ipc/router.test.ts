import { afterEach, describe, expect, it } from 'vitest';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { createWorkstation } from '../workstation';
import { createStaff } from '../auth/staff';
import { openStore } from '../store/open';
import { handlers } from './handlers';
import { createRouter } from './router';

let t: TestApp;
afterEach(async () => t.cleanup());

const counts = () => ({
  staff: Number((t.store.raw.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n),
  audit: Number((t.store.raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n),
});

describe('the router', () => {
  it('answers invalid input with VALIDATION and the field issues, and changes nothing', async () => {
    t = await testApp();
    await withAdmin(t);
    const before = counts();
    const res = await t.call('admin-window', 'staff.create', { login: 'Bad Login!', displayName: '', roles: [], password: 'short' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['login', 'validation.login_format'],
      ['displayName', 'validation.required'],
      ['roles', 'validation.roles_required'],
      ['password', 'validation.password_short'],
    ]);
    expect(counts()).toEqual(before);
  });

  it('refuses a method the staff member’s role lacks with FORBIDDEN', async () => {
    t = await testApp();
    await withAdmin(t);
    await t.call('admin-window', 'staff.create', {
      login: 'teller',
      displayName: '柜员小李',
      roles: ['counter'],
      password: 'teller-pass-1',
    });
    expect((await t.call('teller-window', 'auth.signIn', { login: 'teller', password: 'teller-pass-1' })).ok).toBe(true);
    const res = await t.call('teller-window', 'staff.create', {
      login: 'x.y',
      displayName: 'x',
      roles: ['admin'],
      password: 'another-pass',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', key: 'errors.forbidden' } });
    expect(await t.call('nobody-window', 'staff.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.send('teller-window', 'no.such.method')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('turns an unexpected failure into INTERNAL without a stack trace', async () => {
    t = await testApp();
    await withAdmin(t);
    const logged: string[] = [];
    const broken = createRouter(
      t.app,
      { ...handlers, 'staff.list': () => Promise.reject(new Error('disk on fire at /secret/path')) },
      (m) => logged.push(m),
    );
    const res = await broken('admin-window', 'staff.list', {});
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', key: 'errors.internal', message: 'an unexpected error occurred' } });
    expect(JSON.stringify(res)).not.toContain('/secret/path');
    expect(logged[0]).toContain('disk on fire');
  });

  it('never lets a password hash out, even when a handler returns more than the contract declares', async () => {
    t = await testApp();
    await withAdmin(t);
    const res = await t.call('admin-window', 'staff.list');
    expect(JSON.stringify(res)).not.toMatch(/password|salt/);
  });
});

describe('signing in', () => {
  it('locks a login for five minutes after five wrong passwords, then lets the right one in', async () => {
    t = await testApp();
    const password = await withAdmin(t);
    for (let i = 0; i < 4; i++) {
      expect(await t.call('w2', 'auth.signIn', { login: 'admin', password: 'wrong-guess' })).toMatchObject({
        ok: false,
        error: { key: 'errors.auth.wrong_password' },
      });
    }
    expect(await t.call('w2', 'auth.signIn', { login: 'admin', password: 'wrong-guess' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', key: 'errors.auth.locked_out', params: { minutes: 5 } },
    });
    expect(await t.call('w2', 'auth.signIn', { login: 'admin', password })).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.locked_out' },
    });
    t.clock.advance(5 * 60_000 + 1);
    expect(await t.call('w2', 'auth.signIn', { login: 'admin', password })).toMatchObject({ ok: true });
  });

  it('answers an unknown login exactly like a wrong password', async () => {
    t = await testApp();
    await withAdmin(t);
    const unknown = await t.call('w2', 'auth.signIn', { login: 'nobody', password: 'whatever-1' });
    const wrong = await t.call('w2', 'auth.signIn', { login: 'admin', password: 'whatever-1' });
    expect(unknown).toEqual(wrong);
  });

  it('offers first-run setup while no administrator exists, even with demo accounts present', async () => {
    t = await testApp();
    const credentials = await t.app.passwords.hash('rm-pass-2026');
    await t.store.db
      .transaction()
      .execute((trx) => createStaff(trx, t.clock, { login: 'rm01', displayName: '周晓明', roles: ['counter'], credentials }));
    expect(await t.call('w1', 'auth.state')).toMatchObject({ ok: true, value: { setupNeeded: true } });
    await withAdmin(t);
    expect(await t.call('w2', 'auth.state')).toMatchObject({ ok: true, value: { setupNeeded: false } });
  });

  it('offers first-run setup only while no account exists', async () => {
    t = await testApp();
    expect(await t.call('w1', 'auth.state')).toEqual({ ok: true, value: { setupNeeded: true, session: null } });
    await withAdmin(t);
    const again = await t.call('w2', 'auth.setupFirstAdmin', { login: 'intruder', displayName: 'x', password: 'intruder-pass' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'errors.auth.already_set_up' } });
    expect(await t.call('w2', 'auth.state')).toEqual({ ok: true, value: { setupNeeded: false, session: null } });
  });
});

describe('the idle lock', () => {
  it('locks a session idle for ten minutes and unlocks it with the same staff member’s password', async () => {
    t = await testApp();
    const password = await withAdmin(t);
    t.clock.advance(9 * 60_000);
    expect((await t.call('admin-window', 'auth.touch')).ok).toBe(true);
    t.clock.advance(9 * 60_000);
    expect((await t.call('admin-window', 'staff.list')).ok).toBe(true);
    t.clock.advance(10 * 60_000 + 1);
    expect(await t.call('admin-window', 'staff.list')).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', key: 'errors.auth.session_locked' },
    });
    expect(await t.call('admin-window', 'auth.state')).toMatchObject({ ok: true, value: { session: { locked: true } } });
    expect(await t.call('admin-window', 'auth.unlock', { password: 'not-it-at-all' })).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.wrong_password' },
    });
    expect(await t.call('admin-window', 'auth.unlock', { password })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await t.call('admin-window', 'staff.list')).ok).toBe(true);
  });

  it('lets a locked screen be handed over: signing out needs no password and ends the session', async () => {
    t = await testApp();
    await withAdmin(t);
    t.clock.advance(10 * 60_000 + 1);
    expect(await t.call('admin-window', 'auth.state')).toMatchObject({ value: { session: { locked: true } } });
    expect(await t.call('admin-window', 'auth.signOut')).toEqual({ ok: true, value: {} });
    expect(await t.call('admin-window', 'auth.state')).toMatchObject({ value: { session: null } });
    const audit = await t.call('admin-window', 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' });
    expect(audit.ok).toBe(true);
    const list = await t.call('admin-window', 'audit.list', {});
    expect(list.ok && (list.value as { method: string }[]).map((e) => e.method)).toEqual([
      'auth.signIn',
      'auth.signOut',
      'auth.setupFirstAdmin',
    ]);
  });

  it('takes its length from the settings, which survive a restart', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(await t.call('admin-window', 'settings.update', { idleLockMinutes: 2 })).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 2 },
    });
    expect(await t.call('admin-window', 'settings.update', { idleLockMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    t.clock.advance(2 * 60_000 + 1);
    expect(await t.call('admin-window', 'staff.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await t.store.close();
    const reopened = await openStore({ path: t.path, key: t.key });
    expect((await createWorkstation(reopened, t.clock)).app.settings.idleLockMinutes).toBe(2);
    await reopened.close();
  });
});
