import { afterEach, describe, expect, it } from 'vitest';
import { validateMainlandId } from '../../../src-shared/domain/id-number';
import { tempStore, testClock, type TempStore } from '../../../test/fixtures/store';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract';
import { localDate } from '../../../src-shared/domain/clock';
import { addDays } from '../../../src-shared/domain/calendar-date';
import { CONVERSATION_CHANNELS } from '../../../src-shared/domain/reminders';
import { computeDue } from '../../reminders/due';
import { loadSettings } from '../../settings/service';
import { ClientRederiver } from '../rederive';
import { seedDemoClients } from './run';

const stores: TempStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()?.cleanup();
});

async function fresh(): Promise<TempStore> {
  const s = await tempStore();
  stores.push(s);
  return s;
}

const clock = testClock(Date.parse('2026-11-02T01:00:00Z'));
const sample = (s: TempStore) =>
  s.store.raw
    .prepare('SELECT client_no, name, id_type, id_number, mobile, tier, lifecycle FROM clients ORDER BY client_no')
    .all() as Record<string, string>[];

describe('demo data', () => {
  it('is the same archive for the same seed, on any machine', async () => {
    const [a, b] = [await fresh(), await fresh()];
    await seedDemoClients(a.store, clock, { clients: 400, seed: 42, actor: 'test' });
    await seedDemoClients(b.store, clock, { clients: 400, seed: 42, actor: 'test' });
    expect(sample(a)).toEqual(sample(b));
  });

  it('covers every tier and lifecycle stage with valid ID numbers, and never collides across seeds', async () => {
    const s = await fresh();
    await seedDemoClients(s.store, clock, { clients: 600, seed: 1, actor: 'test' });
    await seedDemoClients(s.store, clock, { clients: 600, seed: 2, actor: 'test' });
    const rows = sample(s);
    expect(new Set(rows.map((r) => r.client_no)).size).toBe(1200);
    expect(new Set(rows.map((r) => r.tier))).toEqual(new Set(['vip', 'potential', 'ordinary']));
    expect(new Set(rows.map((r) => r.lifecycle))).toEqual(new Set(['prospect', 'new', 'loyal', 'churned']));
    for (const r of rows.filter((x) => x.id_type === 'resident_id')) {
      expect(validateMainlandId(r.id_number!, '2026-11-02'), r.id_number).toMatchObject({ ok: true });
    }
    await expect(seedDemoClients(s.store, clock, { clients: 10, seed: 2, actor: 'test' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('marks everything it writes as demo data and puts none of it in the outbox', async () => {
    const s = await fresh();
    await seedDemoClients(s.store, clock, { clients: 300, seed: 9, actor: 'test' });
    const count = (sql: string) => (s.store.raw.prepare(sql).get() as { n: number }).n;
    const facts = count(
      'SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM risk_assessments) + (SELECT count(*) FROM points_ledger) + (SELECT count(*) FROM referrals) AS n',
    );
    expect(facts).toBeGreaterThan(300);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count('SELECT count(*) AS n FROM clients WHERE demo = 1')).toBe(300);
    expect(count("SELECT count(*) AS n FROM staff WHERE demo = 1 AND login LIKE 'rm%'")).toBe(8);
    expect(count('SELECT count(*) AS n FROM client_search')).toBe(300);
  });

  it('places every demo client where the one rule for derived state would, so rederiving moves nothing', async () => {
    const s = await fresh();
    await seedDemoClients(s.store, clock, { clients: 500, seed: 5, actor: 'test' });
    const standing = () =>
      s.store.raw
        .prepare('SELECT id, tier, tier_rank, lifecycle, risk_level, risk_assessed_on, last_activity_date FROM clients ORDER BY id')
        .all();
    const before = standing();
    const today = localDate(clock.now(), DEFAULT_SETTINGS.timeZone);
    const moved = await s.store.db.transaction().execute(async () => {
      await new ClientRederiver(s.store.raw, DEFAULT_SETTINGS, today).all();
      return standing();
    });
    expect(moved).toEqual(before);
  });

  it('looks like a real branch on a real morning: most VIPs seen this month, a handful overdue, none for years', async () => {
    const s = await fresh();
    await seedDemoClients(s.store, clock, { clients: 2_000, seed: 13, actor: 'test' });
    const settings = await loadSettings(s.store.db);
    const today = localDate(clock.now(), settings.timeZone);
    const idsOf = (tier: string) => s.store.raw.prepare('SELECT id FROM clients WHERE tier = ? ORDER BY id').pluck().all(tier) as string[];
    // The day of each client's latest conversation (what a VIP's deep contact and a potential's survey count).
    const talked = new Map(
      (
        s.store.raw
          .prepare(
            `SELECT client_id, max(at) AS at FROM contacts
             WHERE corrects_id IS NULL AND deleted_hlc IS NULL AND channel IN (SELECT value FROM json_each(?)) GROUP BY client_id`,
          )
          .all(JSON.stringify(CONVERSATION_CHANNELS)) as { client_id: string; at: string }[]
      ).map((r) => [r.client_id, localDate(Date.parse(r.at), settings.timeZone)]),
    );
    const cadence = (tier: string, kind: string) => {
      const ids = idsOf(tier);
      const due = computeDue(s.store.raw, ids, settings, today);
      const overdue = [...due.values()].flatMap((list) => list.filter((r) => r.kind === kind && r.dueDate < today));
      return { ids, overdue, share: overdue.length / ids.length };
    };
    const share = (ids: string[], days: number) => ids.filter((id) => (talked.get(id) ?? '') >= addDays(today, -days)).length / ids.length;

    const vip = cadence('vip', 'vip_deep_contact');
    expect(vip.ids.length).toBeGreaterThan(50);
    expect(share(vip.ids, 60)).toBeGreaterThanOrEqual(0.8);
    expect(vip.share).toBeGreaterThan(0);
    expect(vip.share).toBeLessThanOrEqual(0.15);
    expect(vip.overdue.filter((r) => r.dueDate < addDays(today, -365))).toEqual([]);
    // Potential clients a little less well covered; ordinary ones overdue often, but seldom for more than a year.
    const potential = cadence('potential', 'potential_needs_survey');
    expect(potential.ids.length).toBeGreaterThan(50);
    expect(potential.share).toBeGreaterThan(vip.share);
    expect(potential.share).toBeLessThanOrEqual(0.35);
    const ordinary = cadence('ordinary', 'ordinary_service');
    expect(ordinary.share).toBeGreaterThan(0.3);
    expect(ordinary.overdue.filter((r) => r.dueDate < addDays(today, -365)).length / ordinary.ids.length).toBeLessThan(0.15);
  });

  it('ends with the schema it began with and the store back in WAL mode', async () => {
    const s = await fresh();
    const schema = () => s.store.raw.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const before = schema();
    await seedDemoClients(s.store, clock, { clients: 300, seed: 4, actor: 'test' });
    expect(schema()).toEqual(before);
    expect(s.store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.store.raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps nothing when cancelled', async () => {
    const s = await fresh();
    const schema = () => s.store.raw.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const before = schema();
    const cancel = new AbortController();
    const run = seedDemoClients(s.store, clock, {
      clients: 2_500,
      seed: 3,
      actor: 'test',
      signal: cancel.signal,
      onProgress: () => cancel.abort(),
    });
    await expect(run).rejects.toMatchObject({ key: 'errors.cancelled' });
    expect(schema()).toEqual(before);
    expect(s.store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((s.store.raw.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n).toBe(0);
    // Only the relationship managers' accounts stay: they are made once and shared by every seed.
    expect((s.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name <> 'staff'").get() as { n: number }).n).toBe(0);
  });
});
