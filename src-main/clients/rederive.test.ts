import { afterEach, describe, expect, it } from 'vitest';
import type { ClientProfile, EventName, Settings } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { tierToken } from './master';

let t: TestApp;
afterEach(async () => t.cleanup());
const W = 'admin-window';

async function update(changes: Partial<Settings> & { jobId?: string }): Promise<Settings> {
  const res = await t.call(W, 'settings.update', changes);
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

async function summary(id: string): Promise<ClientProfile['summary']> {
  const res = await t.call(W, 'clients.profile', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.value.summary;
}

async function searchNames(q: string): Promise<{ name: string; tier: string }[]> {
  const res = await t.call(W, 'clients.search', { q });
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { results: { name: string; tier: string }[] }).results.map(({ name, tier }) => ({ name, tier }));
}

/** Every tier's FTS token finds exactly the clients of that tier: the index and the archive agree. */
function expectSearchIndexInStep(): void {
  for (const rank of [0, 1, 2]) {
    const indexed = t.store.raw
      .prepare('SELECT rowid AS r FROM client_search WHERE client_search MATCH ? ORDER BY rowid')
      .all(tierToken(rank)) as { r: number }[];
    const archived = t.store.raw.prepare('SELECT rowid AS r FROM clients WHERE tier_rank = ? ORDER BY rowid').all(rank) as { r: number }[];
    expect(indexed, `tier rank ${rank}`).toEqual(archived);
  }
}

describe('an administrator changes the tier thresholds', () => {
  it('re-tiers the archive at the new VIP line, inclusive, and search still ranks VIPs first', async () => {
    t = await testApp();
    await withAdmin(t);
    const [zhang, li, wang] = await addClients(t.store, t.clock, [
      { name: '张芳', assetsYuan: 500_000 },
      { name: '李芳', assetsYuan: 520_000 },
      { name: '王芳', assetsYuan: 300_000 },
    ]);
    expect((await summary(zhang!)).tier).toBe('vip');

    // One fen above her balance: 张芳 is no longer VIP; 李芳 still is.
    await update({ vipMinAvgDailyFen: 50_000_001 });
    expect((await summary(zhang!)).tier).toBe('ordinary');
    expect((await summary(li!)).tier).toBe('vip');
    expectSearchIndexInStep();
    // Single characters and syllables go through the FTS index, whose tier token ranks VIPs first.
    expect((await searchNames('芳'))[0]).toEqual({ name: '李芳', tier: 'vip' });
    expect((await searchNames('fang'))[0]).toEqual({ name: '李芳', tier: 'vip' });
    expect(await t.call(W, 'clients.list', { filters: { tier: 'vip' } })).toMatchObject({ ok: true, value: { rows: [{ name: '李芳' }] } });

    // Exactly her balance: VIP again (002: "日均金融资产超50万", the line itself counts).
    await update({ vipMinAvgDailyFen: 50_000_000 });
    expect((await summary(zhang!)).tier).toBe('vip');
    await update({ vipMinAvgDailyFen: 30_000_000 });
    expect((await summary(wang!)).tier).toBe('vip');
    expect((await searchNames('王芳'))[0]).toEqual({ name: '王芳', tier: 'vip' });
    expectSearchIndexInStep();
    // The audit log says who changed which rule.
    expect(await t.call(W, 'audit.list', { limit: 1 })).toMatchObject({
      ok: true,
      value: [{ method: 'settings.update', staffLogin: 'admin', targetIds: ['settings.vipMinAvgDailyFen'] }],
    });
  });

  it('re-tiers for potential growth over the configured look-back', async () => {
    t = await testApp();
    await withAdmin(t);
    // ¥100,000 through June, then ¥125,000: 25% growth against six months earlier, 25% against three.
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      avgDailyFen: i < 6 ? 10_000_000 : 12_500_000,
    }));
    const [id] = await addClients(t.store, t.clock, [{ name: '赵增长', months }]);
    expect((await summary(id!)).tier).toBe('ordinary');
    await update({ potentialMinGrowthPercent: 25 });
    expect((await summary(id!)).tier).toBe('potential');
    // Three months back from December is September, already at ¥125,000: no growth.
    await update({ potentialLookbackMonths: 3 });
    expect((await summary(id!)).tier).toBe('ordinary');
    expectSearchIndexInStep();
  });

  it('reports progress for a job id, and a cancelled change keeps the old settings and tiers', async () => {
    t = await testApp();
    await withAdmin(t);
    const events: { event: EventName; payload: unknown }[] = [];
    t.app.emit = (_channel, event, payload) => events.push({ event, payload });
    const ids = await addClients(
      t.store,
      t.clock,
      Array.from({ length: 30 }, (_, i) => ({ name: `钱${'一二三四五六七八九十'[i % 10]!}`, assetsYuan: 400_000 + i * 10_000 })),
    );
    const jobId = '0195e0c2-aaaa-7000-8000-000000000001';
    await update({ vipMinAvgDailyFen: 60_000_000, jobId });
    expect(events.at(-1)).toEqual({ event: 'job.progress', payload: { jobId, done: 30, total: 30 } });
    expect((await summary(ids[19]!)).tier).toBe('ordinary');

    const cancelled = '0195e0c2-aaaa-7000-8000-000000000002';
    const running = t.call(W, 'settings.update', { vipMinAvgDailyFen: 40_000_000, jobId: cancelled });
    expect(await t.call(W, 'jobs.cancel', { jobId: cancelled })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'errors.cancelled' } });
    expect(await t.call(W, 'settings.get', {})).toMatchObject({ ok: true, value: { vipMinAvgDailyFen: 60_000_000 } });
    expect(t.app.settings.vipMinAvgDailyFen).toBe(60_000_000);
    expect((await summary(ids[0]!)).tier).toBe('ordinary');
    expectSearchIndexInStep();
  });

  it('leaves tiers alone when no tier threshold moved', async () => {
    t = await testApp();
    await withAdmin(t);
    await addClients(t.store, t.clock, [{ name: '孙平', assetsYuan: 600_000 }]);
    t.store.raw.prepare("UPDATE clients SET tier = 'ordinary', tier_rank = 2").run();
    await update({ idleLockMinutes: 15, vipMinAvgDailyFen: 50_000_000 });
    expect(t.store.raw.prepare('SELECT tier FROM clients').get()).toEqual({ tier: 'ordinary' });
  });
});

describe('an administrator changes the lifecycle thresholds', () => {
  it('restages quiet clients against the new churn line', async () => {
    t = await testApp();
    await withAdmin(t);
    // No activity on record, clients since 2015: loyal while their assets are above the churn line.
    const [small, large] = await addClients(t.store, t.clock, [
      { name: '周小', assetsYuan: 10_000 },
      { name: '周大', assetsYuan: 50_000 },
    ]);
    expect((await summary(small!)).lifecycle).toBe('loyal');
    await update({ churnAssetsBelowFen: 2_000_000 }); // ¥20,000
    expect((await summary(small!)).lifecycle).toBe('churned');
    expect((await summary(large!)).lifecycle).toBe('loyal');
    expect(await t.call(W, 'clients.list', { filters: { lifecycle: 'churned' } })).toMatchObject({
      ok: true,
      value: { rows: [{ name: '周小' }] },
    });
  });
});
