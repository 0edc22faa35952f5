import { addDays, daysInMonth, formatCalendarDate, isLeapYear, parseCalendarDate } from './calendar-date';
import { assessmentExpiresOn, DEFAULT_SUITABILITY_POLICY, type SuitabilityPolicy } from './suitability';
import { DEFAULT_FESTIVALS, FESTIVALS, openOccurrence, yearlyOf, type Yearly } from './occasions';
import { assetDrop, highRiskStreaks } from './signals';
import { surveyReminders, type SurveyReminderFacts } from './survey-due';
import type { Tier } from './tier';

/**
 * What is due with one client (DOMAIN.md §3; seeds 002 "沟通频率", 003 销售维护): the contact cadence of the
 * client's tier and the other triggers, each as a reminder with a stable key, so an action taken on it (done,
 * snoozed, dismissed) refers to exactly this reminder and no other.
 *
 * A reminder is *due* once its notice opens and *overdue* once its due date has passed (`dueDate < today`). For the
 * "within N days" kinds the due date is the event itself (the maturity day, the birthday, the ID's expiry), so the
 * reminder shows N days ahead and is overdue once the day has passed without being done.
 *
 * Keys are `kind:what:when` — the kind, what it is about (a contact, a deposit, a holding, a transaction) and the
 * due date or period — so a new occasion (next year's birthday, the cadence after the next contact, a renewed ID)
 * is a new reminder, while the same occasion keeps its key however often it is recomputed.
 *
 * Lunar birthdays, lunar important dates and lunar festivals are placed on their solar day by the lunar calendar
 * (lunar.ts, occasions.ts).
 */
/** A run of high-risk purchases completed longer ago than this is history, not news. */
const HIGH_RISK_RECENT_DAYS = 365;

export const REMINDER_KINDS = [
  'vip_deep_contact',
  'potential_needs_survey',
  'ordinary_service',
  'follow_up',
  'deposit_maturity',
  'risk_assessment_expired',
  'birthday',
  'id_expiry',
  'large_outflow',
  'take_profit',
  'stop_loss',
  'survey_follow_up',
  'survey_due',
  'important_date',
  'festival',
  'high_risk_streak',
  'asset_drop',
  'win_back',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  /** Stable id of this occasion for this client: what an action refers to. */
  key: string;
  /** `YYYY-MM-DD`; overdue once it is before today. */
  dueDate: string;
  /** The fact it is about: a contact, deposit, holding or large-transaction id. */
  refId: string | null;
  /** A word for the list: the follow-up's product, the holding's product. */
  detail: string | null;
}

export interface ReminderPolicy {
  /** VIP: one deep contact (asset review or invitation) this often (002: monthly). */
  vipDeepContactDays: number;
  /** Potential: one needs survey this often (002: monthly). */
  potentialSurveyDays: number;
  /** Ordinary: one service reminder this often (002: monthly). */
  ordinaryServiceDays: number;
  /** A term deposit maturing within this many days (003: call before it matures). */
  depositMaturityNoticeDays: number;
  /** A risk assessment is valid this many months (002: renewed yearly). */
  assessmentValidMonths: number;
  /** A birthday shows this many days ahead. */
  birthdayNoticeDays: number;
  /** An ID document expiring within this many days. */
  idExpiryNoticeDays: number;
  /** A transfer out of at least this much (integer fen) is a possible fraud: contact within 24 hours (002). */
  largeOutflowMinFen: number;
  /**
   * How long a dated occasion that nobody acted on stays overdue before it lapses: a belated greeting is no
   * greeting, a deposit matured weeks ago has been renewed or paid out, an outflow weeks old is no longer news.
   * Standing conditions (cadence, an expired assessment or ID, a holding beyond its bound, a follow-up) never
   * lapse: they stay until done, dismissed or no longer true.
   */
  occasionGraceDays: number;
  /** The quarterly satisfaction questionnaire goes to one ordinary client in this many (DOMAIN.md §7; 0: none). */
  quarterlySurveyOneIn: number;
  /** The festivals VIP clients are greeted on (DOMAIN.md §3). */
  festivals: readonly string[];
  /** A month's average daily assets down on the month before by more than this share (%) is worth a call (004). */
  assetDropPercent: number;
}

export const DEFAULT_REMINDER_POLICY = {
  vipDeepContactDays: 30,
  potentialSurveyDays: 30,
  ordinaryServiceDays: 30,
  depositMaturityNoticeDays: 14,
  assessmentValidMonths: 12,
  birthdayNoticeDays: 7,
  idExpiryNoticeDays: 30,
  largeOutflowMinFen: 50_000_000, // ¥500,000 (002)
  occasionGraceDays: 30,
  quarterlySurveyOneIn: 10,
  festivals: DEFAULT_FESTIVALS,
  assetDropPercent: 30,
} as const satisfies ReminderPolicy;

export interface ContactFact {
  id: string;
  /** The branch's calendar day of the contact. */
  day: string;
  channel: string;
  /** A correction is not a new contact: it fixes the entry it points at. */
  correctsId: string | null;
  followUpDue: string | null;
  followUpProduct: string | null;
}

export interface ReminderFacts {
  /** The client's id: the quarterly survey's sample is drawn by it. */
  clientId?: string;
  tier: Tier;
  /**
   * Where cadence counts from before any contact counts: the first business day, else the day the client entered
   * the archive. A client never contacted is due one cadence after the relationship began.
   */
  since: string;
  birthDate: string | null;
  idExpiry: string | null;
  /** Day of the latest risk assessment; a client never assessed has no expiry to remind of. */
  riskAssessedOn: string | null;
  contacts: readonly ContactFact[];
  deposits: readonly { id: string; maturityDate: string }[];
  holdings: readonly {
    id: string;
    productName: string;
    currentPrice: string | null;
    takeProfit: string | null;
    stopLoss: string | null;
    /** The day the holding (its price) was last reported: when a crossing became known. */
    priceDay: string;
  }[];
  largeTransactions: readonly { id: string; day: string; amountFen: number; direction: string }[];
  /** What surveys raise: follow-ups of low scores, surveys due after an event, a complaint, each quarter. */
  surveys?: SurveyReminderFacts;
  /** The dates staff recorded on the profile (a lunar birthday replaces the solar one). */
  importantDates?: readonly { id: string; kind: string; date: string; lunar: boolean; label: string | null }[];
  /** Purchases of products, with their risk level (a run of high-risk ones is a signal). */
  purchases?: readonly { id: string; risk: string; day: string; productName: string }[];
  /** The client's monthly average daily assets (a month falling away is a signal). */
  months?: readonly { month: string; avgDailyFen: number }[];
  /** The day the client became churned, when they are (a win-back call, standing until done). */
  churnedSince?: string | null;
}

/**
 * Which contacts count for the cadence (a choice, documented here so it can be changed in one place):
 * - a *deep* contact (VIP asset review or invitation) and a *needs survey* (potential) need a conversation: at the
 *   counter, on the phone, on a visit or at an event — spoken and two-way;
 * - a *service reminder* (ordinary) is any contact, a one-way SMS, WeChat Work message, email or letter included.
 * Corrections never count: they fix an earlier entry, they are not a new contact.
 */
export const CONVERSATION_CHANNELS: readonly string[] = ['counter', 'phone', 'visit', 'event'];

const CADENCE: Record<
  Tier,
  { kind: ReminderKind; days: 'vipDeepContactDays' | 'potentialSurveyDays' | 'ordinaryServiceDays'; channels: readonly string[] | null }
> = {
  vip: { kind: 'vip_deep_contact', days: 'vipDeepContactDays', channels: CONVERSATION_CHANNELS },
  potential: { kind: 'potential_needs_survey', days: 'potentialSurveyDays', channels: CONVERSATION_CHANNELS },
  ordinary: { kind: 'ordinary_service', days: 'ordinaryServiceDays', channels: null },
};

/**
 * The day the client's contact cadence falls due: one period of their tier after the last contact that counts (or
 * after the relationship began). Until then the client counts as covered (the home screens' coverage).
 */
export function cadenceDueOf(facts: Pick<ReminderFacts, 'tier' | 'since' | 'contacts'>, policy: ReminderPolicy): string {
  const cadence = CADENCE[facts.tier];
  let last = facts.since;
  for (const c of facts.contacts) {
    if (c.correctsId !== null) continue;
    if (cadence.channels && !cadence.channels.includes(c.channel)) continue;
    if (c.day > last) last = c.day;
  }
  return addDays(last, policy[cadence.days]);
}

/** The cadence period of a tier, in days, under these settings. */
export function cadenceDaysOf(tier: Tier, policy: ReminderPolicy): number {
  return policy[CADENCE[tier].days];
}

/**
 * One reminder into `out`. Its key: the kind, what it is about (when not the client as a whole), and the due day
 * unless told otherwise.
 */
function addReminder(
  out: Reminder[],
  kind: ReminderKind,
  what: string | null,
  dueDate: string,
  refId: string | null = null,
  detail: string | null = null,
  when = dueDate,
): void {
  out.push({ kind, key: what === null ? `${kind}:${when}` : `${kind}:${what}:${when}`, dueDate, refId, detail });
}

/**
 * Every reminder due with this client on `today` (the branch's calendar day), before any action is applied. A caller
 * that needs the cadence day as well (the stored reminders keep it per client) computes it once and passes it.
 */
export function dueReminders(
  facts: ReminderFacts,
  today: string,
  policy: ReminderPolicy,
  cadenceDue: string = cadenceDueOf(facts, policy),
): Reminder[] {
  const out: Reminder[] = [];

  // Cadence by tier: due one period after the last contact that counts.
  if (cadenceDue <= today) addReminder(out, CADENCE[facts.tier].kind, null, cadenceDue);

  // Follow-up opportunities (待跟进的销售机会): due on their day; a corrected entry's follow-up is replaced by the
  // correction's own.
  let corrected: Set<string> | null = null;
  for (const c of facts.contacts) {
    if (c.correctsId !== null) (corrected ??= new Set()).add(c.correctsId);
  }
  for (const c of facts.contacts) {
    if (c.followUpDue && !corrected?.has(c.id) && c.followUpDue <= today)
      addReminder(out, 'follow_up', c.id, c.followUpDue, c.id, c.followUpProduct);
  }

  for (const d of facts.deposits) {
    if (opensWithin(d.maturityDate, today, policy.depositMaturityNoticeDays, policy.occasionGraceDays)) {
      addReminder(out, 'deposit_maturity', d.id, d.maturityDate, d.id);
    }
  }

  if (facts.riskAssessedOn && parseCalendarDate(facts.riskAssessedOn)) {
    const expires = assessmentExpiresOn(facts.riskAssessedOn, suitabilityWith(policy.assessmentValidMonths));
    if (expires <= today) addReminder(out, 'risk_assessment_expired', null, expires);
  }

  // A client who celebrates their lunar birthday (a lunar birthday on the profile) is greeted on that one instead.
  const lunarBirthday = facts.importantDates?.find((d) => d.kind === 'lunar_birthday');
  const lunarYearly = lunarBirthday ? yearlyOf(lunarBirthday.date, true) : null;
  if (lunarBirthday && lunarYearly) {
    const day = openOccurrence(lunarYearly, today, policy.birthdayNoticeDays, policy.occasionGraceDays);
    if (day) addReminder(out, 'birthday', null, day, lunarBirthday.id, 'lunar');
  } else {
    const birthday = facts.birthDate ? birthdayOccurrence(facts.birthDate, today, policy) : null;
    if (birthday) addReminder(out, 'birthday', null, birthday);
  }
  for (const d of facts.importantDates ?? []) {
    if (d.kind === 'lunar_birthday') continue;
    const yearly = yearlyOf(d.date, d.lunar);
    const day = yearly ? openOccurrence(yearly, today, policy.birthdayNoticeDays, policy.occasionGraceDays) : null;
    if (day) addReminder(out, 'important_date', d.id, day, d.id, d.label ?? d.kind);
  }
  // Festival greetings (DOMAIN.md §3, 002 "节日问候"): VIP clients, on the festivals the branch chose.
  if (facts.tier === 'vip') {
    for (const code of policy.festivals) {
      const festival = FESTIVAL_YEARLY.get(code);
      if (!festival) continue;
      const day = openOccurrence(festival, today, policy.birthdayNoticeDays, policy.occasionGraceDays);
      if (day) addReminder(out, 'festival', code, day, null, code);
    }
  }

  // An ID that has expired stays due until a renewed one (a new expiry, a new key) arrives from head office.
  if (facts.idExpiry && parseCalendarDate(facts.idExpiry) && addDays(facts.idExpiry, -policy.idExpiryNoticeDays) <= today) {
    addReminder(out, 'id_expiry', null, facts.idExpiry);
  }

  // 002: a transfer out of ¥500,000 or more without explanation → contact the client within 24 hours (possible
  // telecom fraud). Transactions carry a time, reminders a day: within 24 hours is "by the next day".
  for (const tx of facts.largeTransactions) {
    if (tx.direction !== 'out' || tx.amountFen < policy.largeOutflowMinFen) continue;
    const due = addDays(tx.day, 1);
    if (tx.day <= today && addDays(due, policy.occasionGraceDays) >= today) addReminder(out, 'large_outflow', tx.id, due, tx.id);
  }

  // 003: a holding crossing the client's take-profit or stop-loss bound → a profit or loss notice. The key carries
  // the bound, not the day: a daily price report that stays beyond the same bound is the same notice, while a
  // client who sets a new bound gets a new one. Due the day the crossing was reported.
  for (const h of facts.holdings) {
    if (h.currentPrice === null) continue;
    const vsTakeProfit = h.takeProfit === null ? null : compareDecimal(h.currentPrice, h.takeProfit);
    const vsStopLoss = h.stopLoss === null ? null : compareDecimal(h.currentPrice, h.stopLoss);
    if (h.takeProfit !== null && vsTakeProfit !== null && vsTakeProfit >= 0) {
      addReminder(out, 'take_profit', h.id, h.priceDay, h.id, h.productName, h.takeProfit);
    }
    if (h.stopLoss !== null && vsStopLoss !== null && vsStopLoss <= 0) {
      addReminder(out, 'stop_loss', h.id, h.priceDay, h.id, h.productName, h.stopLoss);
    }
  }

  // 002: three consecutive high-risk purchases → a risk re-assessment and diversification advice; standing until done.
  for (const streak of highRiskStreaks(facts.purchases ?? [], today, HIGH_RISK_RECENT_DAYS)) {
    addReminder(out, 'high_risk_streak', streak.id, streak.day, streak.id, streak.productName);
  }
  // 004: a month's assets falling away; known when the month's figure arrives, lapsing like a dated occasion.
  const drop = facts.months ? assetDrop(facts.months, policy.assetDropPercent) : null;
  if (drop && drop.knownOn <= today && addDays(drop.knownOn, policy.occasionGraceDays) >= today) {
    addReminder(out, 'asset_drop', null, drop.knownOn, null, `-${drop.fallPercent}%`, drop.month);
  }
  // 000: a churned client is one to win back; one reminder a churn (a client won back and lost again is a new one).
  if (facts.churnedSince && facts.churnedSince <= today) addReminder(out, 'win_back', null, facts.churnedSince);

  if (facts.surveys) out.push(...surveyReminders(facts.clientId ?? '', facts.tier, facts.surveys, today, policy));

  // Most clients have none or one: sorting allocates even then.
  if (out.length < 2) return out;
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The suitability rules with the branch's validity period: one object per period, not one per client. */
const suitabilityPolicies = new Map<number, SuitabilityPolicy>();
function suitabilityWith(assessmentValidMonths: number): SuitabilityPolicy {
  let policy = suitabilityPolicies.get(assessmentValidMonths);
  if (!policy) suitabilityPolicies.set(assessmentValidMonths, (policy = { ...DEFAULT_SUITABILITY_POLICY, assessmentValidMonths }));
  return policy;
}

/** Each festival as a yearly occasion (every year, no first year). */
const FESTIVAL_YEARLY: ReadonlyMap<string, Yearly> = new Map(
  Object.entries(FESTIVALS as Record<string, { lunar: boolean; month: number; day: number }>).map(([code, f]) => [
    code,
    { ...f, since: null },
  ]),
);

/** A dated occasion is due from `notice` days before it until `grace` days after it. */
function opensWithin(day: string, today: string, notice: number, grace: number): boolean {
  // Shifting days keeps their order, so "from notice days before to grace days after" is "from grace days ago to
  // notice days ahead" seen from today: two shifts of today, the same for every client. Checked as text first (a
  // date is compared as text), then as a date (text outside the calendar can sort inside the window).
  return day >= addDays(today, -grace) && day <= addDays(today, notice) && parseCalendarDate(day) !== null;
}

/**
 * The birthday (solar) whose notice is open on `today`: from `birthdayNoticeDays` before it until the grace after.
 * Someone born on 29 February is greeted on 28 February in common years (the same clamp as every month rule).
 */
export function birthdayOccurrence(birthDate: string, today: string, policy: ReminderPolicy): string | null {
  const born = parseCalendarDate(birthDate);
  const now = parseCalendarDate(today);
  if (!born || !now) return null;
  for (const year of [now.year - 1, now.year, now.year + 1]) {
    if (year <= born.year) continue;
    const day = born.month === 2 && born.day === 29 && !isLeapYear(year) ? 28 : Math.min(born.day, daysInMonth(year, born.month));
    const occurrence = formatCalendarDate({ year, month: born.month, day });
    if (opensWithin(occurrence, today, policy.birthdayNoticeDays, policy.occasionGraceDays)) return occurrence;
  }
  return null;
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Compares two decimal strings exactly (prices and bounds as head office sends them: "1.2000", "0.95"), never
 * through floating point. Returns -1, 0 or 1, or null when either is not a plain decimal (a malformed price from
 * the feed raises no notice rather than a wrong one).
 */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 | null {
  const x = DECIMAL_RE.exec(a.trim());
  const y = DECIMAL_RE.exec(b.trim());
  if (!x || !y) return null;
  const norm = (m: RegExpExecArray) => {
    const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
    const frac = (m[3] ?? '').replace(/0+$/, '');
    const zero = /^0*$/.test(int) && frac === '';
    const sign: -1 | 0 | 1 = zero ? 0 : m[1] === '-' ? -1 : 1;
    return { sign, int, frac };
  };
  const p = norm(x);
  const q = norm(y);
  if (p.sign !== q.sign) return p.sign < q.sign ? -1 : 1;
  if (p.sign === 0) return 0;
  let magnitude: -1 | 0 | 1;
  if (p.int.length !== q.int.length) magnitude = p.int.length < q.int.length ? -1 : 1;
  else if (p.int !== q.int) magnitude = p.int < q.int ? -1 : 1;
  else {
    const width = Math.max(p.frac.length, q.frac.length);
    const pf = p.frac.padEnd(width, '0');
    const qf = q.frac.padEnd(width, '0');
    magnitude = pf === qf ? 0 : pf < qf ? -1 : 1;
  }
  return p.sign === 1 ? magnitude : magnitude === 0 ? 0 : magnitude === 1 ? -1 : 1;
}

export type ReminderAction = 'done' | 'snoozed' | 'dismissed';
export const REMINDER_ACTIONS: readonly ReminderAction[] = ['done', 'snoozed', 'dismissed'];

export interface ActionFact {
  key: string;
  action: ReminderAction;
  /** For a snooze: hidden through this day. */
  until: string | null;
}

/**
 * The reminders still open after what staff did (DOMAIN.md §3: every reminder can be done, snoozed or dismissed
 * with a reason; none vanishes silently). Done and dismissed are final for that key; a snooze hides it while its
 * day is today or later, and the latest snooze counts.
 */
export function openReminders(due: readonly Reminder[], actions: readonly ActionFact[], today: string): Reminder[] {
  if (actions.length === 0) return [...due];
  const settled = new Set<string>();
  const snoozedUntil = new Map<string, string>();
  for (const a of actions) {
    if (a.action === 'snoozed') {
      if (a.until && a.until > (snoozedUntil.get(a.key) ?? '')) snoozedUntil.set(a.key, a.until);
    } else settled.add(a.key);
  }
  return due.filter((r) => !settled.has(r.key) && !((snoozedUntil.get(r.key) ?? '') >= today));
}

export function isOverdue(reminder: Pick<Reminder, 'dueDate'>, today: string): boolean {
  return reminder.dueDate < today;
}
