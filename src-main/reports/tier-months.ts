import { addMonths } from '../../src-shared/domain/calendar-date';
import { isTierMove, tierByMonth, tierRank, type MonthlyAverage, type Tier, type TierPolicy } from '../../src-shared/domain/tier';
import type { RawDb, Store } from '../store/open';

/** How far back the tier figures reach: two years, the longest period a report asks for, and the month before it. */
export const TIER_MONTHS_BACK = 25;

const STATE_KEY = 'tier_months';
/** Clients read per step of the walk. */
const WALK_CHUNK = 5_000;

/**
 * What the figures were built from: the monthly balances (how many, the latest month, the sum), the live clients and
 * the tier thresholds. Read from the covering primary key and the clients table, once a day and after a sync, so the
 * 2.4 million balances are walked again only when they changed.
 */
function fingerprint(raw: RawDb, policy: TierPolicy, since: string): string {
  const months = raw
    .prepare('SELECT count(*) AS n, max(month) AS latest, total(avg_daily_fen) AS fen FROM client_monthly_assets WHERE month >= ?')
    .get(since) as { n: number; latest: string | null; fen: number };
  const clients = raw.prepare('SELECT count(*) AS n FROM clients WHERE deleted_hlc IS NULL').get() as { n: number };
  return JSON.stringify([
    since,
    months.n,
    months.latest,
    months.fen,
    clients.n,
    policy.vipMinAvgDailyFen,
    policy.potentialMinGrowthPercent,
    policy.potentialLookbackMonths,
  ]);
}

/**
 * Rebuilds `tier_months` and `tier_moves` (migration 0012) from the monthly balances of the live clients, when they
 * changed since the last build: one walk in key order, a client at a time, each month's tier by the same rule as the
 * client's own (domain/tier.ts). In one transaction: a reader sees the old figures or the new, never half. Returns
 * whether it rebuilt.
 */
export async function refreshTierMonths(store: Store, policy: TierPolicy, today: string): Promise<boolean> {
  const { raw } = store;
  const first = addMonths(`${today.slice(0, 7)}-01`, -TIER_MONTHS_BACK).slice(0, 7);
  // The lookback reaches further back than the first month shown: a tier needs the month it grows from.
  const since = addMonths(`${first}-01`, -policy.potentialLookbackMonths).slice(0, 7);
  const print = fingerprint(raw, policy, since);
  const saved = raw.prepare('SELECT value FROM device_state WHERE key = ?').pluck().get(STATE_KEY) as string | undefined;
  if (saved === print) return false;

  const totals = new Map<string, { clients: number; fen: number }>();
  const moves: [string, string, Tier, Tier, number][] = [];
  // A few thousand clients at a time, giving the event loop back between them: at 200,000 clients the walk takes
  // seconds, and the counter's calls must not wait for it. Reads between chunks may see a write land; the figures
  // then carry the fingerprint from before it, so the next refresh rebuilds them.
  const ids = raw.prepare('SELECT id FROM clients WHERE deleted_hlc IS NULL AND id > ? ORDER BY id LIMIT ?').pluck();
  // Each chunk's balances read as one range of the key (a seek per client was a third of the walk), as arrays.
  const walk = raw
    .prepare(
      `SELECT client_id, month, avg_daily_fen FROM client_monthly_assets
       WHERE client_id BETWEEN ? AND ? AND month >= ? ORDER BY client_id, month`,
    )
    .raw(true);
  let client = '';
  let series: MonthlyAverage[] = [];
  const settle = () => {
    if (!client) return;
    const tiers = tierByMonth(series, policy);
    let before: { tier: Tier; determined: boolean } | null = null;
    let beforeMonth = '';
    for (const m of series) {
      const now = tiers.get(m.month);
      if (!now || m.month < first) {
        before = now ?? null;
        beforeMonth = m.month;
        continue;
      }
      const key = `${m.month}|${now.tier}`;
      const total = totals.get(key) ?? { clients: 0, fen: 0 };
      total.clients += 1;
      total.fen += m.avgDailyFen;
      totals.set(key, total);
      // A move is read between consecutive months only (a gap in the balances is no move).
      if (before && isTierMove(before, now) && addMonths(`${beforeMonth}-01`, 1).slice(0, 7) === m.month) {
        moves.push([m.month, client, before.tier, now.tier, tierRank(now.tier) < tierRank(before.tier) ? 1 : -1]);
      }
      before = now;
      beforeMonth = m.month;
    }
  };
  for (let after = ''; ;) {
    const chunk = ids.all(after, WALK_CHUNK) as string[];
    const last = chunk.at(-1);
    if (last === undefined) break;
    const live = new Set(chunk);
    for (const [clientId, month, avgDailyFen] of walk.iterate(chunk[0], last, since) as IterableIterator<[string, string, number]>) {
      // A deleted client's balances, between two live clients' in the range.
      if (!live.has(clientId)) continue;
      if (clientId !== client) {
        settle();
        client = clientId;
        series = [];
      }
      series.push({ month, avgDailyFen });
    }
    settle();
    client = '';
    after = last;
    await new Promise((resolve) => setImmediate(resolve));
  }

  await store.db.transaction().execute(() => {
    raw.prepare('DELETE FROM tier_months').run();
    raw.prepare('DELETE FROM tier_moves').run();
    const put = raw.prepare('INSERT INTO tier_months (month, tier, clients, aum_fen) VALUES (?, ?, ?, ?)');
    for (const [key, total] of totals) {
      const [month, tier] = key.split('|');
      put.run(month, tier, total.clients, total.fen);
    }
    const move = raw.prepare('INSERT INTO tier_moves (month, client_id, from_tier, to_tier, direction) VALUES (?, ?, ?, ?, ?)');
    for (const m of moves) move.run(...m);
    raw
      .prepare('INSERT INTO device_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(STATE_KEY, print);
    return Promise.resolve();
  });
  return true;
}
