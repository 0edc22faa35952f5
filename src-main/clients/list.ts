import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { ClientFilters, ClientSummary, Settings } from '../../src-shared/contract';
import { addMonths } from '../../src-shared/domain/calendar-date';
import type { Database } from '../store/schema';
import { summaryQuery, toSummary } from './summary';

/** The list's filters as WHERE clauses, shared by the page query, the count and the export. */
function filtered<O>(q: SelectQueryBuilder<Database, 'clients', O>, filters: ClientFilters, settings: Settings, today: string) {
  let out = q.where('clients.deleted_hlc', 'is', null);
  if (filters.tier) out = out.where('clients.tier', '=', filters.tier);
  if (filters.lifecycle) out = out.where('clients.lifecycle', '=', filters.lifecycle);
  if (filters.managerId) out = out.where('clients.manager_id', '=', filters.managerId);
  if (filters.tag) {
    // Interests are a JSON array of strings: match the tag as a whole, quoted element.
    const pattern = `%${JSON.stringify(filters.tag).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where(sql<boolean>`clients.interests LIKE ${pattern} ESCAPE '\\'`);
  }
  if (filters.riskExpired !== undefined) {
    // Expired when assessed on or before the same day one validity period ago, or never assessed.
    const cutoff = addMonths(today, -settings.assessmentValidMonths);
    out = filters.riskExpired
      ? out.where((eb) => eb.or([eb('clients.risk_assessed_on', 'is', null), eb('clients.risk_assessed_on', '<=', cutoff)]))
      : out.where('clients.risk_assessed_on', '>', cutoff);
  }
  if (filters.overdueReminder !== undefined) {
    // Read from the stored reminders (reminders/due.ts), never the rules over the archive: the client's earliest
    // open due date is before today. A key lookup per client, so paging in client-number order stays as it is.
    const overdue = (eb: ExpressionBuilder<Database, 'clients'>) =>
      eb.exists(
        eb
          .selectFrom('client_due')
          .select('client_due.client_id')
          .whereRef('client_due.client_id', '=', 'clients.id')
          .where('client_due.next_due', '<', today),
      );
    out = out.where((eb) => (filters.overdueReminder ? overdue(eb) : eb.not(overdue(eb))));
  }
  const move = filters.tierMove;
  if (move) {
    // The derived moves of the tier figures (reports/tier-months.ts): the list behind "moved up in November".
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('tier_moves')
          .select('tier_moves.client_id')
          .where('tier_moves.month', '=', move.month)
          .whereRef('tier_moves.client_id', '=', 'clients.id')
          .where('tier_moves.direction', '=', move.direction === 'up' ? 1 : -1),
      ),
    );
  }
  if (filters.firstBusiness) {
    out = out
      .where('clients.first_business_date', '>=', filters.firstBusiness.from)
      .where('clients.first_business_date', '<=', filters.firstBusiness.to);
  }
  if (filters.covered !== undefined) {
    // Covered while the cadence falls due after today (the reminder pass's `client_due`, as the coverage figures).
    const covered = (eb: ExpressionBuilder<Database, 'clients'>) =>
      eb.exists(
        eb
          .selectFrom('client_due')
          .select('client_due.client_id')
          .whereRef('client_due.client_id', '=', 'clients.id')
          .where('client_due.cadence_due', '>', today),
      );
    out = out.where((eb) => (filters.covered ? covered(eb) : eb.not(covered(eb))));
  }
  return out;
}

/**
 * One page of the filtered client list in client-number order: keyset paging on the unique index stays as fast on
 * page 2,000 as on page 1.
 */
export async function listClients(
  db: Kysely<Database>,
  filters: ClientFilters,
  after: string | null,
  limit: number,
  settings: Settings,
  today: string,
): Promise<{ rows: ClientSummary[]; nextCursor: string | null }> {
  let q = filtered(summaryQuery(db), filters, settings, today);
  if (after) q = q.where('clients.client_no', '>', after);
  const rows = await q
    .orderBy('clients.client_no')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => toSummary(r, settings, today)),
    nextCursor: rows.length > limit ? (page.at(-1)?.client_no ?? null) : null,
  };
}

export async function countClients(db: Kysely<Database>, filters: ClientFilters, settings: Settings, today: string): Promise<number> {
  const row = await filtered(
    db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')),
    filters,
    settings,
    today,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}
