import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { RawDb } from '../store/open';
import { searchDocument } from './master';

/**
 * The one writer of the client search index (`client_search`, FTS5, contentless: raw SQL, which Kysely cannot say).
 * A client's document is its name's terms plus its tier token, so it is rewritten when either moves. Prepared on
 * the connection the caller's transaction holds.
 */
export class ClientSearchIndex {
  private readonly insert: BetterSqlite3.Statement;
  private readonly remove: BetterSqlite3.Statement;

  constructor(raw: RawDb) {
    this.insert = raw.prepare('INSERT INTO client_search (rowid, terms) VALUES (?, ?)');
    this.remove = raw.prepare('DELETE FROM client_search WHERE rowid = ?');
  }

  /** A new client's entry. */
  add(rowid: number | bigint, nameTerms: string, tierRank: number): void {
    this.insert.run(rowid, searchDocument(nameTerms, tierRank));
  }

  /** A client's entry rewritten (contentless_delete: deleting an entry that is not there is a no-op). */
  replace(rowid: number | bigint, nameTerms: string, tierRank: number): void {
    this.remove.run(rowid);
    this.add(rowid, nameTerms, tierRank);
  }

  /** A client's entry removed (demo data removed). */
  drop(rowid: number | bigint): void {
    this.remove.run(rowid);
  }
}
