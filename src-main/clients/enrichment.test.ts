import { afterEach, describe, expect, it } from 'vitest';
import type { ClientProfile } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());
const W = 'admin-window';

async function profile(id: string): Promise<ClientProfile> {
  const res = await t.call(W, 'clients.profile', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}
const outbox = () => t.store.raw.prepare("SELECT table_name, payload FROM outbox WHERE table_name <> 'staff' ORDER BY seq").all();

describe('enriching a profile at the branch', () => {
  it('saves needs and preferences field by field, each with its own clock stamp and change record', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '黄文静' }]);
    const res = await t.call(W, 'clients.updateProfile', {
      id: id!,
      changes: { financialGoals: '孩子三年后出国留学', interests: ['子女教育', '海外留学', '子女教育'], doNotDisturb: true },
    });
    expect(res).toEqual({ ok: true, value: { updated: ['financialGoals', 'interests', 'doNotDisturb'] } });
    const p = await profile(id!);
    expect(p.preferences).toMatchObject({ financialGoals: '孩子三年后出国留学', interests: ['子女教育', '海外留学'], doNotDisturb: true });
    const stamps = JSON.parse(
      (t.store.raw.prepare('SELECT field_hlcs FROM clients WHERE id = ?').get(id) as { field_hlcs: string }).field_hlcs,
    ) as Record<string, string>;
    expect(Object.keys(stamps).sort()).toEqual(['do_not_disturb', 'financial_goals', 'interests']);
    expect(outbox()).toEqual([
      { table_name: 'clients', payload: '{"op":"update","fields":["financial_goals","interests","do_not_disturb"]}' },
    ]);
    expect(await t.call(W, 'clients.updateProfile', { id: id!, changes: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('keeps important dates, and removes one with a tombstone', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '黄文静' }]);
    const added = await t.call(W, 'clients.addImportantDate', {
      clientId: id!,
      kind: 'child_milestone',
      date: '2027-06-07',
      label: '女儿高考',
    });
    const dateId = (added as { ok: true; value: { id: string } }).value.id;
    expect((await profile(id!)).importantDates).toEqual([
      { id: dateId, kind: 'child_milestone', date: '2027-06-07', lunar: false, label: '女儿高考' },
    ]);
    await t.call(W, 'clients.removeImportantDate', { id: dateId });
    expect((await profile(id!)).importantDates).toEqual([]);
    expect(t.store.raw.prepare('SELECT deleted_hlc IS NOT NULL AS gone FROM important_dates WHERE id = ?').get(dateId)).toEqual({
      gone: 1,
    });
  });

  it('lets only a manager pin a strategic client, and only with a reason', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '黄文静' }]);
    expect(await t.call(W, 'clients.pinStrategic', { id: id!, strategic: true })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'reason' }] },
    });
    expect(await t.call(W, 'clients.pinStrategic', { id: id!, strategic: true, reason: '本地龙头企业实控人，交易频繁' })).toEqual({
      ok: true,
      value: {},
    });
    expect((await profile(id!)).summary.strategic).toBe(true);
    await t.call(W, 'staff.create', { login: 'teller', displayName: '柜员', roles: ['counter'], password: 'teller-pass-1' });
    await t.call('teller', 'auth.signIn', { login: 'teller', password: 'teller-pass-1' });
    expect(await t.call('teller', 'clients.pinStrategic', { id: id!, strategic: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('rewards a referral with 5,000 points to each side, once', async () => {
    t = await testApp();
    await withAdmin(t);
    const [referrer, referee] = await addClients(t.store, t.clock, [{ name: '老客户' }, { name: '新客户' }]);
    expect(await t.call(W, 'clients.addReferral', { referrerId: referrer!, refereeId: referee! })).toMatchObject({
      ok: true,
      value: { pointsEach: 5000 },
    });
    expect((await profile(referrer!)).points.balance).toBe(5000);
    expect((await profile(referee!)).referrals).toMatchObject([{ direction: 'referred_by', otherName: '老客户', pointsEach: 5000 }]);
    expect(await t.call(W, 'clients.addReferral', { referrerId: referrer!, refereeId: referee! })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call(W, 'clients.addReferral', { referrerId: referrer!, refereeId: referrer! })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
