import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src-shared/contract';
import { systemClock } from '../../src-shared/domain/clock';
import { loadProfile } from '../../src-main/clients/profile';
import { searchClients, type SearchKind } from '../../src-main/clients/search';
import { summariesFor } from '../../src-main/clients/summary';
import { seedDemoClients } from '../../src-main/clients/seed/run';
import { generateKey } from '../../src-main/store/key';
import { openStore, type Store } from '../../src-main/store/open';
import { Rng } from '../../src-main/clients/seed/random';
import { percentiles, timeEach } from './stats';

export interface ClientsBenchOptions {
  clients: number;
  seed: number;
  /** Queries per kind. */
  queries: number;
  workDir: string;
  log: (message: string) => void;
}

type Query = { kind: SearchKind; q: string };

/**
 * Issue 3's figures: with N clients in the encrypted store, search p50/p95 per query kind (top 50 with what the
 * result list shows), profile load p95, and encrypted over unencrypted time on the same data.
 */
export async function benchClients(options: ClientsBenchOptions) {
  fs.mkdirSync(options.workDir, { recursive: true });
  const file = path.join(options.workDir, 'bench-clients.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const key = generateKey();
  const store = await openStore({ path: file, key, create: true });
  options.log(`seeding ${options.clients} clients…`);
  const seeded = await seedDemoClients(store, systemClock, {
    clients: options.clients,
    seed: options.seed,
    actor: 'bench',
    onProgress: (done, total) => {
      if (done % 20_000 === 0) options.log(`  ${done} / ${total}`);
    },
  });
  await store.close();
  // Reopened as a workstation starts in the morning: the page cache is sized to the database at open.
  const reopened = await openStore({ path: file, key });
  const queries = pickQueries(reopened, options.queries, options.seed);
  const today = new Date().toISOString().slice(0, 10);

  options.log('measuring the encrypted store…');
  const encrypted = await measure(reopened, queries, today);
  const bytes = fs.statSync(file).size;
  await reopened.close();

  // The same data without encryption: a copy decrypted in place (rekey to no key needs a rollback journal).
  const plainFile = path.join(options.workDir, 'bench-clients-plain.db');
  fs.copyFileSync(file, plainFile);
  const plain = await openStore({ path: plainFile, key });
  plain.raw.pragma('journal_mode = DELETE');
  plain.raw.pragma("rekey = ''");
  plain.raw.pragma('journal_mode = WAL');
  options.log('measuring the unencrypted copy…');
  const unencrypted = await measure(plain, queries, today);
  await plain.close();
  for (const f of [file, plainFile]) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });

  return {
    clients: options.clients,
    seed_seconds: Math.round(seeded.seconds * 10) / 10,
    database_mb: Math.round(bytes / 1e5) / 10,
    search: encrypted.search,
    profile: encrypted.profile,
    plain_ratio: Math.round((encrypted.totalMs / unencrypted.totalMs) * 1000) / 1000,
    plain: { search: unencrypted.search, profile: unencrypted.profile },
  };
}

async function measure(store: Store, queries: { byKind: Map<SearchKind, Query[]>; profileIds: string[] }, today: string) {
  const search: Record<string, ReturnType<typeof percentiles>> = {};
  let totalMs = 0;
  for (const [kind, list] of queries.byKind) {
    // One warm-up pass fills the page cache, as at a counter that has been open since the morning.
    await timeEach(list, (x) => searchAndSummarise(store, x.q, today));
    const samples = await timeEach(list, (x) => searchAndSummarise(store, x.q, today));
    search[kind] = percentiles(samples);
    totalMs += samples.reduce((a, b) => a + b, 0);
  }
  await timeEach(queries.profileIds, (id) => loadProfile(store.db, id, DEFAULT_SETTINGS, today));
  const profileSamples = await timeEach(queries.profileIds, (id) => loadProfile(store.db, id, DEFAULT_SETTINGS, today));
  totalMs += profileSamples.reduce((a, b) => a + b, 0);
  return { search, profile: percentiles(profileSamples), totalMs };
}

async function searchAndSummarise(store: Store, q: string, today: string) {
  const hits = await searchClients(store.db, q, 50);
  return summariesFor(
    store.db,
    hits.map((h) => h.id),
    DEFAULT_SETTINGS,
    today,
  );
}

/** Queries drawn from the archive itself, as staff would type them. */
function pickQueries(store: Store, perKind: number, seed: number) {
  const rng = new Rng(seed + 1);
  const rows = store.raw
    .prepare(
      "SELECT id, client_no, name, pinyin, initials, mobile_tail, id_tail FROM clients WHERE kind = 'individual' ORDER BY random() LIMIT ?",
    )
    .all(perKind * 2) as {
    id: string;
    client_no: string;
    name: string;
    pinyin: string;
    initials: string;
    mobile_tail: string;
    id_tail: string;
  }[];
  const take = <T>(f: (r: (typeof rows)[number]) => T) => rows.slice(0, perKind).map(f);
  const byKind = new Map<SearchKind, Query[]>([
    // Two characters of the name (surname + first given character, or the given name), or a single surname.
    ['name', take((r) => ({ kind: 'name' as const, q: rng.chance(0.2) ? [...r.name][0]! : [...r.name].slice(0, 2).join('') }))],
    ['pinyin', take((r) => ({ kind: 'pinyin' as const, q: r.pinyin }))],
    ['initials', take((r) => ({ kind: 'initials' as const, q: r.initials }))],
    ['mobile_tail', take((r) => ({ kind: 'mobile_tail' as const, q: r.mobile_tail }))],
    ['id_tail', take((r) => ({ kind: 'id_tail' as const, q: r.id_tail }))],
    ['client_no', take((r) => ({ kind: 'client_no' as const, q: r.client_no }))],
  ]);
  return { byKind, profileIds: rows.slice(perKind).map((r) => r.id) };
}
