import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../src-shared/contract/errors';
import { type AppCore, todayOf } from '../app';
import { deriveClient } from '../../src-shared/domain/client-derived';
import type { LifecyclePolicy } from '../../src-shared/domain/lifecycle';
import type { MonthlyAverage, TierPolicy } from '../../src-shared/domain/tier';
import type { JobControl } from '../jobs';
import { dayFormatter, type DuePolicy, recomputeClientDue } from '../reminders/due';
import { perConnection, type RawDb } from '../store/open';
import { ClientSearchIndex } from './search-index';
import { cachedNameSearchTerms } from './search-terms';

/** The settings in force satisfy it: tier and lifecycle lines, reminder cadences, the zone. */
export type DerivePolicy = TierPolicy & LifecyclePolicy & DuePolicy;

type Stmt = BetterSqlite3.Statement;

/** Clients read, recomputed and written per statement round. */
const CHUNK = 2_000;
const IDS = 'SELECT value FROM json_each(?)';

interface ClientRow {
  rowid: number;
  id: string;
  name: string;
  tier: string;
  tier_rank: number;
  lifecycle: string;
  risk_level: string | null;
  risk_assessed_on: string | null;
  first_business_date: string | null;
  last_activity_date: string | null;
  latest_assets_fen: number;
}

class Statements {
  readonly clients: Stmt;
  readonly months: Stmt;
  readonly assessments: Stmt;
  readonly lastContacts: Stmt;
  readonly write: Stmt;
  readonly walk: Stmt;
  readonly count: Stmt;
  readonly search: ClientSearchIndex;

  constructor(raw: RawDb) {
    this.clients = raw.prepare(
      `SELECT rowid, id, name, tier, tier_rank, lifecycle, risk_level, risk_assessed_on, first_business_date, last_activity_date,
              latest_assets_fen FROM clients WHERE id IN (${IDS})`,
    );
    this.months = raw.prepare(`SELECT client_id, month, avg_daily_fen FROM client_monthly_assets WHERE client_id IN (${IDS})`);
    // Newest first per client: the first row of each client is its latest assessment.
    this.assessments = raw.prepare(
      `SELECT client_id, level, assessed_on FROM risk_assessments WHERE client_id IN (${IDS}) AND deleted_hlc IS NULL
       ORDER BY client_id, assessed_on DESC, updated_hlc DESC`,
    );
    this.lastContacts = raw.prepare(
      `SELECT client_id, max(at) AS at FROM contacts WHERE client_id IN (${IDS}) AND deleted_hlc IS NULL GROUP BY client_id`,
    );
    this.write = raw.prepare(
      'UPDATE clients SET tier = ?, tier_rank = ?, lifecycle = ?, risk_level = ?, risk_assessed_on = ?, last_activity_date = ? WHERE rowid = ?',
    );
    this.walk = raw.prepare('SELECT id FROM clients WHERE id > ? ORDER BY id LIMIT ?').pluck();
    this.count = raw.prepare('SELECT count(*) FROM clients').pluck();
    this.search = new ClientSearchIndex(raw);
  }
}

// Prepared once per connection (there is one per store) and reused by every write, page and pass.
const statements = perConnection((raw) => new Statements(raw));

/**
 * The one home of a client's derived state: tier, lifecycle stage, risk level, last activity (`deriveClient`), the
 * search entry that carries the name and the tier, and the open reminders. Whoever changes a client's facts — a
 * contact logged, a reminder acted on, a pulled page, an import, new thresholds — touches the client, and `finish`
 * recomputes every touched client from the facts in the store, in the caller's transaction, writing only what moved.
 * Synchronous, on prepared statements of the connection that transaction holds.
 */
export class ClientRederiver {
  private readonly touched = new Set<string>();
  private readonly reindex = new Set<string>();
  private readonly s: Statements;

  constructor(
    private readonly raw: RawDb,
    private readonly policy: DerivePolicy,
    private readonly today: string,
  ) {
    this.s = statements(raw);
  }

  /** Marks a client whose facts changed. `rewriteSearch`: its name changed, or it has no search entry yet. */
  touch(clientId: string, rewriteSearch = false): void {
    this.touched.add(clientId);
    if (rewriteSearch) this.reindex.add(clientId);
  }

  /** Recomputes every touched client; returns how many. */
  finish(): number {
    const ids = [...this.touched];
    for (let i = 0; i < ids.length; i += CHUNK) this.rederive(ids.slice(i, i + CHUNK));
    this.touched.clear();
    this.reindex.clear();
    return ids.length;
  }

  private rederive(ids: string[]): void {
    const { s, policy, today } = this;
    const list = JSON.stringify(ids);
    const months = new Map<string, MonthlyAverage[]>();
    for (const m of s.months.all(list) as { client_id: string; month: string; avg_daily_fen: number }[]) {
      const entry = { month: m.month, avgDailyFen: m.avg_daily_fen };
      const known = months.get(m.client_id);
      if (known) known.push(entry);
      else months.set(m.client_id, [entry]);
    }
    const assessments = new Map<string, { level: string; assessedOn: string }>();
    for (const a of s.assessments.all(list) as { client_id: string; level: string; assessed_on: string }[]) {
      if (!assessments.has(a.client_id)) assessments.set(a.client_id, { level: a.level, assessedOn: a.assessed_on });
    }
    const dayOf = dayFormatter(policy.timeZone);
    const contactDays = new Map(
      (s.lastContacts.all(list) as { client_id: string; at: string }[]).map((c) => [c.client_id, dayOf(Date.parse(c.at))]),
    );
    for (const c of s.clients.all(list) as ClientRow[]) {
      const next = deriveClient(
        {
          months: months.get(c.id) ?? [],
          firstBusinessDate: c.first_business_date,
          recordedActivityDate: c.last_activity_date,
          lastContactDay: contactDays.get(c.id) ?? null,
          latestAssetsFen: c.latest_assets_fen,
          latestAssessment: assessments.get(c.id) ?? null,
        },
        policy,
        today,
      );
      const moved =
        next.tier !== c.tier ||
        next.tierRank !== c.tier_rank ||
        next.lifecycle !== c.lifecycle ||
        next.riskLevel !== c.risk_level ||
        next.riskAssessedOn !== c.risk_assessed_on ||
        next.lastActivityDate !== c.last_activity_date;
      if (moved) {
        s.write.run(next.tier, next.tierRank, next.lifecycle, next.riskLevel, next.riskAssessedOn, next.lastActivityDate, c.rowid);
      }
      if (next.tierRank !== c.tier_rank || this.reindex.has(c.id)) {
        s.search.replace(c.rowid, cachedNameSearchTerms(c.name).terms, next.tierRank);
      }
    }
    // Reminders follow from the same facts (the cadence from the tier just computed, follow-ups, actions taken).
    recomputeClientDue(this.raw, ids, policy, today);
  }

  /**
   * Every client, in id order a chunk at a time (new thresholds: DOMAIN.md §2 makes tiers and stages facts of the
   * settings in force), inside the caller's transaction so the settings and the archive they produce commit together.
   * With progress, and cancellable between chunks (the caller's transaction then rolls everything back).
   */
  async all(job?: JobControl): Promise<number> {
    const total = Number(this.s.count.get());
    let done = 0;
    let after = '';
    job?.progress(0, total);
    for (;;) {
      const ids = this.s.walk.all(after, CHUNK) as string[];
      const last = ids.at(-1);
      if (last === undefined) break;
      this.rederive(ids);
      after = last;
      done += ids.length;
      job?.progress(done, total);
      // Lets progress events out between chunks; the transaction keeps the connection, so no other query slips in.
      await new Promise((resolve) => setImmediate(resolve));
      if (job?.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'recomputing clients cancelled; nothing was changed');
    }
    job?.progress(total, total);
    return done;
  }
}

/** Rederives clients whose facts a call just changed, in its transaction, under the settings in force. */
export function rederiveClients(app: AppCore, clientIds: Iterable<string>): number {
  const derived = new ClientRederiver(app.store.raw, app.settings, todayOf(app));
  for (const id of clientIds) derived.touch(id);
  return derived.finish();
}
