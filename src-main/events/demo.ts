import { sql, type Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { EventPlan } from '../../src-shared/contract/events';
import { localDate, wallTimeToMs } from '../../src-shared/domain/clock';
import type { EventType, InvitationChannel } from '../../src-shared/domain/events';
import type { AppCore } from '../app';
import { appendAudit } from '../audit/log';
import { AtClock, demoCore } from '../demo/at-clock';
import { logContact } from '../clients/contacts';
import { ClientRederiver } from '../clients/rederive';
import { addImportantDate } from '../clients/enrichment';
import { Rng } from '../clients/seed/random';
import { loadSettings } from '../settings/service';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';
import { checkIn } from './checkin';
import { addGuest, answer, invite, told } from './guests';
import { saveEvent, takeEventStep } from './plan';

type Trx = Transaction<Database>;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A branch's year of events (DOMAIN.md §6, the seeds' action plan): what they were about, and how big. */
const PAST: {
  daysAgo: number;
  type: EventType;
  title: string;
  venue: string;
  capacity: number;
  perHeadFen: number;
  guests: number;
  speakers: string;
}[] = [
  {
    daysAgo: 320,
    type: 'salon',
    title: '贵金属市场展望沙龙',
    venue: '三楼贵宾室',
    capacity: 30,
    perHeadFen: 15_000,
    guests: 44,
    speakers: '总行贵金属团队',
  },
  {
    daysAgo: 265,
    type: 'lecture',
    title: '养老规划与个人养老金讲座',
    venue: '一楼大厅',
    capacity: 40,
    perHeadFen: 8_000,
    guests: 55,
    speakers: '外聘理财规划师',
  },
  {
    daysAgo: 200,
    type: 'gathering',
    title: 'VIP 客户中秋联谊会',
    venue: '城东会所',
    capacity: 25,
    perHeadFen: 30_000,
    guests: 32,
    speakers: '支行行长',
  },
  {
    daysAgo: 140,
    type: 'salon',
    title: '基金定投策略沙龙',
    venue: '三楼贵宾室',
    capacity: 30,
    perHeadFen: 12_000,
    guests: 40,
    speakers: '基金公司投资经理',
  },
  {
    daysAgo: 75,
    type: 'visit',
    title: '走进合作企业：新能源工厂参观',
    venue: '开发区新能源产业园',
    capacity: 20,
    perHeadFen: 25_000,
    guests: 26,
    speakers: '企业讲解员',
  },
  {
    daysAgo: 30,
    type: 'lecture',
    title: '防范电信诈骗与个人信息保护讲座',
    venue: '一楼大厅',
    capacity: 40,
    perHeadFen: 5_000,
    guests: 48,
    speakers: '辖区民警',
  },
];

const CHANNELS: InvitationChannel[] = ['phone', 'phone', 'phone', 'wechat', 'wechat', 'sms', 'counter', 'letter'];

export interface DemoEventsOptions {
  seed: number;
  actor: string;
}

/**
 * Demo events for a demo archive: six past ones over the year — planned, opened, invitations by the relationship
 * managers through the real workflow (each also a contact), answers, the waitlist, the day's arrivals and a walk-in
 * or two, sales and follow-ups recorded against them, the actual cost — and one salon a fortnight ahead, open for
 * invitations. Every event is marked demo and names demo clients: none leaves the workstation.
 */
export async function seedDemoEvents(trx: Trx, store: Store, clock: { now(): number }, options: DemoEventsOptions): Promise<number> {
  const settings = await loadSettings(trx);
  const at = new AtClock(clock.now());
  const app = demoCore(store, settings, at);
  const staff = await demoStaff(trx);
  if (staff.length === 0) return 0;
  const pool = await trx
    .selectFrom('clients')
    .select(['id', 'manager_id'])
    .where('demo', '=', 1)
    .where('tier', 'in', ['vip', 'potential'])
    .where('do_not_disturb', '=', 0)
    .where('marketing_consent', '=', 1)
    .orderBy('client_no')
    .limit(600)
    .execute();
  if (pool.length < 10) return 0;
  const rng = new Rng(options.seed * 104_729 + 7);
  const now = clock.now();
  const byId = new Map(staff.map((s) => [s.id, s]));
  const inviterOf = (client: { manager_id: string | null }) =>
    (client.manager_id ? byId.get(client.manager_id) : undefined) ?? rng.pick(staff);

  let made = 0;
  for (const e of PAST) {
    const day = now - e.daysAgo * DAY_MS;
    const startsAt = afternoon(day, settings.timeZone);
    const guests = rng.sample(pool, Math.min(e.guests, pool.length));
    const walkIns = rng.sample(
      pool.filter((c) => !guests.includes(c)),
      2,
    );
    await runEvent(trx, app, at, rng, staff[0]!, {
      ...e,
      startsAt,
      guestList: guests,
      walkIns,
      inviterOf,
      until: now,
    });
    made++;
  }

  // A fortnight ahead: a salon open for invitations, a third of the list called so far.
  at.at = now - 5 * DAY_MS;
  const startsAt = afternoon(now + 16 * DAY_MS, settings.timeZone);
  const plan = planOf(
    { type: 'salon', title: '新年贵金属投资策略沙龙', venue: '三楼贵宾室', capacity: 20, perHeadFen: 15_000, speakers: '总行贵金属团队' },
    startsAt,
  );
  const upcoming = await saveEvent(trx, app, staff[0]!, null, plan, { demo: true });
  at.at += DAY_MS;
  await takeEventStep(trx, app, staff[0]!, upcoming, 'draft', 'opened', null);
  const list = rng.sample(pool, Math.min(28, pool.length));
  for (const [i, client] of list.entries()) {
    at.at += 10 * 60_000;
    const guestId = await addGuest(trx, app, staff[0]!, upcoming, client.id, null);
    if (i % 3 !== 0) continue;
    at.at = Math.min(at.at + rng.int(1, 6) * HOUR_MS, now);
    const said = rng.pick(['accepted', 'accepted', 'accepted', 'declined', 'no_answer'] as const);
    await invite(trx, app, inviterOf(client), { guestId, channel: rng.pick(CHANNELS), answer: said, note: null });
  }
  made++;
  // Each invitation and sale was a contact, rederived as of its own day: bring every client they name to today.
  const touched = await trx
    .selectFrom('contacts')
    .select('client_id')
    .distinct()
    .where('event_id', 'in', trx.selectFrom('events').select('id').where('demo', '=', 1))
    .execute();
  const derived = new ClientRederiver(store.raw, settings, localDate(now, settings.timeZone));
  for (const t of touched) derived.touch(t.client_id);
  derived.finish();
  await appendAudit(trx, clock, { staffId: null, staffLogin: options.actor, method: 'admin.seed.events', targetIds: [`events:${made}`] });
  return made;
}

/** Two in the afternoon of that day, in the branch's zone: when salons start. */
function afternoon(ms: number, timeZone: string): number {
  return wallTimeToMs(`${localDate(ms, timeZone)} 14:00`, timeZone) ?? ms;
}

function planOf(
  e: { type: EventType; title: string; venue: string; capacity: number; perHeadFen: number; speakers: string },
  startsAt: number,
): EventPlan {
  return {
    title: e.title,
    type: e.type,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 2.5 * HOUR_MS).toISOString(),
    venue: e.venue,
    capacity: e.capacity,
    segment: {
      tiers: ['vip', 'potential'],
      interests: [],
      productRisks: [],
      product: null,
      ageBands: [],
      lifecycles: [],
      managerId: null,
      contactedWithinDays: null,
      notContactedDays: null,
      notInvitedDays: null,
    },
    costPerHeadFen: e.perHeadFen,
    costTotalFen: e.perHeadFen * e.capacity,
    actualCostFen: null,
    host: '个人金融部',
    speakers: e.speakers,
    description: null,
  };
}

type Client = { id: string; manager_id: string | null };

/** One past event, from planning three weeks ahead to its review a week after, each step at the time it was taken. */
async function runEvent(
  trx: Trx,
  app: AppCore,
  at: AtClock,
  rng: Rng,
  planner: Staff,
  e: (typeof PAST)[number] & {
    startsAt: number;
    guestList: Client[];
    walkIns: Client[];
    inviterOf: (c: Client) => Staff;
    until: number;
  },
) {
  at.at = e.startsAt - 21 * DAY_MS;
  const plan = planOf(e, e.startsAt);
  const id = await saveEvent(trx, app, planner, null, plan, { demo: true });
  at.at += HOUR_MS;
  await takeEventStep(trx, app, planner, id, 'draft', 'opened', null);
  const guestIds: { guestId: string; client: Client }[] = [];
  for (const client of e.guestList) {
    at.at += 5 * 60_000;
    guestIds.push({ guestId: await addGuest(trx, app, planner, id, client.id, null), client });
  }
  // Invitations over the following two weeks, in a random order; answers mostly on the spot.
  const accepted: { guestId: string; client: Client }[] = [];
  for (const g of rng.sample(guestIds, guestIds.length)) {
    at.at = Math.min(at.at + rng.int(20, 300) * 60_000, e.startsAt - 3 * DAY_MS);
    const said = rng.pick(['accepted', 'accepted', 'accepted', 'accepted', 'declined', 'declined', 'no_answer'] as const);
    await invite(trx, app, e.inviterOf(g.client), { guestId: g.guestId, channel: rng.pick(CHANNELS), answer: said, note: null });
    if (said === 'accepted') accepted.push(g);
  }
  // A few who accepted cannot come after all: the next in line moves up, and is told.
  for (const g of accepted.slice(0, 2)) {
    at.at += 2 * HOUR_MS;
    await answer(trx, app, e.inviterOf(g.client), g.guestId, 'withdrew', '临时有事');
  }
  at.at = Math.max(at.at, e.startsAt - 2 * DAY_MS);
  await takeEventStep(trx, app, planner, id, 'open', 'closed', null);
  const moved = await trx
    .selectFrom('event_guests')
    .select(['id', 'inviter_id'])
    .where('event_id', '=', id)
    .where('notice', '=', 'moved_up')
    .execute();
  for (const m of moved) {
    at.at += HOUR_MS;
    await told(trx, app, { ...planner, id: m.inviter_id ?? planner.id }, m.id, '已电话告知有座');
  }

  // The day: most of the seated come, a walk-in or two.
  at.at = e.startsAt - 20 * 60_000;
  const seated = await trx
    .selectFrom('event_guests')
    .select(['id', 'client_id'])
    .where('event_id', '=', id)
    .where('state', '=', 'seated')
    .execute();
  const came: string[] = [];
  for (const g of seated) {
    if (!rng.chance(0.85)) continue;
    at.at += rng.int(10, 90) * 1000;
    await checkIn(trx, app, planner, { eventId: id, guestId: g.id, clientId: null, code: null });
    came.push(g.client_id);
  }
  for (const w of e.walkIns) {
    at.at += 60_000;
    await checkIn(trx, app, planner, { eventId: id, guestId: null, clientId: w.id, code: null });
    came.push(w.id);
  }
  at.at = e.startsAt + 3 * HOUR_MS;
  await takeEventStep(trx, app, planner, id, 'closed', 'held', null);
  // What the event brought: facts learnt, sales and follow-ups recorded against it by the relationship managers.
  for (const clientId of came) {
    const manager = e.inviterOf({ id: clientId, manager_id: (await managerOf(trx, clientId)) ?? null });
    at.at += rng.int(5, 40) * 60_000;
    // Learnt at the salon (新信息获取): a child's exam or a wedding anniversary staff did not know of.
    if (rng.chance(0.2)) {
      const date = localDate(at.at + rng.int(30, 300) * DAY_MS, app.settings.timeZone);
      await addImportantDate(trx, at, {
        clientId,
        kind: rng.pick(['child_milestone', 'wedding_anniversary'] as const),
        date,
        lunar: false,
        label: '沙龙交流获知',
      });
    }
    if (rng.chance(0.25)) await eventContact(trx, app, manager, clientId, id, rng, at.at);
  }
  // The relationship managers followed up everyone who came, but for the latest event's last few.
  const owed = await trx
    .selectFrom('event_guests')
    .select(['id', 'notice_for'])
    .where('event_id', '=', id)
    .where('notice', '=', 'follow_up')
    .execute();
  const recent = e.startsAt + 30 * DAY_MS > e.until;
  for (const [i, g] of owed.entries()) {
    if (recent && i >= owed.length - 3) break;
    at.at = e.startsAt + rng.int(1, 5) * DAY_MS;
    await told(trx, app, { ...planner, id: g.notice_for ?? planner.id }, g.id, '已回访');
  }
  at.at = e.startsAt + DAY_MS;
  await saveEvent(trx, app, planner, id, { ...plan, actualCostFen: Math.round(e.perHeadFen * came.length * (0.8 + rng.next() * 0.4)) });
  if (e.startsAt + 7 * DAY_MS < e.until) {
    at.at = e.startsAt + 7 * DAY_MS;
    await takeEventStep(trx, app, planner, id, 'held', 'reviewed', null);
  }
}

async function managerOf(trx: Trx, clientId: string): Promise<string | null> {
  const row = await trx.selectFrom('clients').select('manager_id').where('id', '=', clientId).executeTakeFirst();
  return row?.manager_id ?? null;
}

/** A follow-up, or a sale where the client's assessment allows the product (a refused one is simply not made). */
async function eventContact(trx: Trx, app: AppCore, staff: Staff, clientId: string, eventId: string, rng: Rng, at: number) {
  const today = localDate(at, app.settings.timeZone);
  const sale = rng.chance(0.5);
  const base = { clientId, channel: 'event' as const, result: null, correctsId: null, reminderKey: null, eventId };
  try {
    await logContact(trx, app.clock, app.settings, today, staff, {
      ...base,
      content: sale ? '活动现场认购积存金' : '对活动介绍的产品有兴趣，约下周面谈',
      followUp: sale
        ? null
        : { product: rng.pick(['积存金', '实物金条', '养老理财', '基金定投']), due: localDate(at + 7 * DAY_MS, app.settings.timeZone) },
      recommendation: sale
        ? {
            productName: '积存金',
            productRisk: 'R1',
            isSale: true,
            dualRecordingRef: `SL${today.replace(/-/g, '')}${rng.int(100, 999)}`,
            clientConfirmedAboveLevel: false,
            elderlyWarningConfirmed: true,
          }
        : null,
    });
  } catch (error) {
    // The suitability rules refuse a sale to a client without a valid assessment: the demo makes none then.
    if (!(error instanceof AppError)) throw error;
  }
}

/** The demo relationship managers (seeding made them): they invite their own clients. */
async function demoStaff(trx: Trx): Promise<Staff[]> {
  const rows = await trx
    .selectFrom('staff')
    .select(['id', 'login', 'display_name'])
    .where('demo', '=', 1)
    .where(sql<boolean>`login LIKE 'rm%'`)
    .orderBy('login')
    .execute();
  return rows.map((r) => ({ id: r.id, login: r.login, displayName: r.display_name, roles: ['counter'] }));
}
