import { AppError } from '../../../src-shared/contract/errors';
import type { Clock } from '../../../src-shared/domain/clock';
import { uuidv7 } from '../../../src-shared/domain/ids';
import { DEFAULT_REFERRAL_POLICY } from '../../../src-shared/domain/points';
import { appendAudit } from '../../audit/log';
import { createStaff } from '../../auth/staff';
import type { Store } from '../../store/open';
import { withBulkWriter } from '../bulk';
import { demoClientNo, generateClient, MAX_SEED, type Manager } from './generate';
import { Rng } from './random';

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
const SEED_CACHE_KIB = 1024 * 1024;
const MANAGER_NAMES = ['周晓明', '林嘉怡', '郑国强', '许婉婷', '冯志远', '曹雅琴', '彭子健', '何静怡'];

/**
 * Seeds a realistic, deterministic demo archive (same seed, same day → same data) through the archive's bulk
 * writer, in one transaction. Relationship managers are created as staff accounts with unusable random passwords
 * (an administrator sets real ones); they are shared by every seed run.
 */
export async function seedDemoClients(store: Store, clock: Clock, options: SeedOptions): Promise<SeedReport> {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > MAX_SEED) {
    throw new AppError('VALIDATION', 'errors.seed.bad_seed', `the seed must be a whole number from 0 to ${MAX_SEED}`);
  }
  if (!Number.isInteger(options.clients) || options.clients < 1 || options.clients > 9_999_999) {
    throw new AppError('VALIDATION', 'errors.seed.bad_count', 'the number of clients must be from 1 to 9,999,999');
  }
  const first = demoClientNo(options.seed, 0);
  const taken = await store.db.selectFrom('clients').select('id').where('client_no', '=', first).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', 'errors.seed.already_seeded', `seed ${options.seed} is already in this archive`);

  const started = performance.now();
  const managers = await ensureManagers(store, clock);

  const rng = new Rng(options.seed * 7919 + 17);
  const todayMs = Date.parse(new Date(clock.now()).toISOString().slice(0, 10));
  // A big page cache while seeding: index inserts at 200k clients otherwise miss the cache and decrypt pages.
  const cacheBefore = store.raw.pragma('cache_size', { simple: true }) as number;
  store.raw.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  // One transaction; the awaits between chunks let a cancel (Ctrl-C) arrive, and a cancel keeps nothing.
  try {
    await withBulkWriter(store, clock, async (writer, trx) => {
      const ids: string[] = [];
      for (let i = 0; i < options.clients; i++) {
        ids.push(generateClient(writer, rng, options.seed, i, todayMs, managers));
        // Referrals (002): about one client in fifty came through an earlier one; both earn points, never cash.
        if (i > 10 && rng.chance(0.02)) {
          const referrer = ids[rng.int(0, i - 1)] ?? ids[0]!;
          const referee = ids[i]!;
          const at = new Date(todayMs - rng.int(1, 300) * 86_400_000).toISOString();
          const referralId = uuidv7(Date.parse(at), rng.bytes);
          const points = DEFAULT_REFERRAL_POLICY.pointsEach;
          writer.referral({ id: referralId, referrerId: referrer, refereeId: referee, at, pointsEach: points });
          for (const clientId of [referrer, referee]) {
            writer.points({
              id: uuidv7(Date.parse(at), rng.bytes),
              clientId,
              kind: 'earned',
              points,
              reason: 'referral',
              refId: referralId,
              at,
            });
          }
        }
        if ((i + 1) % CHUNK === 0) {
          options.onProgress?.(i + 1, options.clients);
          await new Promise((resolve) => setImmediate(resolve));
          if (options.signal?.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'seeding cancelled; nothing was kept');
        }
      }
      await appendAudit(trx, clock, { staffId: null, staffLogin: options.actor, method: 'admin.seed', targetIds: [first] });
    });
  } finally {
    store.raw.pragma(`cache_size = ${cacheBefore}`);
  }
  options.onProgress?.(options.clients, options.clients);
  return {
    clients: options.clients,
    seconds: (performance.now() - started) / 1000,
    firstClientNo: first,
    lastClientNo: demoClientNo(options.seed, options.clients - 1),
  };
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
      const created = await createStaff(trx, clock, { login, displayName, roles: ['counter'], password: crypto.randomUUID() });
      await appendAudit(trx, clock, { staffId: null, staffLogin: 'seed', method: 'admin.seed.staff', targetIds: [created.id] });
      return created;
    });
    managers.push({ id: staff.id, displayName });
  }
  return managers;
}
