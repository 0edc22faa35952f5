import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { SEARCH_KINDS } from '../../src-shared/contract/clients';
import type { Database } from '../store/schema';
import { tierToken } from './master';
import { hanChars } from './search-terms';

export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  id: string;
  kind: SearchKind;
}

const TIER_RANKS = [0, 1, 2] as const;
/** Above every code point a name or key can hold: `key < prefix || MAX` bounds a prefix range on an index. */
const MAX_CHAR = '\u{10FFFF}';

/**
 * The counter's one search box (issue 3): Chinese name substrings from one character, full pinyin, initials,
 * mobile or ID last four, client number. Ranked exact > prefix > substring, then by tier (VIP first).
 * Each stage walks an index best tier first and stops once it has `limit` hits, so a common surname (王, 7% of
 * clients) costs the same as a rare one.
 */
export async function searchClients(db: Kysely<Database>, rawQuery: string, limit: number): Promise<SearchHit[]> {
  const q = rawQuery.normalize('NFKC').trim();
  const hits = new Map<string, SearchKind>();
  const add = (ids: string[], kind: SearchKind) => {
    for (const id of ids) if (hits.size < limit && !hits.has(id)) hits.set(id, kind);
  };
  const need = () => limit - hits.size;

  const compact = q.replace(/[\s-]/g, '');
  if (/^\d{3}[\dXx]$/.test(compact)) {
    if (/^\d{4}$/.test(compact)) add(await byColumnEquals(db, 'mobile_tail', compact, need()), 'mobile_tail');
    if (need() > 0) add(await byColumnEquals(db, 'id_tail', compact.toUpperCase(), need()), 'id_tail');
  }
  if (/^\d{5,}$/.test(compact)) {
    add(await byColumnEquals(db, 'client_no', compact, need()), 'client_no');
    if (need() > 0) add(await byClientNoPrefix(db, compact, need()), 'client_no');
    if (need() > 0 && compact.length >= 11) add(await byWholeMobile(db, compact, need()), 'mobile_tail');
  }
  if (hanChars(q).length > 0) {
    const name = hanChars(q).join('');
    add(await byTieredEquals(db, 'name', name, need()), 'name');
    if (need() > 0) add(await byPrefix(db, 'name', name, need()), 'name');
    if (need() > 0) add(await byFts(db, `"${hanChars(q).join(' ')}"`, need() + hits.size), 'name');
  } else if (/^[a-zA-Z]+$/.test(compact)) {
    const latin = compact.toLowerCase();
    add(await byTieredEquals(db, 'initials', latin, need()), 'initials');
    if (need() > 0) add(await byTieredEquals(db, 'pinyin', latin, need()), 'pinyin');
    if (need() > 0) add(await byPrefix(db, 'pinyin', latin, need()), 'pinyin');
    if (need() > 0) add(await byPrefix(db, 'initials', latin, need()), 'initials');
    // Other readings of polyphonic names and single syllables ("fang" finds 王芳).
    if (need() > 0) add(await byFts(db, `${latin}*`, need() + hits.size), 'pinyin');
  }
  return [...hits].map(([id, kind]) => ({ id, kind }));
}

type TieredColumn = 'name' | 'pinyin' | 'initials';
type ClientIds = SelectQueryBuilder<Database, 'clients', { id: string }>;

/** Live clients' ids: every stage starts here. */
function live(db: Kysely<Database>): ClientIds {
  return db.selectFrom('clients').select('id').where('deleted_hlc', 'is', null);
}

async function ids(q: ClientIds, limit: number): Promise<string[]> {
  return (await q.limit(limit).execute()).map((r) => r.id);
}

/** Asks tier by tier, best first, until `limit` ids are found: each ask is a seek on a (tier_rank, …) key. */
async function eachTier(limit: number, fetch: (rank: number, remaining: number) => Promise<string[]>): Promise<string[]> {
  const found: string[] = [];
  for (const rank of TIER_RANKS) {
    found.push(...(await fetch(rank, limit - found.length)));
    if (found.length >= limit) break;
  }
  return found;
}

function byColumnEquals(db: Kysely<Database>, column: 'mobile_tail' | 'id_tail' | 'client_no', value: string, limit: number) {
  return ids(live(db).where(column, '=', value).orderBy('tier_rank'), limit);
}

/** Client numbers are unique: a prefix walks their own index in number order. */
function byClientNoPrefix(db: Kysely<Database>, prefix: string, limit: number) {
  return ids(
    live(db)
      .where('client_no', '>', prefix)
      .where('client_no', '<', prefix + MAX_CHAR)
      .orderBy('client_no'),
    limit,
  );
}

/** A whole mobile number, found through the indexed last four digits rather than a scan. */
function byWholeMobile(db: Kysely<Database>, digits: string, limit: number) {
  return ids(live(db).where('mobile_tail', '=', digits.slice(-4)).where('mobile', '=', digits).orderBy('tier_rank'), limit);
}

function byTieredEquals(db: Kysely<Database>, column: TieredColumn, value: string, limit: number) {
  return eachTier(limit, (rank, n) => ids(live(db).where('tier_rank', '=', rank).where(column, '=', value), n));
}

function byPrefix(db: Kysely<Database>, column: TieredColumn, prefix: string, limit: number) {
  return eachTier(limit, (rank, n) =>
    ids(
      live(db)
        .where('tier_rank', '=', rank)
        .where(column, '>', prefix)
        .where(column, '<', prefix + MAX_CHAR),
      n,
    ),
  );
}

/**
 * FTS5 (raw SQL: Kysely cannot say MATCH): the tier token narrows each query to one tier, so the best tier comes
 * first without sorting every match. `limit` covers hits already taken, which the caller skips.
 */
function byFts(db: Kysely<Database>, match: string, limit: number): Promise<string[]> {
  return eachTier(limit, async (rank, n) => {
    const expr = `${match} AND ${tierToken(rank)}`;
    const rows = await sql<{ id: string }>`
      SELECT c.id FROM client_search s JOIN clients c ON c.rowid = s.rowid
      WHERE client_search MATCH ${expr} AND c.deleted_hlc IS NULL LIMIT ${n}`.execute(db);
    return rows.rows.map((r) => r.id);
  });
}
