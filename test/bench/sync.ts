import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { systemClock } from '../../src-shared/domain/clock';
import { encodeHlc } from '../../src-shared/domain/hlc';
import { makeMainlandId } from '../../src-shared/domain/id-number';
import { uuidv7 } from '../../src-shared/domain/ids';
import type { Change } from '../../src-shared/sync/protocol';
import { encodeMonths, monthlyAssetsRowId } from '../../src-shared/sync/tables';
import { openHubDb, type HubDbOptions } from '../../src-hub/db';
import { HubService } from '../../src-hub/service';
import { createWorkstation } from '../../src-main/workstation';
import { withBulkWriter } from '../../src-main/clients/bulk';
import { CONTACT_NOTES, GIVEN_FEMALE, GIVEN_MALE, PRODUCTS, SURNAMES } from '../../src-main/clients/seed/names';
import { Rng, WeightedPicker } from '../../src-main/clients/seed/random';
import { generateKey } from '../../src-main/store/key';
import { openStore, type Store } from '../../src-main/store/open';
import { tableCounts } from '../../src-main/store/stats';
import { dropSchema, hubTestKey, PG_URL, spawnHub, type TestHub } from '../fixtures/hub';
import { percentiles } from './stats';

export interface SyncBenchOptions {
  clients: number;
  pushChanges: number;
  incrementalRuns: number;
  workDir: string;
  seed: number;
  log: (message: string) => void;
}

const BRANCH = 'BENCH';
const CHUNK = 20_000;

/**
 * Issue 4's figures, per hub store: initial sync of a branch of N clients with their history into an empty
 * workstation, a push of M changes, and the round trip of an incremental sync of 10 changes. The hub runs as its
 * own process (`npm run hub`), the workstation is the real encrypted store and sync service in this one.
 */
export async function benchSync(options: SyncBenchOptions) {
  const result: Record<string, unknown> = { clients: options.clients, push_changes: options.pushChanges };
  result.sqlite = await benchOne('sqlite', options);
  const reachable = await pgReachable();
  result.postgres = reachable === true ? await benchOne('postgres', options) : { skipped: `PostgreSQL not reachable: ${reachable}` };
  return result;
}

async function pgReachable(): Promise<true | string> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function benchOne(kind: 'sqlite' | 'postgres', options: SyncBenchOptions) {
  const log = (m: string) => options.log(`[${kind}] ${m}`);
  const dir = path.join(options.workDir, `sync-${kind}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const schema = `hubbench_${crypto.randomBytes(4).toString('hex')}`;
  const key = hubTestKey(path.join(dir, 'hub'));
  const storeOptions: HubDbOptions = kind === 'sqlite' ? { dataDir: path.join(dir, 'hub'), key: key.key } : { databaseUrl: PG_URL, schema };

  // Head office's data for the branch, written straight into the hub's store.
  const hubDb = await openHubDb(storeOptions);
  const service = new HubService(hubDb, systemClock);
  log(`head office data for ${options.clients} clients…`);
  let rows = 0;
  const t0 = performance.now();
  for (const chunk of branchHistory(options.clients, options.seed)) {
    rows += await service.appendMasterData(BRANCH, chunk);
    if (rows % 200_000 < CHUNK * 2) log(`  ${rows} rows`);
  }
  log(`  ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { code } = await service.createEnrollmentCode(BRANCH);
  const { code: code2 } = await service.createEnrollmentCode(BRANCH);
  await hubDb.close();

  const hubLike = {
    storeOptions: { ...storeOptions, ...(kind === 'postgres' ? { schema } : {}) },
    ...(kind === 'sqlite' ? { keyFile: key.file } : {}),
  } as unknown as TestHub;
  const proc = await spawnHub(hubLike, 0);
  try {
    // Initial sync into an empty workstation.
    const ws = await workstationStore(path.join(dir, 'ws-a.db'));
    await ws.sync.enroll(proc.url, code);
    log('initial sync…');
    let t = performance.now();
    const initial = await ws.sync.syncNow({ signal: new AbortController().signal, progress: () => undefined });
    const initialSeconds = (performance.now() - t) / 1000;
    // Rows stored at the workstation (a client's monthly series travels as one change and lands as twelve rows).
    const counts = tableCounts(ws.app.store.raw);
    const storedRows = ['clients', 'client_monthly_assets', 'contacts', 'holdings', 'term_deposits'].reduce(
      (n, t) => n + (counts[t] ?? 0),
      0,
    );
    log(`  ${initial.pulled} changes, ${storedRows} rows in ${initialSeconds.toFixed(1)} s`);

    // A push of M changes made at the branch (contacts, with their outbox records, written in bulk).
    const clientIds = (ws.app.store.raw.prepare('SELECT id FROM clients LIMIT 1000').all() as { id: string }[]).map((r) => r.id);
    await addContacts(ws.app.store, clientIds, options.pushChanges, options.seed + 7);
    log(`push of ${options.pushChanges} changes…`);
    t = performance.now();
    const pushed = await ws.sync.syncNow();
    const pushSeconds = (performance.now() - t) / 1000;
    log(`  ${pushed.pushed} changes in ${pushSeconds.toFixed(1)} s`);

    // Incremental: 10 contacts logged at the counter, then one sync (push and pull), repeated.
    const samples: number[] = [];
    for (let run = 0; run < options.incrementalRuns; run++) {
      await addContacts(ws.app.store, clientIds, 10, options.seed + run);
      t = performance.now();
      await ws.sync.syncNow();
      samples.push(performance.now() - t);
    }
    const incremental = percentiles(samples);

    // The other side of incremental: a second workstation pulling what the first pushed, 10 at a time.
    await ws.app.store.close();
    const second = await workstationStore(path.join(dir, 'ws-b.db'));
    await second.sync.enroll(proc.url, code2);
    await second.app.store.close();

    return {
      store: kind,
      initial_sync: {
        changes: initial.pulled,
        rows: storedRows,
        seconds: round(initialSeconds),
        rows_per_second: Math.round(storedRows / initialSeconds),
      },
      push: { changes: pushed.pushed, seconds: round(pushSeconds), rows_per_second: Math.round(pushed.pushed / pushSeconds) },
      incremental: { changes_per_sync: 10, ...incremental },
    };
  } finally {
    await proc.kill();
    if (kind === 'postgres') await dropSchema(schema);
  }
}

/** Contacts made at the branch, each with its outbox record (the bulk path, so setting up costs little). */
function addContacts(store: Store, clientIds: string[], n: number, seed: number): Promise<void> {
  return withBulkWriter(store, systemClock, (w) => {
    const rng = new Rng(seed);
    for (let i = 0; i < n; i++) {
      const note = rng.pick(CONTACT_NOTES);
      w.contact({
        id: uuidv7(systemClock.now(), rng.bytes),
        clientId: rng.pick(clientIds),
        at: new Date().toISOString(),
        channel: note.channel,
        staffId: null,
        staffName: '客户经理',
        content: note.content,
        result: note.result,
        followUpProduct: null,
        followUpDue: null,
      });
    }
    return Promise.resolve();
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function workstationStore(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const store = await openStore({ path: file, key: generateKey(), create: true });
  const { app } = await createWorkstation(store, systemClock);
  return { app, sync: app.sync };
}

/**
 * A branch's history as head office holds it, in chunks: each client's master record, twelve monthly average
 * balances, and on average two contacts, half a holding and a third of a term deposit.
 */
function* branchHistory(clients: number, seed: number): Generator<Change[]> {
  const rng = new Rng(seed);
  const surnames = new WeightedPicker(SURNAMES);
  const now = systemClock.now();
  let counter = 0;
  const hlc = () => encodeHlc({ millis: now, counter: counter++ % 0xffff, device: 'hub' });
  let chunk: Change[] = [];
  const push = (change: Omit<Change, 'seq' | 'branchId' | 'hlc' | 'op'>) => {
    chunk.push({ ...change, seq: chunk.length + 1, branchId: BRANCH, op: 'upsert', hlc: hlc() });
  };
  for (let i = 0; i < clients; i++) {
    const female = rng.chance(0.5);
    const given = female ? GIVEN_FEMALE : GIVEN_MALE;
    const name = surnames.pick(rng) + rng.pick([...given]) + (rng.chance(0.7) ? rng.pick([...given]) : '');
    const id = uuidv7(now + i, rng.bytes);
    const birth = `19${rng.int(40, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const yuan = Math.round(Math.exp(rng.next() * 14)) * 100;
    push({
      table: 'clients',
      rowId: id,
      values: {
        client_no: `8${String(i).padStart(11, '0')}`,
        kind: 'individual',
        name,
        gender: female ? 'female' : 'male',
        birth_date: birth,
        id_type: 'resident_id',
        id_number: makeMainlandId('310115', birth, String(rng.int(100, 999))),
        mobile: `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        province: '上海',
        first_business_date: '2019-06-01',
        latest_assets_fen: yuan,
        latest_assets_date: '2026-10-31',
        created_at: new Date(now).toISOString(),
      },
    });
    const months = Array.from({ length: 12 }, (_, m) => ({
      month: `${m < 2 ? 2025 : 2026}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`,
      avgDailyFen: Math.round(yuan * (0.8 + rng.next() * 0.4)),
    }));
    push({ table: 'client_monthly_assets', rowId: monthlyAssetsRowId(id), values: { client_id: id, months: encodeMonths(months) } });
    for (let c = rng.int(0, 4); c > 0; c--) {
      const note = rng.pick(CONTACT_NOTES);
      push({
        table: 'contacts',
        rowId: uuidv7(now - rng.int(0, 3e10), rng.bytes),
        values: {
          client_id: id,
          at: new Date(now - rng.int(0, 3e10)).toISOString(),
          channel: note.channel,
          staff_name: '客户经理',
          content: note.content,
          result: note.result,
          flags: '[]',
        },
      });
    }
    if (rng.chance(0.5)) {
      const product = rng.pick(PRODUCTS);
      push({
        table: 'holdings',
        rowId: uuidv7(now, rng.bytes),
        values: {
          client_id: id,
          product_code: product.code,
          product_name: product.name,
          product_risk: product.risk,
          purchase_date: '2026-03-15',
          amount_fen: rng.int(1, 100) * 1_000_000,
        },
      });
    }
    if (rng.chance(0.33)) {
      push({
        table: 'term_deposits',
        rowId: uuidv7(now, rng.bytes),
        values: {
          client_id: id,
          amount_fen: rng.int(1, 50) * 1_000_000,
          rate: '1.75',
          start_date: '2025-12-01',
          maturity_date: '2026-12-01',
        },
      });
    }
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}
