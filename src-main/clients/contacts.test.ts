import { afterEach, describe, expect, it } from 'vitest';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());

const W = 'admin-window';
const count = (sql: string) => (t.store.raw.prepare(sql).get() as { n: number }).n;

async function timeline(id: string) {
  const res = await t.call(W, 'clients.profile', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.value.timeline;
}

const recommend = (productRisk: string, extra: Record<string, unknown> = {}) => ({
  productName: '均衡成长混合基金',
  productRisk,
  isSale: false,
  dualRecordingRef: null,
  ...extra,
});

describe('logging a contact at the counter', () => {
  it('puts the conversation on the timeline, in the outbox and the audit log, and counts as activity', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '郑秀英' }]);
    const res = await t.call(W, 'clients.logContact', {
      clientId: id!,
      channel: 'counter',
      content: '客户咨询三年期定期存款利率',
      result: '已介绍利率，客户考虑中',
      followUp: { product: '三年期定期存款', due: '2026-11-09' },
    });
    expect(res).toMatchObject({ ok: true, value: { channel: 'counter', staffName: '王建国', flags: [] } });
    const [entry] = await timeline(id!);
    expect(entry).toMatchObject({ content: '客户咨询三年期定期存款利率', followUpProduct: '三年期定期存款', followUpDue: '2026-11-09' });
    expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'contacts'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE method = 'clients.logContact'")).toBe(1);
    expect(t.store.raw.prepare('SELECT last_activity_date FROM clients WHERE id = ?').get(id)).toEqual({
      last_activity_date: '2026-11-02',
    });
  });

  it('corrects by appending a new entry that points at the old one, which stays as it was', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id, other] = await addClients(t.store, t.clock, [{ name: '郑秀英' }, { name: '冯强' }]);
    const first = await t.call(W, 'clients.logContact', { clientId: id!, channel: 'phone', content: '约定周三面谈' });
    const firstId = (first as { ok: true; value: { id: string } }).value.id;
    t.clock.advance(60_000);
    await t.call(W, 'clients.logContact', { clientId: id!, channel: 'phone', content: '更正：约定周四面谈', correctsId: firstId });
    const entries = await timeline(id!);
    expect(entries.map((e) => [e.content, e.correctsId])).toEqual([
      ['更正：约定周四面谈', firstId],
      ['约定周三面谈', null],
    ]);
    expect(await t.call(W, 'clients.logContact', { clientId: other!, channel: 'phone', content: 'x', correctsId: firstId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'errors.contacts.bad_correction' },
    });
  });

  it('refuses a note that promises guaranteed principal or return, and writes nothing', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '郑秀英' }]);
    const res = await t.call(W, 'clients.logContact', { clientId: id!, channel: 'counter', content: '向客户介绍该产品保本保息，稳赚不赔' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'errors.contacts.guarantee_promise', issues: [{ path: 'content' }] },
    });
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(0);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0); // the administrator's own account stays local
  });
});

describe('recording a recommendation (suitability, DOMAIN.md §4)', () => {
  async function clients() {
    t = await testApp();
    await withAdmin(t);
    return addClients(t.store, t.clock, [
      { name: '过期测评', riskLevel: 'C3', riskAssessedOn: '2025-11-02' },
      { name: '稳健型', riskLevel: 'C2', riskAssessedOn: '2026-06-01' },
      { name: '刘老伯', riskLevel: 'C4', riskAssessedOn: '2026-06-01', birthDate: '1955-03-03' },
      { name: '未测评' },
    ]);
  }
  const log = (clientId: string | undefined, recommendation: unknown) =>
    t.send(W, 'clients.logContact', { clientId, channel: 'counter', content: '介绍基金产品', recommendation });

  it('refuses while the risk assessment is missing or a year old', async () => {
    const [expired, , , none] = await clients();
    expect(await log(expired, recommend('R2'))).toMatchObject({ ok: false, error: { key: 'errors.suitability.assessment_expired' } });
    expect(await log(none, recommend('R1'))).toMatchObject({ ok: false, error: { key: 'errors.suitability.assessment_missing' } });
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(0);
  });

  it('needs the client’s recorded confirmation for a product above their level, and flags it', async () => {
    const [, steady] = await clients();
    expect(await log(steady, recommend('R3'))).toMatchObject({
      ok: false,
      error: { key: 'errors.suitability.risk_above_level_needs_confirmation', issues: [{ path: 'recommendation' }] },
    });
    expect(await log(steady, recommend('R2'))).toMatchObject({ ok: true, value: { flags: [] } });
    expect(await log(steady, recommend('R3', { clientConfirmedAboveLevel: true }))).toMatchObject({
      ok: true,
      value: { flags: ['above_level_confirmed'] },
    });
  });

  it('needs the extra warning confirmed for a client of 65 or more, and flags a sale without dual recording', async () => {
    const [, , elderly] = await clients();
    expect(await log(elderly, recommend('R3'))).toMatchObject({ ok: false, error: { key: 'errors.suitability.elderly_warning_needed' } });
    expect(await log(elderly, recommend('R3', { elderlyWarningConfirmed: true, isSale: true }))).toMatchObject({
      ok: true,
      value: { flags: ['sale_without_dual_recording'] },
    });
    expect(
      await log(elderly, recommend('R3', { elderlyWarningConfirmed: true, isSale: true, dualRecordingRef: 'SL-2026-000123' })),
    ).toMatchObject({
      ok: true,
      value: { flags: [] },
    });
  });
});
