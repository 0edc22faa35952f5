import { deriveClient } from '../../../src-shared/domain/client-derived';
import { localDates, midnightOf } from '../../../src-shared/domain/clock';
import { makeMainlandId } from '../../../src-shared/domain/id-number';
import type { LifecyclePolicy } from '../../../src-shared/domain/lifecycle';
import { cadenceDaysOf, CONVERSATION_CHANNELS, type ReminderPolicy } from '../../../src-shared/domain/reminders';
import { computeTier, type Tier, type TierPolicy } from '../../../src-shared/domain/tier';
import { uuidv7 } from '../../../src-shared/domain/ids';
import { DEFAULT_REFERRAL_POLICY } from '../../../src-shared/domain/points';
import type { ClientBulkWriter } from '../bulk';
import type { ClientDerived, ClientMaster, MonthlyAssets } from '../master';
import { CONTACT_NOTES, GIVEN_FEMALE, GIVEN_MALE, INTERESTS, OCCUPATIONS, PRODUCTS, PROVINCES, SURNAMES } from './names';
import { Rng, WeightedPicker } from './random';

/** Where generated rows go: the bulk writer, or a batch bound for the writing thread (see seed/worker.ts). */
export type SeedSink = Pick<
  ClientBulkWriter,
  'monthly' | 'assessment' | 'holding' | 'deposit' | 'largeTransaction' | 'contact' | 'referral' | 'points'
> & {
  client(m: ClientMaster, d: ClientDerived): void;
};

export interface Manager {
  id: string;
  displayName: string;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '158',
  '159',
  '177',
  '180',
  '182',
  '186',
  '187',
  '188',
  '189',
  '199',
];
const RISK_LEVELS = new WeightedPicker<string>([
  ['C1', 10],
  ['C2', 30],
  ['C3', 35],
  ['C4', 18],
  ['C5', 7],
]);
const surnames = new WeightedPicker(SURNAMES);
const GIVEN = { male: [...GIVEN_MALE], female: [...GIVEN_FEMALE] };
const COMPANY_WORDS = ['恒信', '华盛', '鼎泰', '远航', '嘉禾', '瑞丰'];
const COMPANY_TRADES = ['贸易', '科技', '实业', '餐饮'];
const INCOME_BANDS = ['<10万', '10-30万', '30-50万', '50-100万', '>100万'];
const CHANNELS = ['phone', 'wechat', 'counter', 'sms'];
const RATES = ['1.45', '1.75', '2.00'];
const TERMS_YEARS = [1, 2, 3];
/** Products a client may hold, by the client's risk level (C1…C5): never above it. */
const PRODUCTS_UP_TO_RISK = [0, 1, 2, 3, 4, 5].map((max) => PRODUCTS.filter((p) => Number(p.risk.slice(1)) <= max));
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** What a VIP's deep contact and a potential's needs survey take: a conversation at the counter, by phone, on a visit. */
const CONVERSATION_NOTES = CONTACT_NOTES.filter((n) => n.channel !== 'event' && CONVERSATION_CHANNELS.includes(n.channel));
/** An ordinary client's service reminder: a message, a call or a word at the counter. */
const SERVICE_NOTES = CONTACT_NOTES.filter((n) => ['sms', 'wechat', 'phone', 'counter'].includes(n.channel));

/**
 * Demo client numbers start with 9 and carry the seed: `9` + seed (6 digits) + sequence (7 digits), so archives
 * seeded with different seeds never collide and none collides with a real (head-office) number.
 */
export function demoClientNo(seed: number, index: number): string {
  return `9${String(seed).padStart(6, '0')}${String(index + 1).padStart(7, '0')}`;
}

export const MAX_SEED = 999_999;

// Dates repeat across clients (a few decades of days): formatting each once keeps 200k clients cheap.
const isoDays = new Map<number, string>();
function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY);
  let text = isoDays.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    isoDays.set(day, text);
  }
  return text;
}

const monthLabels = new Map<number, string[]>();
/** `YYYY-MM` of the month `back` months before the one holding `ms`. */
function monthOf(ms: number, back: number): string {
  let labels = monthLabels.get(ms);
  if (!labels) {
    const d = new Date(ms);
    labels = Array.from({ length: 13 }, (_, k) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k, 1)).toISOString().slice(0, 7));
    monthLabels.set(ms, labels);
  }
  return labels[back] ?? '';
}

/**
 * How many days ago a client's latest contact that counts for their cadence (reminders.ts) was: a branch on a real
 * morning, not an archive where every relationship went quiet years ago. `cadence` is the tier's period in force;
 * "overdue by n" is n days past it.
 * - VIP: nine in ten seen within the period; a few overdue by some weeks, a few by a few months; none by years.
 * - Potential: about three in four within the period, the rest overdue by weeks or months, none by more than a year.
 * - Ordinary: about a third served within the period, most of the rest within the year, one in ten longer ago.
 */
function latestContactDaysBack(rng: Rng, tier: Tier, cadence: number): number {
  const r = rng.next();
  const within = () => rng.int(1, cadence);
  const overdue = (from: number, to: number) => cadence + rng.int(from, to);
  switch (tier) {
    case 'vip':
      return r < 0.92 ? within() : r < 0.95 ? overdue(1, 30) : overdue(31, 120);
    case 'potential':
      return r < 0.76 ? within() : r < 0.88 ? overdue(1, 30) : r < 0.97 ? overdue(31, 120) : overdue(121, 300);
    case 'ordinary':
      return r < 0.35 ? within() : r < 0.65 ? overdue(1, 90) : r < 0.9 ? overdue(91, 330) : overdue(331, 700);
  }
}

const localDays = new Map<string, (ms: number) => string>();
/** The day an instant falls on in the workstation's zone, as the contact log counts it. */
function localDay(timeZone: string, ms: number): string {
  let format = localDays.get(timeZone);
  if (!format) {
    format = localDates(timeZone);
    localDays.set(timeZone, format);
  }
  return format(ms);
}

type Profile = 'vip' | 'potential' | 'ordinary' | 'prospect' | 'churned' | 'new';

/**
 * The tier and lifecycle lines and the contact cadences in force, today and the zone it is in: demo clients are
 * placed by the same rules, on the same calendar, as every other client (`deriveClient`, `dueReminders`).
 */
export type SeedPolicy = TierPolicy & LifecyclePolicy & ReminderPolicy & { today: string; timeZone: string };

/** Writes one synthetic client and everything the branch knows of them. Returns the client id. */
export function generateClient(
  w: SeedSink,
  rng: Rng,
  seed: number,
  index: number,
  todayMs: number,
  managers: Manager[],
  policy: SeedPolicy,
): string {
  // Ids made in creation order (as a workstation makes them) keep every b-tree insert at the right edge:
  // seeding 200k clients is bound by the page cache otherwise.
  let idMs = todayMs + index * 16;
  const nextId = () => uuidv7(idMs++, rng.bytes);
  const id = nextId();
  const r = rng.next();
  const profile: Profile =
    r < 0.05 ? 'vip' : r < 0.15 ? 'potential' : r < 0.19 ? 'prospect' : r < 0.27 ? 'churned' : r < 0.4 ? 'new' : 'ordinary';
  const corporate = rng.chance(0.02);
  const male = rng.chance(0.5);
  const age = rng.chance(0.22) ? rng.int(65, 88) : rng.int(22, 64);
  const birth = new Date(todayMs - age * 365.25 * DAY - rng.int(0, 364) * DAY);
  const birthDate = isoDate(birth.getTime());
  const place = rng.pick(PROVINCES);
  const given = male ? GIVEN.male : GIVEN.female;
  const name = corporate
    ? `${place.city.replace(/市.*$/, '')}${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_TRADES)}有限公司`
    : surnames.pick(rng) + (rng.chance(0.7) ? rng.pick(given) + rng.pick(given) : rng.pick(given));
  const seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  const idNumber = corporate
    ? `91${place.region}${String(rng.int(0, 9_999_999_999)).padStart(10, '0')}`
    : makeMainlandId(place.region, birthDate, String(seq).padStart(3, '0'));
  const job = rng.pick(OCCUPATIONS);

  // Balances (DOMAIN.md §2): twelve months of average daily balances shaped to the profile.
  const months: MonthlyAssets[] = [];
  if (profile !== 'prospect') {
    const base =
      profile === 'vip'
        ? rng.int(500_000, 5_000_000)
        : profile === 'potential'
          ? rng.int(60_000, 300_000)
          : profile === 'churned'
            ? rng.int(20_000, 80_000)
            : rng.int(1_000, 300_000);
    const span = profile === 'new' ? rng.int(2, 11) : 12;
    // What a churned client left behind: a few hundred yuan, steady, so the remnant does not read as growth.
    const remnant = rng.int(10, 900);
    for (let back = span; back >= 1; back--) {
      let yuan = base * (0.96 + rng.next() * 0.08);
      if (profile === 'potential') yuan = base * (1 + (0.75 * (12 - back)) / 11);
      if (profile === 'churned') yuan = back > 7 ? base : remnant * (0.98 + rng.next() * 0.04);
      months.push({ month: monthOf(todayMs, back), avgDailyFen: Math.round(yuan) * 100 });
    }
  }
  const latestFen = months.at(-1)?.avgDailyFen ?? 0;
  const latestAssetsFen = Math.round((latestFen * (0.97 + rng.next() * 0.06)) / 100) * 100;

  const firstBusinessMs =
    profile === 'prospect' ? null : profile === 'new' ? todayMs - rng.int(20, 330) * DAY : todayMs - rng.int(400, 15 * 365) * DAY;
  const managed = profile === 'vip' || profile === 'potential' || rng.chance(0.3);
  const manager = managed && managers.length > 0 ? managers[index % managers.length] : undefined;

  const master: ClientMaster = {
    id,
    clientNo: demoClientNo(seed, index),
    kind: corporate ? 'corporate' : 'individual',
    name,
    nameEn: null,
    gender: corporate ? null : male ? 'male' : 'female',
    birthDate: corporate ? null : birthDate,
    idType: corporate ? 'other' : 'resident_id',
    idNumber,
    idExpiry: corporate ? null : isoDate(todayMs + rng.int(-60, 3650) * DAY),
    mobile: `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    province: place.province,
    address: `${place.province}${place.city}${rng.pick(place.streets)}${rng.int(1, 999)}号`,
    occupation: corporate ? null : job.occupation,
    industry: job.industry,
    employer: null,
    incomeBand: rng.pick(INCOME_BANDS),
    managerId: manager?.id ?? null,
    firstBusinessDate: firstBusinessMs === null ? null : isoDate(firstBusinessMs),
    interests: rng.chance(0.6) ? [...new Set([rng.pick(INTERESTS), rng.pick(INTERESTS)])] : [],
    preferredChannel: rng.pick(CHANNELS),
    doNotDisturb: rng.chance(0.05),
    marketingConsent: rng.chance(0.7),
  };

  // Risk assessment: most clients have one; a quarter of those are more than a year old (expired).
  let risk: { level: string; on: string } | null = null;
  if (profile !== 'prospect' && !corporate && rng.chance(0.85)) {
    const on = isoDate(rng.chance(0.75) ? todayMs - rng.int(1, 360) * DAY : todayMs - rng.int(370, 1000) * DAY);
    risk = { level: RISK_LEVELS.pick(rng), on };
  }

  // Contacts, in opening hours, never before the relationship began: the latest one that counts for the tier's
  // cadence placed as a branch keeps it (latestContactDaysBack), a few earlier ones of any kind within the year
  // before it; a churned client's all lie more than six months back.
  const tier = computeTier(months, policy);
  const midnight = midnightOf(policy.today, policy.timeZone);
  const known = firstBusinessMs === null ? 730 : Math.max(1, Math.round((todayMs - firstBusinessMs) / DAY));
  const contacts: { at: number; note: (typeof CONTACT_NOTES)[number] }[] = [];
  const contact = (daysBack: number, note: (typeof CONTACT_NOTES)[number]) =>
    contacts.push({ at: midnight - daysBack * DAY + 9 * HOUR + rng.int(0, 8 * 60) * 60_000, note });
  if (profile === 'churned') {
    for (let k = rng.int(1, 4); k > 0; k--) contact(Math.min(known, rng.int(200, 700)), rng.pick(CONTACT_NOTES));
  } else if (profile !== 'prospect' || rng.chance(0.5)) {
    let latest = latestContactDaysBack(rng, tier, cadenceDaysOf(tier, policy));
    if (latest > known) latest = rng.int(1, known);
    contact(latest, rng.pick(tier === 'ordinary' ? SERVICE_NOTES : CONVERSATION_NOTES));
    const earliest = Math.min(known, latest + 360);
    for (let k = profile === 'prospect' || earliest <= latest ? 0 : rng.int(0, 3); k > 0; k--) {
      contact(rng.int(latest + 1, earliest), rng.pick(CONTACT_NOTES));
    }
  }
  const lastActivityMs = contacts.reduce((max, c) => Math.max(max, c.at), 0);

  const derived: ClientDerived = {
    ...deriveClient(
      {
        months,
        firstBusinessDate: master.firstBusinessDate,
        recordedActivityDate: null,
        lastContactDay: lastActivityMs > 0 ? localDay(policy.timeZone, lastActivityMs) : null,
        latestAssetsFen,
        latestAssessment: risk ? { level: risk.level, assessedOn: risk.on } : null,
      },
      policy,
      policy.today,
    ),
    latestAssetsFen,
    latestAssetsDate: months.length ? isoDate(todayMs - DAY) : null,
  };
  w.client(master, derived);
  w.monthly(id, months);
  if (risk)
    w.assessment({ id: nextId(), clientId: id, level: risk.level, assessedOn: risk.on, faceToFace: true, staffId: manager?.id ?? null });

  const holdingCount =
    profile === 'vip' ? rng.int(2, 4) : profile === 'potential' ? rng.int(1, 2) : profile === 'ordinary' && rng.chance(0.4) ? 1 : 0;
  const maxRisk = Number((risk?.level ?? 'C2').slice(1));
  for (let k = 0; k < holdingCount; k++) {
    const product = rng.pick(PRODUCTS_UP_TO_RISK[maxRisk] ?? PRODUCTS);
    const price = (0.9 + rng.next() * 0.4).toFixed(4);
    w.holding({
      id: nextId(),
      clientId: id,
      productCode: product.code,
      productName: product.name,
      productRisk: product.risk,
      purchaseDate: isoDate(todayMs - rng.int(30, 700) * DAY),
      amountFen: Math.round((latestFen * (0.1 + rng.next() * 0.3)) / 10_000) * 10_000 || 1_000_000,
      price: '1.0000',
      currentPrice: price,
      expectedReturn: product.kind === 'wealth' ? (2 + rng.next() * 2).toFixed(2) : null,
      takeProfit: rng.chance(0.5) ? '1.2000' : null,
      stopLoss: rng.chance(0.5) ? '0.9000' : null,
    });
  }
  if (profile !== 'prospect' && rng.chance(0.35)) {
    const start = todayMs - rng.int(30, 1000) * DAY;
    const years = rng.pick(TERMS_YEARS);
    // Some deposits mature within the next two weeks, so the worklist has something to show.
    const maturity = rng.chance(0.1) ? todayMs + rng.int(1, 14) * DAY : start + years * 365 * DAY;
    w.deposit({
      id: nextId(),
      clientId: id,
      amountFen: rng.int(10, 200) * 1_000_000,
      rate: rng.pick(RATES),
      startDate: isoDate(start),
      maturityDate: isoDate(maturity),
    });
  }
  // Large transactions head office reports (002): a wealthy client's money moving. A few VIPs moved ¥500,000 or more
  // out since yesterday morning — the urgent call within 24 hours (possible telecom fraud) — others earlier, or in.
  if (tier === 'vip' && rng.chance(0.08)) {
    const recent = rng.chance(0.35);
    const daysBack = recent ? rng.int(0, 1) : rng.int(3, 300);
    const at = Math.min(todayMs, midnight - daysBack * DAY + 9 * HOUR + rng.int(0, 8 * 60) * 60_000);
    const out = recent || rng.chance(0.5);
    w.largeTransaction({
      id: nextId(),
      clientId: id,
      at: new Date(at).toISOString(),
      amountFen: rng.int(50, 300) * 1_000_000,
      direction: out ? 'out' : 'in',
      channel: rng.pick(['网银', '手机银行', '柜面']),
      counterparty: out ? rng.pick(['个人账户', '证券公司', '外地某公司']) : null,
      description: null,
    });
  }
  for (const c of contacts) {
    w.contact({
      id: nextId(),
      clientId: id,
      at: new Date(c.at).toISOString(),
      channel: c.note.channel,
      staffId: manager?.id ?? null,
      staffName: manager?.displayName ?? null,
      content: c.note.content,
      result: c.note.result,
      followUpProduct: rng.chance(0.15) ? rng.pick(PRODUCTS).name : null,
      followUpDue: null,
    });
  }
  return id;
}

/**
 * The demo archive of one seed, client after client: the same seed and day give the same rows in the same order,
 * whichever thread runs it.
 */
export class DemoArchive {
  private readonly rng: Rng;
  private readonly ids: string[] = [];

  constructor(
    private readonly seed: number,
    private readonly todayMs: number,
    private readonly managers: Manager[],
    private readonly policy: SeedPolicy,
  ) {
    this.rng = new Rng(seed * 7919 + 17);
  }

  /** Writes the next client (and, now and then, the referral that brought them). */
  next(w: SeedSink): void {
    const { rng, ids, todayMs } = this;
    const i = ids.length;
    ids.push(generateClient(w, rng, this.seed, i, todayMs, this.managers, this.policy));
    // Referrals (002): about one client in fifty came through an earlier one; both earn points, never cash.
    if (i > 10 && rng.chance(0.02)) {
      const referrer = ids[rng.int(0, i - 1)] ?? ids[0]!;
      const referee = ids[i]!;
      const at = new Date(todayMs - rng.int(1, 300) * DAY).toISOString();
      const referralId = uuidv7(Date.parse(at), rng.bytes);
      const points = DEFAULT_REFERRAL_POLICY.pointsEach;
      w.referral({ id: referralId, referrerId: referrer, refereeId: referee, at, pointsEach: points });
      for (const clientId of [referrer, referee]) {
        w.points({ id: uuidv7(Date.parse(at), rng.bytes), clientId, kind: 'earned', points, reason: 'referral', refId: referralId, at });
      }
    }
  }
}
