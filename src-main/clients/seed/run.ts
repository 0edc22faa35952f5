import { AppError } from '../../../src-shared/contract/errors';
import type { Settings } from '../../../src-shared/contract';
import { type Clock, localDate } from '../../../src-shared/domain/clock';
import { appendAudit } from '../../audit/log';
import { createStaff } from '../../auth/staff';
import { loadSettings } from '../../settings/service';
import { deferIndexes, withBulkLoad } from '../../store/bulk-load';
import type { Store } from '../../store/open';
import { isEnrolled } from '../../sync/state';
import { seedDemoComplaints } from '../../complaints/demo';
import { seedDemoEvents } from '../../events/demo';
import { seedDemoSurveys } from '../../surveys/demo';
import { withBulkWriter } from '../bulk';
import { DemoArchive, demoClientNo, MAX_SEED, type Manager, type SeedPolicy } from './generate';
import { applyCalls, WorkerSource } from './generator-thread';
import type { SeedCall, SeedWorkerData } from './worker';

export interface SeedOptions {
  clients: number;
  seed: number;
  /** Called every few thousand clients with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Cancelling rolls the whole seeding back: nothing half-seeded stays. */
  signal?: AbortSignal;
  /** Who asked, for the audit log. */
  actor: string;
}

export interface SeedReport {
  clients: number;
  seconds: number;
  firstClientNo: string;
  lastClientNo: string;
}

const CHUNK = 2_000;
// Below this a worker thread costs more to start than it saves.
const WORKER_MIN_CLIENTS = 20_000;
const SEED_CACHE_KIB = 1024 * 1024;
const SEEDED_TABLES = [
  'clients',
  'client_monthly_assets',
  'holdings',
  'term_deposits',
  'large_transactions',
  'risk_assessments',
  'contacts',
  'points_ledger',
  'referrals',
];
const MANAGER_NAMES = ['周晓明', '林嘉怡', '郑国强', '许婉婷', '冯志远', '曹雅琴', '彭子健', '何静怡'];

/**
 * Seeds a realistic, deterministic demo archive (same seed, same day → same data) through the archive's bulk
 * writer, in one transaction. Everything it writes is demo data (DESIGN.md): marked, kept out of the outbox, removed
 * whole by `admin demo remove`; and it never goes into a workstation enrolled with a hub, whose branch would get it.
 * Relationship managers are created as demo staff accounts with unusable random passwords (an administrator sets
 * real ones); they are shared by every seed run.
 */
export async function seedDemoClients(store: Store, clock: Clock, options: SeedOptions): Promise<SeedReport> {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > MAX_SEED) {
    throw new AppError('VALIDATION', 'errors.seed.bad_seed', `the seed must be a whole number from 0 to ${MAX_SEED}`);
  }
  if (!Number.isInteger(options.clients) || options.clients < 1 || options.clients > 9_999_999) {
    throw new AppError('VALIDATION', 'errors.seed.bad_count', 'the number of clients must be from 1 to 9,999,999');
  }
  if (await isEnrolled(store.db)) {
    throw new AppError('CONFLICT', 'errors.seed.enrolled', 'this workstation is enrolled with a hub: demo data would reach head office');
  }
  const first = demoClientNo(options.seed, 0);
  const taken = await store.db.selectFrom('clients').select('id').where('client_no', '=', first).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', 'errors.seed.already_seeded', `seed ${options.seed} is already in this archive`);

  const started = performance.now();
  const managers = await ensureManagers(store, clock);
  // Demo clients are placed by the tier and lifecycle lines in force, like every other client.
  const policy = pick(await loadSettings(store.db), clock);

  const todayMs = Date.parse(new Date(clock.now()).toISOString().slice(0, 10));
  await withBulkLoad(store, SEED_CACHE_KIB, (db) =>
    // One transaction; the awaits between chunks let a cancel (Ctrl-C) arrive, and a cancel keeps nothing.
    withBulkWriter(
      store,
      clock,
      async (writer, trx) => {
        // Into an empty archive, the secondary indexes are built once at the end (see deferIndexes).
        const empty = !(await trx.selectFrom('clients').select('id').limit(1).executeTakeFirst());
        const buildIndexes = empty ? deferIndexes(store.raw, SEEDED_TABLES) : () => {};
        const data: SeedWorkerData = { seed: options.seed, todayMs, managers, idKey: writer.idKey, policy };
        let source = options.clients >= WORKER_MIN_CLIENTS ? WorkerSource.start(data, options.clients, CHUNK) : null;
        const archive = new DemoArchive(options.seed, todayMs, managers, policy);
        try {
          for (let done = 0; done < options.clients;) {
            const n = Math.min(CHUNK, options.clients - done);
            let calls: SeedCall[] | null = null;
            if (source) {
              try {
                calls = await source.next();
              } catch (err) {
                if (done > 0) throw err;
                // The worker could not start: generate on this thread instead (nothing is written yet).
                await source.stop();
                source = null;
              }
            }
            if (calls) applyCalls(writer, calls);
            else for (let k = 0; k < n; k++) archive.next(writer);
            done += n;
            if (done < options.clients) options.onProgress?.(done, options.clients);
            await new Promise((resolve) => setImmediate(resolve));
            if (options.signal?.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'seeding cancelled; nothing was kept');
          }
        } finally {
          await source?.stop();
        }
        buildIndexes();
        await appendAudit(trx, clock, { staffId: null, staffLogin: options.actor, method: 'admin.seed', targetIds: [first] });
        // A branch's year of complaints, about some of these clients: about one case for every 25 clients.
        const complainants = await trx
          .selectFrom('clients')
          .select('id')
          .where('demo', '=', 1)
          .where('client_no', '>=', first)
          .orderBy('client_no')
          .limit(500)
          .execute();
        await seedDemoComplaints(trx, store, clock, {
          cases: demoComplaintCount(options.clients),
          seed: options.seed,
          actor: options.actor,
          clientIds: complainants.map((c) => c.id),
        });
        // A year of the branch's salons and lectures with their guests, and one salon coming up.
        await seedDemoEvents(trx, store, clock, { seed: options.seed, actor: options.actor });
        // A year of satisfaction surveys after visits, callbacks, those events and the closed cases.
        await seedDemoSurveys(trx, store, clock, { seed: options.seed, actor: options.actor });
      },
      db,
      true,
    ),
  );
  options.onProgress?.(options.clients, options.clients);
  return {
    clients: options.clients,
    seconds: (performance.now() - started) / 1000,
    firstClientNo: first,
    lastClientNo: demoClientNo(options.seed, options.clients - 1),
  };
}

/** Demo cases for a demo archive of this many clients: one for every 25, from 4 to 120. */
export function demoComplaintCount(clients: number): number {
  return Math.min(120, Math.max(4, Math.round(clients / 25)));
}

async function ensureManagers(store: Store, clock: Clock): Promise<Manager[]> {
  const managers: Manager[] = [];
  for (const [i, displayName] of MANAGER_NAMES.entries()) {
    const login = `rm${String(i + 1).padStart(2, '0')}`;
    const existing = await store.db.selectFrom('staff').select(['id', 'display_name']).where('login', '=', login).executeTakeFirst();
    if (existing) {
      managers.push({ id: existing.id, displayName: existing.display_name });
      continue;
    }
    const staff = await store.db.transaction().execute(async (trx) => {
      // No password anyone could sign in with: an administrator sets one for a training session.
      const created = await createStaff(trx, clock, { login, displayName, roles: ['counter'], credentials: null, demo: true });
      await appendAudit(trx, clock, { staffId: null, staffLogin: 'seed', method: 'admin.seed.staff', targetIds: [created.id] });
      return created;
    });
    managers.push({ id: staff.id, displayName });
  }
  return managers;
}

/**
 * The lines a client's standing is computed from and the contact cadences, with today: settings are themselves a
 * tier, lifecycle and reminder policy, and plain data the generating thread can be sent.
 */
function pick(settings: Settings, clock: Clock): SeedPolicy {
  return { ...settings, today: localDate(clock.now(), settings.timeZone) };
}
