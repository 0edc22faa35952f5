import { afterEach, describe, expect, it } from 'vitest';
import type { ClientProfile } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());

async function profileOf(id: string): Promise<ClientProfile> {
  const res = await t.call('admin-window', 'clients.profile', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe('a client’s profile', () => {
  it('shows the computed tier, the masked identity and the assessment’s expiry', async () => {
    t = await testApp();
    await withAdmin(t);
    const [vip, ordinary, elderly] = await addClients(t.store, t.clock, [
      { name: '周大福', assetsYuan: 500_000, riskLevel: 'C4', riskAssessedOn: '2026-03-01' },
      { name: '吴小明', assetsYuan: 499_999, riskLevel: 'C2', riskAssessedOn: '2025-10-01' },
      { name: '钱老先生', birthDate: '1958-10-20' },
    ]);
    const p = await profileOf(vip!);
    expect(p.summary).toMatchObject({ name: '周大福', tier: 'vip', riskLevel: 'C4', riskExpired: false });
    expect(p.riskExpiresOn).toBe('2027-03-01');
    expect(p.summary.maskedId).toMatch(/\*{6}$/);
    expect(p.monthlyAssets).toHaveLength(12);
    expect(JSON.stringify(p)).not.toMatch(/\d{17}[\dX]/);
    expect((await profileOf(ordinary!)).summary).toMatchObject({ tier: 'ordinary', riskExpired: true });
    // Today is 2 November 2026 on the test clock: born 20 October 1958 makes 68, elderly.
    expect((await profileOf(elderly!)).identity).toMatchObject({ age: 68, elderly: true });
  });

  it('answers an unknown client with NOT_FOUND', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(await t.call('admin-window', 'clients.profile', { id: 'no-such-client' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('revealing an ID number', () => {
  it('needs a reason, returns the full value and writes who, whom and why to the audit log', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '孙丽', mobile: '13512345678' }]);
    const before = await t.call('admin-window', 'audit.list', {});
    expect(await t.call('admin-window', 'clients.reveal', { id: id!, field: 'id_number', reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'reason', key: 'validation.reason_required' }] },
    });
    expect(await t.call('admin-window', 'audit.list', {})).toEqual(before);

    const revealed = await t.call('admin-window', 'clients.reveal', { id: id!, field: 'id_number', reason: '客户办理挂失，核对证件' });
    expect(revealed).toMatchObject({ ok: true, value: { value: expect.stringMatching(/^\d{17}[\dX]$/) as unknown } });
    const mobile = await t.call('admin-window', 'clients.reveal', { id: id!, field: 'mobile', reason: '回拨电话核实' });
    expect(mobile).toEqual({ ok: true, value: { value: '13512345678' } });

    const audit = await t.call('admin-window', 'audit.list', { limit: 2 });
    expect(audit).toMatchObject({
      ok: true,
      value: [
        { method: 'clients.reveal', staffLogin: 'admin', targetIds: [id, 'field:mobile'], reason: '回拨电话核实' },
        { method: 'clients.reveal', staffLogin: 'admin', targetIds: [id, 'field:id_number'], reason: '客户办理挂失，核对证件' },
      ],
    });
    // The audit log keeps the fact of the reveal, never the revealed value.
    expect(JSON.stringify(t.store.raw.prepare('SELECT * FROM audit_log').all())).not.toContain('13512345678');
  });

  it('is refused to a role without the permission', async () => {
    t = await testApp();
    await withAdmin(t);
    await t.call('admin-window', 'staff.create', {
      login: 'events.wu',
      displayName: '吴活动',
      roles: ['events'],
      password: 'events-pass-1',
    });
    await t.call('events-window', 'auth.signIn', { login: 'events.wu', password: 'events-pass-1' });
    const [id] = await addClients(t.store, t.clock, [{ name: '孙丽' }]);
    expect(await t.call('events-window', 'clients.reveal', { id: id!, field: 'id_number', reason: '想看看证件号码' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
