import type { RawDb } from './open';

/** Row count of every table of ours (SQLite's and FTS5's internal tables left out). */
export function tableCounts(raw: RawDb): Record<string, number> {
  const tables = raw
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_search_%' ORDER BY name",
    )
    .all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    // Names come from sqlite_master, not from input; quoted all the same.
    const row = raw.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number };
    counts[name] = row.n;
  }
  return counts;
}
