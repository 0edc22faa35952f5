import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf, Staff } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/contract/errors';
import { addDays, addMonths } from '../../src-shared/domain/calendar-date';
import { systemClock } from '../../src-shared/domain/clock';
import { uuidv7 } from '../../src-shared/domain/ids';
import { checkAnswers, checkedQuestions, type SurveyAnswer, type SurveyQuestion } from '../../src-shared/domain/surveys';
import { todayOf } from '../../src-main/app';
import { appendAudit } from '../../src-main/audit/log';
import { createStaff } from '../../src-main/auth/staff';
import { withBulkWriter } from '../../src-main/clients/bulk';
import { ClientRederiver } from '../../src-main/clients/rederive';
import { DemoArchive } from '../../src-main/clients/seed/generate';
import { Rng } from '../../src-main/clients/seed/random';
import { dayFormatter } from '../../src-main/reminders/due';
import { deferIndexes, withBulkLoad } from '../../src-main/store/bulk-load';
import { generateKey } from '../../src-main/store/key';
import { openStore, type RawDb } from '../../src-main/store/open';
import { reportGrouping, surveyReport } from '../../src-main/surveys/figures';
import { submitResponse, type SubmitInput } from '../../src-main/surveys/responses';
import { scoreColumns, storedQuestions } from '../../src-main/surveys/scoring';
import { DeviceClock } from '../../src-main/sync/device-clock';
import { deviceIdentity } from '../../src-main/sync/state';
import { createWorkstation } from '../../src-main/workstation';
import { percentiles } from './stats';

export interface SurveysBenchOptions {
  responses: number;
  /** Real clients the answer sheets are spread over. */
  clients: number;
  seed: number;
  /** Timed entries (each way: through the router, and the service alone). */
  queries: number;
  workDir: string;
  log: (message: string) => void;
}

/** Report runs: a manager opens the figures a few times a day, each read is cheap enough to repeat. */
const REPORT_RUNS = 20;
const PASSWORD = 'bench-pass-2026';

/** The branch's staff who hand out the sheets and type them in (relationship managers first). */
const STAFF = ['周晓明', '林嘉怡', '郑国强', '许婉婷', '冯志远', '曹雅琴', '彭子健', '何静怡', '高雪梅', '宋立新'];
const RELATIONSHIP_MANAGERS = 8;

/** How a year's sheets fall over the five shipped templates: the counter's slips most, a complaint's fewest. */
const TEMPLATE_SHARE: [code: string, share: number][] = [
  ['counter_visit', 0.5],
  ['phone_callback', 0.2],
  ['quarterly', 0.17],
  ['after_event', 0.1],
  ['after_complaint', 0.03],
];

/** A branch's ratings lean high, as they do in practice: CSAT 1–5 weights. */
const CSAT_WEIGHTS = [0.03, 0.05, 0.1, 0.27, 0.55];

const COMMENTS = [
  '排队时间太长，希望多开几个窗口',
  '柜员服务态度很好，讲解耐心',
  '理财经理介绍得很清楚，谢谢',
  '网点停车不方便',
  '希望手机银行能办理更多业务',
  '大堂经理主动引导，体验不错',
  '上次的问题已经解决了，满意',
  '活动内容很实用，希望多办几场',
  '投诉处理太慢，等了很久才有回复',
  '叫号系统经常出错',
];

/**
 * Issue 12's figures on an encrypted store holding N answer sheets over a year (the five shipped templates, ten staff
 * members, real clients): saving one sheet through the whole call path (router, the checks against its version,
 * scoring, the outbox record, the client's rederive with its follow-up reminder, audit) p95, and a year's CSAT and
 * NPS report by month, template, staff member and branch. The sheets go in directly with prepared statements
 * (scored as surveys/scoring.ts scores them), the clients through the bulk writer as real, non-demo clients.
 */
export async function benchSurveys(options: SurveysBenchOptions) {
  fs.mkdirSync(options.workDir, { recursive: true });
  const file = path.join(options.workDir, 'bench-surveys.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const key = generateKey();
  let store = await openStore({ path: file, key, create: true });
  let workstation = await createWorkstation(store, systemClock, { log: () => undefined });
  const call = async <M extends MethodName>(channel: string, method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const res = (await workstation.router(channel, method, input)) as Envelope<OutputOf<M>>;
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value;
  };
  await call('manager', 'auth.setupFirstAdmin', { login: 'admin', displayName: '王建国', password: PASSWORD });
  // The counter clerk who types the timed sheets in; the others only own clients and earlier sheets (no password:
  // nobody signs in as them here, and scrypt would cost a second each).
  const clerk = await call('manager', 'staff.create', { login: 'chen.li', displayName: '陈莉', roles: ['counter'], password: PASSWORD });
  const staff = await store.db.transaction().execute(async (trx) => {
    const made: Staff[] = [];
    for (const [i, displayName] of STAFF.entries()) {
      const login = `staff${String(i + 1).padStart(2, '0')}`;
      made.push(await createStaff(trx, systemClock, { login, displayName, roles: ['counter'], credentials: null }));
    }
    await appendAudit(trx, systemClock, { staffId: null, staffLogin: 'bench', method: 'staff.create', targetIds: made.map((s) => s.id) });
    return made;
  });

  const started = performance.now();
  const { app } = workstation;
  const today = todayOf(app);
  const timeZone = app.settings.timeZone;
  const year = { from: addDays(addMonths(today, -12), 1), to: today, templateId: null, staffId: null };
  options.log(`seeding ${options.clients} real clients…`);
  await withBulkLoad(store, 512 * 1024, (db) =>
    withBulkWriter(
      store,
      systemClock,
      async (writer) => {
        // The demo archive's generator, written as real clients (no demo mark): a sheet about one goes to the outbox.
        const archive = new DemoArchive(options.seed, Date.parse(today), staff.slice(0, RELATIONSHIP_MANAGERS), { ...app.settings, today });
        for (let i = 0; i < options.clients; i++) archive.next(writer);
        return Promise.resolve();
      },
      db,
    ),
  );
  const clientIds = store.raw.prepare('SELECT id FROM clients ORDER BY rowid').pluck().all() as string[];

  options.log(`seeding ${options.responses} answer sheets over a year…`);
  const versions = store.raw.prepare('SELECT id, template_id, questions FROM survey_versions').all() as {
    id: string;
    template_id: string;
    questions: string;
  }[];
  let followUps = 0;
  await withBulkLoad(store, 512 * 1024, (db) =>
    db.transaction().execute(async (trx) => {
      const { branchId } = await deviceIdentity(trx, systemClock);
      const stamps = await DeviceClock.load(trx, systemClock);
      // Into an empty table the indexes are built once at the end, from sorted keys (store/bulk-load.ts).
      const buildIndexes = deferIndexes(store.raw, ['survey_responses']);
      followUps = seedResponses(store.raw, {
        responses: options.responses,
        seed: options.seed,
        from: year.from,
        today,
        timeZone,
        branchId,
        stamp: () => stamps.tick(),
        versions,
        staff,
        clientIds,
      });
      buildIndexes();
      await stamps.save(trx);
      // The follow-ups the low scores raised, on the clients' worklists, as the sheets' own saves would have left them.
      await new ClientRederiver(store.raw, app.settings, today).all();
    }),
  );
  const seedSeconds = (performance.now() - started) / 1000;
  await workstation.stop();
  await store.close();

  // Reopened as a workstation starts in the morning.
  store = await openStore({ path: file, key });
  workstation = await createWorkstation(store, systemClock, { log: () => undefined });
  await call('manager', 'auth.signIn', { login: 'admin', password: PASSWORD });
  await call('counter', 'auth.signIn', { login: 'chen.li', password: PASSWORD });
  const raw = store.raw;
  const rng = new Rng(options.seed * 7919 + 12);

  // Entries on clients a relationship manager looks after: the rederive and the follow-up path run in full.
  const managed = raw
    .prepare('SELECT id FROM clients WHERE manager_id IS NOT NULL AND demo = 0 AND deleted_hlc IS NULL ORDER BY rowid')
    .pluck()
    .all() as string[];
  const entryClients = rng.sample(managed, options.queries * 2);
  const callback = versions.find((v) => v.template_id === 'survey:phone_callback')!.id;
  const counter = versions.find((v) => v.template_id === 'survey:counter_visit')!.id;
  // One in four a detractor with a poor rating (a follow-up), the rest promoters and passives.
  const sheet = (i: number): InputOf<'surveys.submit'> & SubmitInput => {
    const low = i % 4 === 0;
    const overall = low ? rng.int(1, 2) : rng.int(4, 5);
    const recommend = low ? rng.int(0, 6) : rng.int(7, 10);
    const comment = rng.chance(0.3) ? rng.pick(COMMENTS) : null;
    return i % 2 === 0
      ? {
          versionId: callback,
          clientId: entryClients[i]!,
          respondent: null,
          eventId: null,
          complaintId: null,
          answers: { overall, resolved: low ? 'no' : 'yes', recommend, comment },
        }
      : {
          versionId: counter,
          clientId: entryClients[i]!,
          respondent: null,
          eventId: null,
          complaintId: null,
          answers: { overall, waiting: low ? 2 : 4, improve: low ? ['waiting'] : null, recommend, comment },
        };
  };

  options.log('timing entries…');
  const outboxBefore = raw.prepare("SELECT count(*) FROM outbox WHERE table_name = 'survey_responses'").pluck().get() as number;
  const entry: number[] = [];
  let entryFollowUps = 0;
  for (let i = 0; i < options.queries; i++) {
    const input = sheet(i);
    const t0 = performance.now();
    const saved = await call('counter', 'surveys.submit', input);
    entry.push(performance.now() - t0);
    if (saved.followUp) entryFollowUps++;
  }
  const outbox = (raw.prepare("SELECT count(*) FROM outbox WHERE table_name = 'survey_responses'").pluck().get() as number) - outboxBefore;
  // The same sheets through the service alone, in a transaction (what the handler runs, without router and audit).
  const service: number[] = [];
  for (let i = options.queries; i < options.queries * 2; i++) {
    const input = sheet(i);
    const t0 = performance.now();
    await store.db.transaction().execute((trx) => submitResponse(trx, workstation.app, clerk, input));
    service.push(performance.now() - t0);
  }
  const followUpReminders = raw.prepare("SELECT count(*) FROM due_reminders WHERE kind = 'survey_follow_up'").pluck().get() as number;

  options.log('timing the year’s report…');
  const report: number[] = [];
  let last: Awaited<ReturnType<typeof surveyReport>> | null = null;
  for (let i = 0; i < REPORT_RUNS; i++) {
    const t0 = performance.now();
    last = await surveyReport(store.db, year);
    report.push(performance.now() - t0);
  }
  // The same through the router, as the figures page asks (output checked against the contract).
  const viaRouter: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await call('manager', 'surveys.report', year);
    viaRouter.push(performance.now() - t0);
  }
  const grouping = reportGrouping({ ...year, templateId: null, staffId: null }).compile(store.db);
  const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${grouping.sql}`).all(...grouping.parameters) as { detail: string }[]).map((r) => r.detail);
  const counts = raw.prepare('SELECT count(*) AS responses, sum(follow_up) AS follow_ups FROM survey_responses').get() as {
    responses: number;
    follow_ups: number;
  };
  const bytes = fs.statSync(file).size;
  await workstation.stop();
  await store.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

  const r = percentiles(report);
  const total = last?.total;
  return {
    responses: counts.responses,
    seeded_responses: options.responses,
    // Real (non-demo) clients from the demo archive's generator, so entries write their outbox records.
    clients: options.clients,
    clients_managed: managed.length,
    staff: STAFF.length,
    seed_seconds: Math.round(seedSeconds * 10) / 10,
    database_mb: Math.round(bytes / 1e5) / 10,
    entry: {
      ...percentiles(entry),
      follow_ups: entryFollowUps,
      outbox_records: outbox,
      service: percentiles(service),
    },
    report: {
      ms: r.p50_ms,
      ...r,
      // The first run after opening reads the index from disk; the rest from the page cache.
      first_ms: Math.round(report[0]! * 1000) / 1000,
      router: percentiles(viaRouter),
      period: `${year.from}..${year.to}`,
      responses_in_year: total?.responses ?? 0,
      csat: total?.csat ?? null,
      nps: total?.nps ?? null,
      months: last?.byMonth.length ?? 0,
      plan,
    },
    follow_ups: { seeded: followUps, in_store: counts.follow_ups, reminders: followUpReminders },
  };
}

interface SeedPlan {
  responses: number;
  seed: number;
  /** The first day of the report's year. */
  from: string;
  today: string;
  timeZone: string;
  branchId: string;
  stamp: () => string;
  versions: { id: string; template_id: string; questions: string }[];
  staff: Staff[];
  clientIds: string[];
}

/**
 * A year of answer sheets, day by day in time order (ids made from their instants keep every insert at the b-tree's
 * right edge): fewer at weekends, during opening hours, scored exactly as `scoreColumns` scores a saved sheet. Their
 * outbox records are left out, as though pushed long ago. Returns how many are follow-ups.
 */
function seedResponses(raw: RawDb, plan: SeedPlan): number {
  const rng = new Rng(plan.seed * 7919 + 29);
  const insert = raw.prepare(
    `INSERT INTO survey_responses (id, branch_id, created_at, updated_hlc, template_id, version_id, client_id, respondent,
       event_id, complaint_id, staff_id, staff_name, at, day, answers, demo, scored, csat, nps, follow_up, has_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const templates = TEMPLATE_SHARE.map(([code, share]) => {
    const v = plan.versions.find((x) => x.template_id === `survey:${code}`);
    if (!v) throw new Error(`no shipped version of ${code}`);
    const questions = checkedQuestions(storedQuestions(v.questions));
    return { code, share, templateId: v.template_id, versionId: v.id, questions };
  });
  // Some staff hand out more sheets than others.
  const staffWeights = plan.staff.map((_, i) => 1 + ((i * 7) % 5));
  const dayOf = dayFormatter(plan.timeZone);
  const zoneOffset = (ms: number) =>
    Date.parse(`${new Date(ms).toLocaleString('sv-SE', { timeZone: plan.timeZone }).replace(' ', 'T')}Z`) - ms;

  // Every day of the report's year before today (today's are the timed entries).
  const days: string[] = [];
  for (let d = plan.from; d < plan.today; d = addDays(d, 1)) days.push(d);
  const weights = days.map((d) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return weekday === 0 ? 0.4 : weekday === 6 ? 0.6 : 1;
  });
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let written = 0;
  let followUps = 0;
  let carried = 0;
  for (const [k, day] of days.entries()) {
    carried += (weights[k]! / weightSum) * plan.responses;
    const n = k === days.length - 1 ? plan.responses - written : Math.round(carried) - written;
    // Opening hours 09:00–17:00 in the branch's zone.
    const opens = Date.parse(`${day}T09:00:00Z`) - zoneOffset(Date.parse(`${day}T09:00:00Z`));
    const instants = Array.from({ length: n }, () => opens + Math.floor(rng.next() * 8 * 3600_000)).sort((a, b) => a - b);
    for (const atMs of instants) {
      const t = pickWeighted(rng, templates, (x) => x.share);
      const s = plan.staff[pickIndex(rng, staffWeights)]!;
      // Phone callbacks, quarterly questionnaires and follow-ups of events and complaints name a client; a counter
      // slip does six times in ten, the rest are anonymous (a name or nothing).
      const named = t.code !== 'counter_visit' || rng.chance(0.6);
      const clientId = named ? rng.pick(plan.clientIds) : null;
      const respondent = named || rng.chance(0.5) ? null : rng.pick(['张先生', '李女士', '刘阿姨', '陈先生']);
      const answers = answerSheet(rng, t.questions);
      const scores = scoreColumns(t.questions, answers);
      followUps += scores.follow_up;
      const at = new Date(atMs).toISOString();
      insert.run(
        uuidv7(atMs, rng.bytes),
        plan.branchId,
        at,
        plan.stamp(),
        t.templateId,
        t.versionId,
        clientId,
        respondent,
        s.id,
        s.displayName,
        at,
        dayOf(atMs),
        JSON.stringify(answers),
        scores.scored,
        scores.csat,
        scores.nps,
        scores.follow_up,
        scores.has_text,
      );
    }
    written += n;
  }
  return followUps;
}

/** One sheet as a saved one is kept (unanswered questions left out, a single choice as its code), checked. */
function answerSheet(rng: Rng, questions: readonly SurveyQuestion[]): Record<string, SurveyAnswer> {
  // One mood per sheet: the other ratings and the NPS lean the way the CSAT rating does.
  const mood = pickIndex(rng, CSAT_WEIGHTS) + 1;
  const answers: Record<string, SurveyAnswer> = {};
  for (const q of questions) {
    if (q.type === 'rating') {
      answers[q.id] = q.csat ? mood : clamp(mood + rng.int(-1, 1), 1, 5);
    } else if (q.type === 'nps') {
      answers[q.id] = clamp(mood * 2 + rng.int(-2, 1), 0, 10);
    } else if (q.type === 'single') {
      if (!q.required && rng.chance(0.3)) continue;
      const choices = q.choices ?? [];
      // The first choice is the good one ("yes", "resolved"); a poor mood picks any.
      answers[q.id] = mood >= 4 && rng.chance(0.85) ? choices[0]! : rng.pick(choices);
    } else if (q.type === 'multiple') {
      if (!q.required && rng.chance(0.6)) continue;
      answers[q.id] = rng.sample(q.choices ?? [], rng.int(1, 2));
    } else if (!q.required && rng.chance(mood <= 2 ? 0.5 : 0.1)) {
      answers[q.id] = rng.pick(COMMENTS);
    }
  }
  const issues = checkAnswers(questions, answers);
  if (issues.length > 0) throw new Error(`a generated sheet would be refused: ${JSON.stringify(issues)}`);
  return answers;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function pickIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (const [i, w] of weights.entries()) {
    r -= w;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  return items[pickIndex(rng, items.map(weight))]!;
}
