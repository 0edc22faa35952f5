import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src-main/store/schema';
import type { Store } from '../../src-main/store/open';
import { percentiles } from './stats';

/**
 * Where a figure's time goes, for a figure that misses its target: each SQL statement a call runs through Kysely with
 * its timings and SQLite's plan, or a CPU profile of a run summed by source file (a package counts as one file).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `call` `runs` times on a second Kysely over the store's connection, one that logs each statement's duration,
 * and returns every statement (slowest median first) with its plan for the parameters it ran with.
 */
export async function queryBreakdown(store: Store, runs: number, call: (db: Kysely<Database>) => Promise<unknown>) {
  const seen = new Map<string, { ms: number[]; parameters: readonly unknown[] }>();
  // Never destroyed: destroying it would close the store's connection.
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: store.raw }),
    log: (event) => {
      if (event.level !== 'query') return;
      const { sql, parameters } = event.query;
      const entry = seen.get(sql) ?? { ms: [], parameters };
      entry.ms.push(event.queryDurationMillis);
      seen.set(sql, entry);
    },
  });
  for (let i = 0; i < runs; i++) await call(db);
  return [...seen]
    .map(([sql, { ms, parameters }]) => {
      const { p50_ms, p95_ms } = percentiles(ms);
      const plan = store.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
      const text = sql.replace(/\s+/g, ' ');
      return { p50_ms, p95_ms, sql: text.length > 240 ? `${text.slice(0, 239)}…` : text, plan: plan.map((p) => p.detail).join(' | ') };
    })
    .sort((a, b) => b.p50_ms - a.p50_ms);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * A CPU profile of `run`: the share of its time spent in each source file's own code (a package counts as one file),
 * the largest `top`. A native function (a statement's `all` or `run`, the driver's `commit`) is named with the file
 * that called it, so the store's reads, its writes and its commits stand apart from the code around them.
 */
export async function cpuBreakdown(run: () => Promise<unknown>, top = 10) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const t0 = performance.now();
  let seconds = 0;
  let profile: Profiler.Profile;
  try {
    await run();
  } finally {
    seconds = (performance.now() - t0) / 1000;
    ({ profile } = await session.post('Profiler.stop'));
    session.disconnect();
  }
  const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of nodes.values()) for (const child of n.children ?? []) parents.set(child, n.id);
  const placeOf = (id: number): string => {
    const frame = nodes.get(id)!.callFrame;
    if (frame.url) return fileOf(frame.url);
    const parent = parents.get(id);
    // V8's own entries ("(garbage collector)", "(program)") stand alone.
    if (frame.functionName.startsWith('(') || parent === undefined) return frame.functionName;
    return `${frame.functionName} ← ${placeOf(parent)}`;
  };
  const byPlace = new Map<string, number>();
  let total = 0;
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const place = placeOf(id);
    // Idle time, and the profiler's own stop, are not the run's.
    if (place === '(idle)' || place.includes('node:inspector')) continue;
    byPlace.set(place, (byPlace.get(place) ?? 0) + (deltas[i] ?? 0));
    total += deltas[i] ?? 0;
  }
  return {
    seconds: Math.round(seconds * 100) / 100,
    self_share: [...byPlace]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([place, us]) => ({ place, share: Math.round((us / total) * 1000) / 1000 })),
  };
}

/** A package by its name, a file of the project by its path, Node's own modules by their `node:` name. */
function fileOf(url: string): string {
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = file.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? file);
  }
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}
