import { sql, type Transaction } from 'kysely';
import { AppError, type Settings } from '../../src-shared/contract';
import { computeLifecycle, type Lifecycle } from '../../src-shared/domain/lifecycle';
import { computeTier, tierRank, type MonthlyAverage } from '../../src-shared/domain/tier';
import type { JobControl } from '../jobs';
import type { RawDb } from '../store/open';
import type { Database } from '../store/schema';
import { searchDocument } from './master';
import { cachedNameSearchTerms } from './search-terms';

/** Clients read, recomputed and written per step; between steps the job reports progress and may be cancelled. */
const CHUNK = 2_000;

/** Which derived values to recompute: a tier threshold changed, a lifecycle threshold changed, or both. */
export interface Recompute {
  tier: boolean;
  lifecycle: boolean;
}

export interface RecomputeResult {
  clients: number;
  tierChanged: number;
  lifecycleChanged: number;
}

/**
 * Recomputes every live client's tier and/or lifecycle stage under `settings` (DOMAIN.md §2: derived from facts,
 * never typed in), inside the caller's transaction, so the new thresholds and the archive they produce commit
 * together or not at all. The pure rules decide (`computeTier`, `computeLifecycle`), so a re-tier can never disagree
 * with a tier computed when the client arrived. Walks the archive in id order a chunk at a time: 200,000 clients
 * and their 2.4 million monthly balances are never in memory at once. Measured on the encrypted store: 50,000 demo
 * clients take ~1 s when few tiers move and ~3 s when 40,000 do (each needs a new search document), so seconds
 * at 200,000 — long enough for a progress bar, short enough to hold the connection (other calls wait).
 *
 * A client whose tier moves also gets a new search document: the FTS index carries the tier as a token (see
 * `tierToken`), and a stale token would rank the client in its old tier. Derived values are recomputed on every
 * device from the same facts, so nothing here goes to the outbox.
 */
export async function recomputeDerived(
  trx: Transaction<Database>,
  raw: RawDb,
  settings: Settings,
  today: string,
  what: Recompute,
  job?: JobControl,
): Promise<RecomputeResult> {
  const result: RecomputeResult = { clients: 0, tierChanged: 0, lifecycleChanged: 0 };
  if (!what.tier && !what.lifecycle) return result;
  const { n: total } = await trx
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_hlc', 'is', null)
    .executeTakeFirstOrThrow();

  // Prepared statements on the connection Kysely holds for this transaction (as the bulk writer does): one write
  // per changed client without a promise each. Raw for the FTS table, which Kysely cannot say.
  const setTier = raw.prepare('UPDATE clients SET tier = ?, tier_rank = ? WHERE rowid = ?');
  const setLifecycle = raw.prepare('UPDATE clients SET lifecycle = ? WHERE rowid = ?');
  const unindex = raw.prepare('DELETE FROM client_search WHERE rowid = ?');
  const index = raw.prepare('INSERT INTO client_search (rowid, terms) VALUES (?, ?)');

  let after = '';
  for (;;) {
    const clients = await trx
      .selectFrom('clients')
      .select([
        sql<number>`clients.rowid`.as('rowid'),
        'id',
        'name',
        'tier_rank',
        'lifecycle',
        'first_business_date',
        'last_activity_date',
        'latest_assets_fen',
      ])
      .where('deleted_hlc', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    const first = clients[0];
    const last = clients.at(-1);
    if (!first || !last) break;
    after = last.id;

    const balances = new Map<string, MonthlyAverage[]>();
    if (what.tier) {
      // The balances' primary key is (client_id, month): one range read covers the chunk's clients.
      const rows = await trx
        .selectFrom('client_monthly_assets')
        .select(['client_id', 'month', 'avg_daily_fen'])
        .where('client_id', '>=', first.id)
        .where('client_id', '<=', last.id)
        .execute();
      for (const r of rows) {
        const list = balances.get(r.client_id);
        const entry = { month: r.month, avgDailyFen: r.avg_daily_fen };
        if (list) list.push(entry);
        else balances.set(r.client_id, [entry]);
      }
    }

    for (const c of clients) {
      if (what.tier) {
        const tier = computeTier(balances.get(c.id) ?? [], settings);
        const rank = tierRank(tier);
        if (rank !== c.tier_rank) {
          setTier.run(tier, rank, c.rowid);
          unindex.run(c.rowid);
          index.run(c.rowid, searchDocument(cachedNameSearchTerms(c.name).terms, rank));
          result.tierChanged++;
        }
      }
      if (what.lifecycle) {
        const stage: Lifecycle = computeLifecycle(
          { firstBusinessDate: c.first_business_date, lastActivityDate: c.last_activity_date, latestAssetsFen: c.latest_assets_fen },
          today,
          settings,
        );
        if (stage !== c.lifecycle) {
          setLifecycle.run(stage, c.rowid);
          result.lifecycleChanged++;
        }
      }
    }
    result.clients += clients.length;
    job?.progress(result.clients, Number(total));
    // Lets progress events out between chunks; the transaction keeps the connection, so no other query slips in.
    await new Promise((resolve) => setImmediate(resolve));
    if (job?.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'recomputing tiers cancelled; nothing was changed');
  }
  job?.progress(Number(total), Number(total));
  return result;
}
