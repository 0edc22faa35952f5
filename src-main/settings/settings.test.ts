import { afterEach, describe, expect, it } from 'vitest';
import type { ClientProfile, Settings } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { openStore } from '../store/open';
import { loadSettings } from './service';

let t: TestApp;
afterEach(async () => t.cleanup());
const W = 'admin-window';

async function update(changes: Partial<Settings>): Promise<void> {
  const res = await t.call(W, 'settings.update', changes);
  if (!res.ok) throw new Error(res.error.message);
}

async function profile(id: string): Promise<ClientProfile> {
  const res = await t.call(W, 'clients.profile', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe('the branch’s rules as settings', () => {
  it('credits a referral with the points the administrator set, on both sides', async () => {
    t = await testApp();
    await withAdmin(t);
    const [referrer, referee] = await addClients(t.store, t.clock, [{ name: '老客户' }, { name: '新客户' }]);
    await update({ referralPointsEach: 8_000 });
    expect(await t.call(W, 'clients.addReferral', { referrerId: referrer!, refereeId: referee! })).toMatchObject({
      ok: true,
      value: { pointsEach: 8_000 },
    });
    expect((await profile(referrer!)).points.balance).toBe(8_000);
    expect((await profile(referee!)).points.balance).toBe(8_000);
    expect((await profile(referee!)).referrals).toMatchObject([{ direction: 'referred_by', pointsEach: 8_000 }]);
  });

  it('expires risk assessments after the configured validity, in the profile, the list filter and advice', async () => {
    t = await testApp();
    await withAdmin(t);
    // Today is 2 November 2026 on the test clock: assessed seven months ago.
    const [id] = await addClients(t.store, t.clock, [{ name: '稳健型', riskLevel: 'C3', riskAssessedOn: '2026-04-02' }]);
    expect((await profile(id!)).summary.riskExpired).toBe(false);
    await update({ assessmentValidMonths: 6 });
    const p = await profile(id!);
    expect(p.riskExpiresOn).toBe('2026-10-02');
    expect(p.summary.riskExpired).toBe(true);
    expect(await t.call(W, 'clients.list', { filters: { riskExpired: true } })).toMatchObject({ ok: true, value: { rows: [{ id }] } });
    const advice = await t.call(W, 'clients.logContact', {
      clientId: id!,
      channel: 'counter',
      content: '介绍理财产品',
      recommendation: { productName: '稳健理财', productRisk: 'R2', isSale: false, elderlyWarningConfirmed: true },
    });
    expect(advice).toMatchObject({ ok: false, error: { key: 'errors.suitability.assessment_expired' } });
  });

  it('refuses a product above the client’s level outright when the bank allows no confirmation', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '稳健型', riskLevel: 'C2', riskAssessedOn: '2026-06-01' }]);
    await update({ allowAboveLevelWithConfirmation: false });
    const advice = await t.call(W, 'clients.logContact', {
      clientId: id!,
      channel: 'counter',
      content: '客户坚持购买',
      recommendation: { productName: '权益基金', productRisk: 'R4', isSale: false, clientConfirmedAboveLevel: true },
    });
    expect(advice).toMatchObject({ ok: false, error: { key: 'errors.suitability.risk_above_level' } });
  });

  it('refuses a threshold out of bounds with the field’s message, and only an administrator may change one', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(await t.call(W, 'settings.update', { vipMinAvgDailyFen: 100 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'vipMinAvgDailyFen', key: 'validation.settings.vip_min' }] },
    });
    await t.call(W, 'staff.create', { login: 'li.na', displayName: '李娜', roles: ['counter', 'manager'], password: 'counter-pass-1' });
    await t.call('teller', 'auth.signIn', { login: 'li.na', password: 'counter-pass-1' });
    expect(await t.call('teller', 'settings.update', { referralPointsEach: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Every member of staff reads the rules in force (the deposit notice window shows on the profile).
    expect(await t.call('teller', 'settings.get', {})).toMatchObject({ ok: true, value: { depositMaturityNoticeDays: 14 } });
  });

  it('keeps the changed rules across a restart', async () => {
    t = await testApp();
    await withAdmin(t);
    await update({ vipMinAvgDailyFen: 80_000_000, depositMaturityNoticeDays: 30 });
    await t.store.close();
    const reopened = await openStore({ path: t.path, key: t.key });
    try {
      expect(await loadSettings(reopened.db)).toMatchObject({
        vipMinAvgDailyFen: 80_000_000,
        depositMaturityNoticeDays: 30,
        referralPointsEach: 5_000,
      });
    } finally {
      await reopened.close();
    }
  });
});
