import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/contract/errors';
import type { Segment } from '../../src-shared/contract/events';
import { systemClock } from '../../src-shared/domain/clock';
import { AGE_BANDS } from '../../src-shared/domain/events';
import { seedDemoClients } from '../../src-main/clients/seed/run';
import { Rng } from '../../src-main/clients/seed/random';
import { MAX_SEGMENT_ADD } from '../../src-main/events/guests';
import { generateKey } from '../../src-main/store/key';
import { openStore } from '../../src-main/store/open';
import { createWorkstation } from '../../src-main/workstation';
import { percentiles } from './stats';

export interface EventsBenchOptions {
  clients: number;
  seed: number;
  /** Timed calls per figure. */
  queries: number;
  workDir: string;
  log: (message: string) => void;
}

/** Interests the demo archive gives its clients (clients/seed/names.ts), the ones a salon is planned around. */
const INTERESTS = ['贵金属', '基金定投', '养老规划', '子女教育', '健康养生'];

/** A list the size a branch's salon invites from: big enough that the fold and the door's search see real work. */
const GUEST_LIST = 300;

/**
 * Issue 11's figures on the encrypted store holding N demo clients (with the demo events the seed makes): a segment's
 * live count (tier, interest, age band, contact recency) p95, the door's search on an event of ~300 guests p95, and
 * an acceptance through the whole call path (router, transaction, fold, outbox, audit) p95. Demo clients go to demo
 * events only, so every figure is taken on the demo salon the seed leaves open for invitations.
 */
export async function benchEvents(options: EventsBenchOptions) {
  fs.mkdirSync(options.workDir, { recursive: true });
  const file = path.join(options.workDir, 'bench-events.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const key = generateKey();
  let store = await openStore({ path: file, key, create: true });
  options.log(`seeding ${options.clients} clients (and the demo events)…`);
  const seeded = await seedDemoClients(store, systemClock, {
    clients: options.clients,
    seed: options.seed,
    actor: 'bench',
    onProgress: (done, total) => {
      if (done % 20_000 === 0) options.log(`  ${done} / ${total}`);
    },
  });
  await store.close();

  // Reopened as a workstation starts in the morning.
  store = await openStore({ path: file, key });
  const raw = store.raw;
  const workstation = await createWorkstation(store, systemClock, { log: () => undefined });
  const call = async <M extends MethodName>(channel: string, method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const res = (await workstation.router(channel, method, input)) as Envelope<OutputOf<M>>;
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value;
  };
  await call('manager', 'auth.setupFirstAdmin', { login: 'admin', displayName: '王建国', password: 'bench-pass-2026' });
  // The event coordinator who builds the list and takes the answers.
  await call('manager', 'staff.create', { login: 'zhou.li', displayName: '周丽', roles: ['events'], password: 'bench-pass-2026' });
  await call('coordinator', 'auth.signIn', { login: 'zhou.li', password: 'bench-pass-2026' });

  const eventId = raw.prepare("SELECT id FROM events WHERE demo = 1 AND status = 'open' ORDER BY starts_on LIMIT 1").pluck().get() as
    string | undefined;
  if (eventId === undefined) throw new Error('the demo seed left no open demo event');
  const rng = new Rng(options.seed * 7919 + 11);

  options.log('timing segment counts…');
  const segment = (s: Partial<Segment>): InputOf<'events.segmentCount'>['segment'] => s;
  const counts: number[] = [];
  const matching: number[] = [];
  for (let i = 0; i < options.queries; i++) {
    const days = rng.int(30, 180);
    const s = segment({
      tiers: [rng.pick(['vip', 'potential'] as const)],
      interests: [rng.pick(INTERESTS)],
      ageBands: [rng.pick(AGE_BANDS)],
      ...(rng.chance(0.5) ? { notContactedDays: days } : { contactedWithinDays: days }),
    });
    const t0 = performance.now();
    const result = await call('coordinator', 'events.segmentCount', { eventId, segment: s });
    counts.push(performance.now() - t0);
    matching.push(result.matching);
  }

  // The list: the segment nearest ~300 eligible clients, added in one call (as the coordinator does from the plan).
  options.log('building a guest list of ~300…');
  const candidates: Partial<Segment>[] = [{ tiers: ['vip', 'potential'] }];
  for (const interest of INTERESTS) {
    candidates.push({ tiers: ['vip', 'potential'], interests: [interest] });
    for (const band of AGE_BANDS) candidates.push({ tiers: ['vip', 'potential'], interests: [interest], ageBands: [band] });
  }
  let best: { segment: Partial<Segment>; eligible: number } | null = null;
  for (const c of candidates) {
    const { eligible } = await call('coordinator', 'events.segmentCount', { eventId, segment: segment(c) });
    if (eligible > MAX_SEGMENT_ADD) continue;
    if (best === null || Math.abs(eligible - GUEST_LIST) < Math.abs(best.eligible - GUEST_LIST)) best = { segment: c, eligible };
  }
  if (best === null) throw new Error('no candidate segment fits on one list');
  const added = await call('coordinator', 'events.addSegment', { eventId, segment: segment(best.segment) });

  const guests = raw
    .prepare(
      `SELECT g.id, c.name, c.initials, c.mobile_tail AS tail FROM event_guests g JOIN clients c ON c.id = g.client_id
       WHERE g.event_id = ? ORDER BY g.updated_hlc`,
    )
    .all(eventId) as { id: string; name: string; initials: string; tail: string | null }[];
  // Strangers from the archive, picked by rowid: holding all N rows would put GC pauses into the timings.
  const maxRowid = raw.prepare('SELECT max(rowid) FROM clients').pluck().get() as number;
  const byRowid = raw.prepare(
    'SELECT name, initials, mobile_tail AS tail FROM clients WHERE rowid >= ? AND demo = 1 ORDER BY rowid LIMIT 1',
  );
  const stranger = () => byRowid.get(rng.int(1, maxRowid)) as { name: string; initials: string; tail: string | null } | undefined;

  options.log('timing the door’s search…');
  type Kind = 'name' | 'initials' | 'tail';
  const kinds: Kind[] = ['name', 'initials', 'tail'];
  const searchQueries: { kind: Kind; stranger: boolean; q: string }[] = [];
  for (let i = 0; i < options.queries; i++) {
    // Two in three are guests at the door; the rest strangers the archive may know (walk-ins).
    const archived = i % 3 === 2 ? stranger() : undefined;
    const who = archived ?? rng.pick(guests);
    // Every kind for guests and strangers alike (a stranger's phone tail searches the list only, never the archive).
    const kind = kinds[Math.floor(i / 3) % kinds.length]!;
    const q = kind === 'name' ? who.name : kind === 'initials' ? who.initials : who.tail;
    if (q) searchQueries.push({ kind, stranger: archived !== undefined, q });
  }
  const search: number[] = [];
  const searchByKind: Record<Kind, number[]> = { name: [], initials: [], tail: [] };
  const strangers: number[] = [];
  let searchHits = 0;
  for (const { kind, stranger: walkIn, q } of searchQueries) {
    const t0 = performance.now();
    const result = await call('coordinator', 'events.checkinSearch', { eventId, query: q });
    const ms = performance.now() - t0;
    search.push(ms);
    searchByKind[kind].push(ms);
    if (walkIn) strangers.push(ms);
    if (result.guests.length + result.archive.length > 0) searchHits++;
  }

  options.log('inviting the list, then timing acceptances…');
  const listed = raw
    .prepare("SELECT id FROM event_guests WHERE event_id = ? AND state = 'listed' ORDER BY updated_hlc LIMIT ?")
    .pluck()
    .all(eventId, options.queries) as string[];
  for (const guestId of listed) await call('coordinator', 'events.invite', { guestId, channel: 'phone', answer: null });
  const accept: number[] = [];
  for (const guestId of listed) {
    const t0 = performance.now();
    await call('coordinator', 'events.answer', { guestId, answer: 'accepted' });
    accept.push(performance.now() - t0);
  }
  const after = (await call('coordinator', 'events.guests', { eventId, view: 'all', limit: 1 })).counts;
  const outbox = raw.prepare("SELECT count(*) FROM outbox WHERE table_name LIKE 'event%'").pluck().get() as number;
  const bytes = fs.statSync(file).size;
  await workstation.stop();
  await store.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

  return {
    clients: options.clients,
    seed_seconds: Math.round(seeded.seconds * 10) / 10,
    database_mb: Math.round(bytes / 1e5) / 10,
    segment_count: {
      ...percentiles(counts),
      matching_min: Math.min(...matching),
      matching_max: Math.max(...matching),
      empty: matching.filter((m) => m === 0).length,
    },
    checkin_search: {
      ...percentiles(search),
      by_kind: {
        name: percentiles(searchByKind.name),
        initials: percentiles(searchByKind.initials),
        tail: percentiles(searchByKind.tail),
      },
      strangers: percentiles(strangers),
      with_hits: searchHits,
      guests: guests.length,
      list_segment: best.segment,
      added: added.added,
    },
    // Demo events keep their rows off the outbox: the count says so (0 expected).
    accept: { ...percentiles(accept), seated: after.seated, waitlisted: after.waitlisted, event_outbox_records: outbox },
  };
}
