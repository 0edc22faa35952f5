import { sql, type Transaction } from 'kysely';
import type { Staff } from '../../src-shared/contract';
import { type Clock, localDate, wallTimeToMs } from '../../src-shared/domain/clock';
import { inQuarterlySample, quarterOf } from '../../src-shared/domain/survey-due';
import type { SurveyAnswer } from '../../src-shared/domain/surveys';
import { appendAudit } from '../audit/log';
import { logContact } from '../clients/contacts';
import { ClientRederiver } from '../clients/rederive';
import { demoClientNo } from '../clients/seed/generate';
import { Rng } from '../clients/seed/random';
import { AtClock, demoCore } from '../demo/at-clock';
import { actOnReminder } from '../reminders/service';
import { loadSettings } from '../settings/service';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';
import { submitResponse } from './responses';

type Trx = Transaction<Database>;
type Code = 'counter_visit' | 'phone_callback' | 'after_event' | 'after_complaint' | 'quarterly';
type Mood = 'promoter' | 'passive' | 'detractor';
type Theme = 'waiting' | 'app' | 'fees' | 'parking' | 'weekend';
type Client = { id: string; tier: string; manager_id: string | null; do_not_disturb: number };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What clients write in the comment box of a branch's sheets: praise, the waiting, the app, fees, parking, weekends. */
const COMMENTS: { text: string; mood: Mood; theme?: Theme; only?: Code[] }[] = [
  { text: '柜员业务很熟练，办得又快又好，点赞！', mood: 'promoter', only: ['counter_visit', 'quarterly'] },
  { text: '大堂经理很热情，主动帮忙填单，老人家办业务很方便。', mood: 'promoter', only: ['counter_visit', 'quarterly'] },
  { text: '客户经理讲解很耐心，产品风险说得很清楚。', mood: 'promoter' },
  { text: '网点环境干净整洁，还备了热水和老花镜，很贴心。', mood: 'promoter', only: ['counter_visit', 'quarterly'] },
  { text: '回访很及时，上次的问题当天就解决了。', mood: 'promoter', only: ['phone_callback'] },
  { text: '讲座很实用，防骗的案例讲得很生动，希望多办。', mood: 'promoter', only: ['after_event'] },
  { text: '投诉处理得比预想的快，工作人员态度诚恳。', mood: 'promoter', only: ['after_complaint'] },
  { text: '希望周末也能开对公窗口，平时上班没时间来。', mood: 'passive', theme: 'weekend' },
  { text: '停车位太少，开车来经常找不到地方停。', mood: 'passive', theme: 'parking' },
  { text: '叫号屏看不太清，广播声音可以再大一点。', mood: 'passive', theme: 'waiting', only: ['counter_visit'] },
  { text: '手机银行调整转账限额的入口太难找了。', mood: 'passive', theme: 'app' },
  { text: '希望多安排一些养老规划方面的活动。', mood: 'passive', only: ['after_event', 'quarterly'] },
  { text: '自助机经常有一台暂停服务，希望及时维修。', mood: 'passive', only: ['counter_visit', 'quarterly'] },
  { text: '排队等了一个多小时，只开了两个窗口。', mood: 'detractor', theme: 'waiting', only: ['counter_visit', 'quarterly'] },
  { text: '手机银行升级后经常闪退，登录还要重新验证，太麻烦。', mood: 'detractor', theme: 'app' },
  { text: '账户管理费、短信费扣得不明不白，希望提前告知。', mood: 'detractor', theme: 'fees' },
  { text: '周六只开一个窗口，中午还停办，体验很差。', mood: 'detractor', theme: 'weekend', only: ['counter_visit', 'quarterly'] },
  { text: '客户经理电话三次都没接，事情拖了一周才处理。', mood: 'detractor', only: ['phone_callback', 'quarterly'] },
  { text: '说好的回复一直没有消息，处理太慢。', mood: 'detractor', only: ['after_complaint'] },
  { text: '改预留手机号要本人跑两趟，流程太繁琐。', mood: 'detractor', only: ['counter_visit', 'phone_callback'] },
  { text: '现场人太多座位不够，讲的内容偏推销。', mood: 'detractor', only: ['after_event'] },
  { text: '附近车位难找，违停还被贴了罚单。', mood: 'detractor', theme: 'parking', only: ['counter_visit'] },
];

/** What the relationship manager did when calling a detractor back, by what the sheet was about. */
const CALLBACKS: Record<Theme | 'other', string> = {
  waiting: '满意度回访：就等候时间长向客户致歉，告知高峰时段已增开窗口，可提前线上预约',
  app: '满意度回访：指导客户更新手机银行版本并重新绑定设备，已能正常登录',
  fees: '满意度回访：逐笔解释扣费项目，协助客户申请免收小额账户管理费',
  parking: '满意度回访：致歉并告知网点后侧新增临时车位，可凭业务凭条免费停车',
  weekend: '满意度回访：告知周六全天营业窗口安排，客户表示理解',
  other: '满意度回访：已致电客户了解不满原因并致歉，说明改进措施，客户表示理解',
};

/** The 0–10 and the 1–5 a promoter, a passive and a detractor give, and how often they add words of their own. */
const SCORES: Record<Mood, { recommend: number[]; overall: number[]; says: number }> = {
  promoter: { recommend: [9, 9, 10, 10, 10], overall: [5, 5, 5, 5, 4], says: 0.18 },
  passive: { recommend: [7, 7, 8, 8, 8], overall: [4, 4, 4, 4, 4, 4, 4, 5, 5, 3], says: 0.3 },
  detractor: { recommend: [6, 6, 6, 5, 5, 5, 4, 3, 2, 0], overall: [4, 4, 4, 3, 3, 3, 3, 2, 2, 1], says: 0.65 },
};

/** How the satisfaction a complainant gave at closing (1–5) goes with their 0–10. */
const AFTER_CASE: Mood[][] = [[], ['detractor'], ['detractor'], ['passive', 'detractor'], ['promoter', 'passive', 'passive'], ['promoter']];

const RESPONDENTS = ['张先生', '李女士', '王阿姨', '刘先生', '陈女士', '杨大爷', '赵女士', '黄先生', '周女士', '吴先生'];

export interface DemoSurveysOptions {
  seed: number;
  actor: string;
}

/** Answer sheets for a demo archive of this many clients: gently more for a larger one, at most 1,200. */
export function demoSurveyCount(clients: number): number {
  return Math.min(1_200, Math.round(20 * Math.sqrt(clients)));
}

/** What a sheet follows or who gave it: a client (and an event or case of theirs), or an anonymous respondent. */
interface Links {
  client: Client | null;
  respondent?: string;
  eventId?: string;
  complaintId?: string;
}

interface Planned extends Links {
  at: number;
  code: Code;
  staff: Staff;
  answers: Record<string, SurveyAnswer>;
  theme: Theme | null;
  /** When the relationship manager calls back if the sheet raises a follow-up; null: not yet (the worklist shows it). */
  callBackAt: number | null;
}

/**
 * A year of satisfaction surveys for a demo archive (DOMAIN.md §7), entered by the demo staff through the real
 * `submitResponse` at the times they were given: counter visits and phone callbacks (most), anonymous respondents at
 * the counter, after the demo events and closed demo complaints, and the quarterly questionnaire for its sample. Scores
 * look like a branch's (NPS about +35, CSAT about 85%, two worse months); each older follow-up was called back (a
 * contact doing the reminder), so the worklist shows only a few recent ones, and a few surveys are still due. Every
 * sheet is demo: none leaves the workstation. In the caller's transaction.
 */
export async function seedDemoSurveys(trx: Trx, store: Store, clock: Clock, options: DemoSurveysOptions): Promise<number> {
  const settings = await loadSettings(trx);
  const tz = settings.timeZone;
  const at = new AtClock(clock.now());
  const app = demoCore(store, settings, at);
  const now = clock.now();
  const staff = await demoStaff(trx, 'rm%');
  const versions = await openVersions(trx);
  // This seed's clients (the first 20,000 are plenty to draw a year of sheets from), in a repeatable order.
  const clients = await trx
    .selectFrom('clients')
    .select(['id', 'tier', 'manager_id', 'do_not_disturb'])
    .where('demo', '=', 1)
    .where('deleted_hlc', 'is', null)
    .where('client_no', '>=', demoClientNo(options.seed, 0))
    .where('client_no', '<=', demoClientNo(options.seed, 9_999_998))
    .orderBy('client_no')
    .limit(20_000)
    .execute();
  if (staff.length === 0 || clients.length === 0) return 0;
  const rng = new Rng(options.seed * 15_485_863 + 31);
  const total = demoSurveyCount(clients.length);
  const byId = new Map(staff.map((s) => [s.id, s]));
  const managerOf = (c: Client) => (c.manager_id ? byId.get(c.manager_id) : undefined);
  // Some staff serve better than others (the per-staff figures differ), and some sit at the counter more.
  const lift = new Map(staff.map((s, i) => [s.id, [0.06, 0.1, -0.02, 0.03, -0.1, 0, 0.05, -0.05][i % 8]!]));
  const clerks = staff.flatMap((s, i) => Array<Staff>([3, 3, 2, 2, 2, 1, 1, 1][i % 8]!).fill(s));
  // Two worse months, each with its reason: a queue in a short-staffed month, an app upgrade that went badly.
  const worse = new Map<string, Theme>(
    rng.sample([2, 3, 4, 5, 6, 7, 8, 9, 10], 2).map((back, i) => [monthOf(now - back * 30.4 * DAY_MS, tz), i === 0 ? 'waiting' : 'app']),
  );

  const plan: Planned[] = [];
  /** Plans one sheet: its mood leans by the occasion, the staff member and the month, unless it is given. */
  const sheet = (code: Code, when: number, by: Staff, links: Links, lean: number, mood?: Mood) => {
    const theme = worse.get(monthOf(when, tz)) ?? null;
    const m = mood ?? moodOf(rng, lean + (lift.get(by.id) ?? 0) - (theme ? 0.08 : 0));
    const { answers, theme: said } = answersFor(rng, code, m, theme, links.client);
    const callBackAt = Math.min(when + rng.int(2, 72) * HOUR_MS, now - HOUR_MS);
    const planned: Planned = { ...links, at: when, code, staff: by, answers, theme: said, callBackAt };
    plan.push(planned);
    return planned;
  };

  // After the demo events: four in five attendees hand a form in, entered the evening after or a day or two later; the
  // latest event's others are on the worklist as surveys due.
  const attended = await trx
    .selectFrom('event_checkins as k')
    .innerJoin('events as e', 'e.id', 'k.event_id')
    .innerJoin('clients as c', 'c.id', 'k.client_id')
    .select(['k.event_id', 'e.starts_at', 'e.created_by', 'c.id', 'c.tier', 'c.manager_id', 'c.do_not_disturb'])
    .where('e.demo', '=', 1)
    .where('e.status', 'in', ['held', 'reviewed'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('survey_responses as r')
            .select('r.id')
            .whereRef('r.event_id', '=', 'k.event_id')
            .whereRef('r.client_id', '=', 'c.id'),
        ),
      ),
    )
    .orderBy('e.starts_at')
    .orderBy('c.client_no')
    .execute();
  for (const a of attended) {
    if (!versions.has('after_event') || !rng.chance(0.8)) continue;
    const when = Math.min(Date.parse(a.starts_at) + rng.int(3, 48) * HOUR_MS, now - 2 * HOUR_MS);
    const by = managerOf(a) ?? byId.get(a.created_by ?? '') ?? staff[0]!;
    sheet('after_event', when, by, { client: a, eventId: a.event_id }, 0.08);
  }

  // After the closed demo complaints: the complainant answers when told the case is closed. The last fortnight's
  // closings are not answered yet: they are on the worklist as surveys due.
  const officer = (await demoStaff(trx, 'ts01'))[0] ?? staff[0]!;
  const closed = await trx
    .selectFrom('complaints as k')
    .innerJoin('clients as c', 'c.id', 'k.client_id')
    .innerJoin('complaint_events as s', (j) => j.onRef('s.complaint_id', '=', 'k.id').on('s.kind', '=', 'closed'))
    .select([
      'k.id as complaint_id',
      's.at',
      sql<number | null>`json_extract(s.data, '$.satisfaction')`.as('satisfaction'),
      'c.id',
      'c.tier',
      'c.manager_id',
      'c.do_not_disturb',
    ])
    .where('k.demo', '=', 1)
    .where('k.status', '=', 'closed')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('survey_responses as r').select('r.id').whereRef('r.complaint_id', '=', 'k.id'))))
    .orderBy('k.case_no')
    .execute();
  let afterComplaints = Math.round(total * 0.06);
  for (const k of closed) {
    const when = Date.parse(k.at) + rng.int(1, 30) * HOUR_MS;
    if (!versions.has('after_complaint') || afterComplaints <= 0 || when > now - 14 * DAY_MS || !rng.chance(0.8)) continue;
    afterComplaints--;
    // The satisfaction recorded at closing is the sheet's own overall score.
    const given = k.satisfaction ?? 4;
    const planned = sheet(
      'after_complaint',
      when,
      officer,
      { client: k, complaintId: k.complaint_id },
      0,
      rng.pick(AFTER_CASE[given] ?? ['passive']),
    );
    planned.answers.overall = given;
  }

  // The quarterly questionnaire, answered by some of each quarter's sample: the rule's own (survey-due.ts), so an answer
  // takes the client's item off the worklist and the rest of the current quarter's stay due.
  const oneIn = settings.quarterlySurveyOneIn > 0 ? settings.quarterlySurveyOneIn : 10;
  const ordinary = clients.filter((c) => c.tier === 'ordinary' && c.do_not_disturb === 0);
  const samples = new Map<string, Client[]>();
  let quarterly = versions.has('quarterly') ? Math.round(total * 0.12) : 0;
  for (let tries = quarterly * 4; quarterly > 0 && tries > 0; tries--) {
    const when = moment(rng, now, tz, pastDay(rng, now, tz), 10, 17);
    const quarter = quarterOf(localDate(when, tz));
    let sample = samples.get(quarter);
    if (!sample) samples.set(quarter, (sample = ordinary.filter((c) => inQuarterlySample(c.id, quarter, oneIn))));
    const client = sample.length > 0 ? sample.splice(rng.int(0, sample.length - 1), 1)[0]! : null;
    if (!client) continue;
    quarterly--;
    sheet('quarterly', when, managerOf(client) ?? rng.pick(clerks), { client }, -0.04);
  }

  // Walk-ins at the counter who are not (or would not say they are) clients.
  for (let n = versions.has('counter_visit') ? Math.round(total * 0.06) : 0; n > 0; n--) {
    const respondent = rng.chance(0.3) ? `${rng.pick(RESPONDENTS)}（手机尾号${rng.int(1000, 9999)}）` : rng.pick(RESPONDENTS);
    const when = moment(rng, now, tz, pastDay(rng, now, tz), 9, 16);
    sheet('counter_visit', when, rng.pick(clerks), { client: null, respondent }, -0.05);
  }

  // The rest: counter visits and the relationship managers' phone callbacks, busier in recent months.
  const callable = clients.filter((c) => c.do_not_disturb === 0);
  const managed = callable.filter((c) => managerOf(c));
  for (let n = Math.max(0, total - plan.length); n > 0; n--) {
    const phone = versions.has('phone_callback') && callable.length > 0 && (rng.chance(0.4) || !versions.has('counter_visit'));
    if (!phone && !versions.has('counter_visit')) break;
    const client = phone ? rng.pick(managed.length > 0 && rng.chance(0.8) ? managed : callable) : rng.pick(clients);
    const when = moment(rng, now, tz, pastDay(rng, now, tz), phone ? 10 : 9, phone ? 17 : 16);
    const code = phone ? 'phone_callback' : 'counter_visit';
    const by = phone ? (managerOf(client) ?? rng.pick(staff)) : rng.pick(clerks);
    sheet(code, when, by, { client }, 0);
  }

  // A handful of detractors in the last days, not called back yet: their managers' worklists show them, each in the
  // client's own words.
  const said = new Set<string>();
  for (const client of managed.length > 0 ? rng.sample(managed, rng.int(3, 6)) : []) {
    const atCounter = versions.has('counter_visit') && (rng.chance(0.5) || !versions.has('phone_callback'));
    const code: Code = atCounter ? 'counter_visit' : 'phone_callback';
    if (!versions.has(code)) break;
    const when = moment(rng, now, tz, rng.int(2, 10), atCounter ? 9 : 10, atCounter ? 16 : 17);
    const by = atCounter ? rng.pick(clerks) : managerOf(client)!;
    const open = sheet(code, when, by, { client }, 0, 'detractor');
    const words = COMMENTS.filter((c) => c.mood === 'detractor' && (!c.only || c.only.includes(code)) && !said.has(c.text));
    const comment = rng.pick(words.length > 0 ? words : COMMENTS.filter((c) => c.mood === 'detractor'));
    said.add(comment.text);
    Object.assign(open, { callBackAt: null, theme: comment.theme ?? null });
    open.answers.comment = comment.text;
  }

  // Entered in the order they were given; each follow-up called back by the client's manager, as it was done.
  plan.sort((a, b) => a.at - b.at);
  const touched = new Set<string>(attended.map((a) => a.id));
  for (const p of plan) {
    at.at = p.at;
    const input = {
      versionId: versions.get(p.code)!,
      clientId: p.client?.id ?? null,
      respondent: p.respondent ?? null,
      eventId: p.eventId ?? null,
      complaintId: p.complaintId ?? null,
      answers: p.answers,
    };
    const saved = await submitResponse(trx, app, p.staff, input, { demo: true, at: p.at });
    if (!p.client) continue;
    touched.add(p.client.id);
    if (!saved.followUp || p.callBackAt === null) continue;
    at.at = p.callBackAt;
    const today = localDate(at.at, tz);
    const caller = managerOf(p.client) ?? p.staff;
    const contact = await logContact(trx, at, settings, today, caller, {
      clientId: p.client.id,
      channel: 'phone',
      content: CALLBACKS[p.theme ?? 'other'],
      result: null,
      followUp: null,
      correctsId: null,
      recommendation: null,
      reminderKey: `survey_follow_up:${saved.id}`,
      eventId: null,
    });
    const done = {
      clientId: p.client.id,
      key: `survey_follow_up:${saved.id}`,
      action: 'done' as const,
      until: null,
      reason: null,
      contactId: contact.id,
    };
    await actOnReminder(trx, store.raw, at, settings, today, caller, done);
  }
  // Sheets, callbacks and the cases' steps were rederived as of their own days, or not at all: bring them to today.
  const complainants = await trx
    .selectFrom('complaints')
    .select('client_id')
    .where('demo', '=', 1)
    .where('client_id', 'is not', null)
    .execute();
  for (const k of complainants) touched.add(k.client_id!);
  const derived = new ClientRederiver(store.raw, settings, localDate(now, tz));
  for (const id of touched) derived.touch(id);
  derived.finish();
  await appendAudit(trx, clock, {
    staffId: null,
    staffLogin: options.actor,
    method: 'admin.seed.surveys',
    targetIds: [`surveys:${plan.length}`],
  });
  return plan.length;
}

/** Promoter, passive or detractor: a branch's usual mix (about half promoters, one in seven detractors), leaned. */
function moodOf(rng: Rng, lean: number): Mood {
  const detractor = Math.max(0.03, 0.14 - lean * 0.6);
  const promoter = Math.min(0.9, 0.52 + lean);
  const x = rng.next();
  return x < detractor ? 'detractor' : x < detractor + promoter ? 'promoter' : 'passive';
}

/** One sheet's answers under the shipped version 1 of its template: scores by mood, optional questions sometimes. */
function answersFor(rng: Rng, code: Code, mood: Mood, theme: Theme | null, client: Client | null) {
  const answers: Record<string, SurveyAnswer> = { overall: rng.pick(SCORES[mood].overall), recommend: rng.pick(SCORES[mood].recommend) };
  const overall = answers.overall as number;
  const near = (n: number) => Math.max(1, Math.min(5, n + rng.pick([-1, 0, 0, 0, 1])));
  const some = <T>(items: readonly T[], most: number) => rng.sample(items, rng.int(1, most));
  let said: Theme | null = null;
  if (rng.chance(SCORES[mood].says)) {
    const fitting = COMMENTS.filter((c) => c.mood === mood && (!c.only || c.only.includes(code)));
    const themed = fitting.filter((c) => c.theme === theme);
    const comment = rng.pick(themed.length > 0 && rng.chance(0.6) ? themed : fitting);
    answers.comment = comment.text;
    said = comment.theme ?? null;
  }
  if (code === 'counter_visit') {
    answers.waiting = said === 'waiting' || theme === 'waiting' ? Math.min(overall, rng.int(1, 3)) : near(overall);
    if (mood !== 'promoter' && rng.chance(0.5))
      answers.improve = said === 'waiting' ? ['waiting'] : some(['waiting', 'attitude', 'explanation', 'environment'], 2);
  } else if (code === 'phone_callback') {
    answers.resolved = mood === 'promoter' || (mood === 'passive' && rng.chance(0.8)) ? 'yes' : rng.pick(['partly', 'partly', 'no']);
  } else if (code === 'after_event') {
    answers.content = near(overall);
    if (rng.chance(0.45)) answers.next_topics = some(['wealth', 'pension', 'metals', 'health', 'children'], 2);
  } else if (code === 'after_complaint') {
    answers.timely = overall >= 4 || rng.chance(0.3) ? 'yes' : 'no';
    answers.explained = near(overall);
  } else {
    if (rng.chance(0.6)) answers.channels = some(['counter', 'app', 'phone', 'atm'], 3);
    if (rng.chance(0.5)) answers.manager = client?.manager_id && rng.chance(0.85) ? 'yes' : 'no';
  }
  return { answers, theme: said ?? theme };
}

/** How many days back a sheet was given: any day of the past year, recent months busier, Sundays quiet. */
function pastDay(rng: Rng, now: number, tz: string): number {
  for (;;) {
    const back = rng.int(1, 365);
    const weekday = new Date(`${localDate(now - back * DAY_MS, tz)}T00:00:00Z`).getUTCDay();
    if (rng.next() * 1.5 < (1.5 - back / 365) * (weekday === 0 ? 0.35 : weekday === 6 ? 0.7 : 1)) return back;
  }
}

/** A moment of business hours `back` days ago, in the branch's zone. */
function moment(rng: Rng, now: number, tz: string, back: number, fromHour: number, toHour: number): number {
  const day = localDate(now - back * DAY_MS, tz);
  const hh = String(rng.int(fromHour, toHour - 1)).padStart(2, '0');
  const mm = String(rng.int(0, 59)).padStart(2, '0');
  return wallTimeToMs(`${day} ${hh}:${mm}`, tz) ?? now - back * DAY_MS;
}

function monthOf(ms: number, tz: string): string {
  return localDate(ms, tz).slice(0, 7);
}

/** The shipped version 1 of each template still offered (a retired one takes no answers). */
async function openVersions(trx: Trx): Promise<Map<Code, string>> {
  const rows = await trx.selectFrom('survey_templates').select(['id', 'code']).where('retired', '=', 0).execute();
  return new Map(rows.filter((r) => r.id === `survey:${r.code}`).map((r) => [r.code as Code, `${r.id}:1`]));
}

/** The seeder's staff accounts (relationship managers rm01…, the complaint officer ts01), in login order. */
async function demoStaff(trx: Trx, login: string): Promise<Staff[]> {
  const rows = await trx
    .selectFrom('staff')
    .select(['id', 'login', 'display_name'])
    .where('demo', '=', 1)
    .where('login', 'like', login)
    .orderBy('login')
    .execute();
  return rows.map((r) => ({ id: r.id, login: r.login, displayName: r.display_name, roles: ['counter'] }));
}
