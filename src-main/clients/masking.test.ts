import { afterEach, describe, expect, it } from 'vitest';
import { addClients } from '../../test/fixtures/clients';
import type { Role } from '../../src-shared/contract';
import { testApp, withAdmin, withStaff, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());
const W = 'admin-window';

const staffMember = (login: string, roles: Role[]) => withStaff(t, login, roles);

const audit = (method: string) =>
  (
    t.store.raw.prepare('SELECT staff_login, target_ids, reason FROM audit_log WHERE method = ? ORDER BY seq').all(method) as {
      staff_login: string;
      target_ids: string;
      reason: string | null;
    }[]
  ).map((r) => ({ ...r, target_ids: JSON.parse(r.target_ids) as string[] }));

describe('masking cannot be worked around (issue 9)', () => {
  it('reveals a full ID number only to the roles the setting names, refusing others on the record', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '韩梅梅', mobile: '13812345678' }]);
    const events = await staffMember('xu.ting', ['events']);
    const counter = await staffMember('chen.li', ['counter']);
    const reveal = (channel: string) => t.call(channel, 'clients.reveal', { id: id!, field: 'mobile', reason: '客户办理挂失' });
    expect(await reveal(events)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', key: 'errors.clients.reveal_forbidden' } });
    expect(audit('security.refused').at(-1)).toMatchObject({ staff_login: 'xu.ting', target_ids: ['method:clients.reveal', id] });
    expect(await reveal(counter)).toMatchObject({ ok: true, value: { value: '13812345678' } });
    // The administrator narrows it to managers: the counter clerk is refused from the next call on.
    expect((await t.call(W, 'settings.update', { revealRoles: ['manager'] })).ok).toBe(true);
    expect(await reveal(counter)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call(W, 'settings.update', { revealRoles: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('puts every tail search on the audit log masked, and locks a person who runs through too many', async () => {
    t = await testApp();
    await withAdmin(t);
    await addClients(t.store, t.clock, [{ name: '韩梅梅', mobile: '13812345678' }]);
    const clerk = await staffMember('chen.li', ['counter']);
    expect((await t.call(clerk, 'clients.search', { q: '5678' })).ok).toBe(true);
    expect((await t.call(clerk, 'clients.search', { q: '138 1234 5678' })).ok).toBe(true);
    expect((await t.call(clerk, 'clients.search', { q: '韩梅梅' })).ok).toBe(true);
    expect(audit('clients.search.tail').map((e) => [e.staff_login, e.target_ids])).toEqual([
      ['chen.li', ['tail:**78']],
      ['chen.li', ['mobile:138****5678']],
    ]);
    expect(JSON.stringify(audit('clients.search.tail'))).not.toContain('12345678');

    // Thirty in ten minutes is the limit (a setting); the thirty-first locks every window of theirs.
    for (let i = 2; i < 30; i++) {
      expect((await t.call(clerk, 'clients.search', { q: String(1000 + i) })).ok, `search ${i + 1}`).toBe(true);
      t.clock.advance(10_000);
    }
    expect(await t.call(clerk, 'clients.search', { q: '4321' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', key: 'errors.auth.tail_search_limit', params: { count: 31, limit: 30 } },
    });
    expect(await t.call(clerk, 'clients.search', { q: '韩' })).toMatchObject({ ok: false, error: { key: 'errors.auth.session_locked' } });
    const locked = audit('security.tail_search_limit');
    expect(locked.map((e) => e.staff_login)).toEqual(['chen.li']);
    expect(locked[0]?.reason).toContain('31');
    expect((await t.call(clerk, 'auth.unlock', { password: 'chen.li-pass-2026' })).ok).toBe(true);
    expect((await t.call(clerk, 'clients.search', { q: '5678' })).ok).toBe(true);
  }, 60_000);
});
