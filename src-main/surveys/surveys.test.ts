import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, WorklistRow } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, withStaff, type TestApp } from '../../test/fixtures/store';
import { removeDemoData } from '../demo/remove';

let t: TestApp;
afterEach(() => t.cleanup());

const MANAGER = 'admin-window'; // the branch manager who set the workstation up (admin and manager)

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const staffId = (login: string) => (t.store.raw.prepare('SELECT id FROM staff WHERE login = ?').get(login) as { id: string }).id;
const count = (sql: string, ...params: unknown[]) => (t.store.raw.prepare(sql).get(...params) as { n: number }).n;

/** A branch on 2 November 2026: a counter clerk, a relationship manager and two of her clients, one client of nobody's. */
async function branch() {
  t = await testApp();
  await withAdmin(t);
  const clerk = await withStaff(t, 'chen.li', ['counter']);
  const rm = await withStaff(t, 'li.na', ['counter']);
  const [wang, zhao, sun] = await addClients(t.store, t.clock, [
    { name: '王秀英', managerId: staffId('li.na') },
    { name: '赵建华', managerId: staffId('li.na') },
    { name: '孙丽' },
  ]);
  // The quarterly questionnaire's sample is drawn by client id: the stories that are not about it leave it out.
  await ok(t.call(MANAGER, 'settings.update', { quarterlySurveyOneIn: 0 }));
  return { clerk, rm, wang: wang!, zhao: zhao!, sun: sun! };
}

async function template(code: string) {
  const all = await ok(t.call(MANAGER, 'surveys.templates', {}));
  const found = all.find((x) => x.code === code);
  if (!found) throw new Error(`no template ${code}`);
  return found;
}

const callback = (answers: Record<string, number | string | string[] | null>) => ({
  overall: 4,
  resolved: 'yes',
  recommend: 9,
  ...answers,
});

async function submit(channel: string, input: Partial<InputOf<'surveys.submit'>> & { answers: InputOf<'surveys.submit'>['answers'] }) {
  const versionId = input.versionId ?? (await template('phone_callback')).current.id;
  return t.call(channel, 'surveys.submit', { clientId: null, ...input, versionId });
}

const worklist = async (channel: string) =>
  (await ok<{ rows: WorklistRow[] }>(t.call(channel, 'reminders.worklist', { limit: 500 }))).rows.filter((r) =>
    r.kind.startsWith('survey'),
  );

describe('survey templates', () => {
  it('ship five, one per occasion, each at version 1 in three languages', async () => {
    await branch();
    const all = await ok(t.call(MANAGER, 'surveys.templates', {}));
    expect(all.map((x) => x.occasion).sort()).toEqual(['after_complaint', 'after_event', 'counter_visit', 'phone_callback', 'quarterly']);
    for (const x of all) expect(x).toMatchObject({ retired: false, versions: 1, current: { number: 1 } });
    expect((await template('phone_callback')).current.title).toEqual({ 'zh-CN': '电话回访', 'zh-TW': '電話回訪', en: 'Phone callback' });
  });

  it('change only by a new version: an answer keeps the version it was given under, and is scored by it', async () => {
    const { clerk, wang } = await branch();
    const v1 = await template('phone_callback');
    // Under version 1 the CSAT question is "overall".
    const first = await ok(submit(clerk, { clientId: wang, answers: callback({ overall: 2, recommend: 8 }) }));
    expect(first).toMatchObject({ csat: 2, nps: 8, followUp: true });

    // Version 2 asks about the call itself as its CSAT question, and adds a choice.
    const questions = v1.current.questions.map((q) => ({
      ...q,
      csat: q.id === 'overall' ? false : q.csat,
      choices:
        q.id === 'resolved' ? [...(q.choices ?? []), { code: 'not_yet', label: { 'zh-CN': '正在办理', 'zh-TW': '', en: '' } }] : q.choices,
    }));
    questions.splice(1, 0, {
      id: 'call',
      type: 'rating',
      required: true,
      csat: true,
      text: { 'zh-CN': '您对本次回访电话的满意度', 'zh-TW': '', en: 'How was this call?' },
      choices: undefined,
    });
    expect(
      await t.call(clerk, 'surveys.publish', { templateId: v1.id, occasion: 'phone_callback', title: v1.current.title, questions }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const v2 = await ok(
      t.call(MANAGER, 'surveys.publish', {
        templateId: v1.id,
        occasion: 'phone_callback',
        title: v1.current.title,
        questions,
        note: '加问回访电话',
      }),
    );
    expect(v2).toMatchObject({ id: v1.id, versions: 2, current: { number: 2, note: '加问回访电话' } });
    // A blank translation shows the Simplified Chinese text.
    expect(v2.current.questions[1]?.text).toEqual({
      'zh-CN': '您对本次回访电话的满意度',
      'zh-TW': '您对本次回访电话的满意度',
      en: 'How was this call?',
    });

    // Version 1's answer is unchanged; version 2's is scored by its own CSAT question.
    const second = await ok(
      submit(clerk, { versionId: v2.current.id, clientId: wang, answers: callback({ overall: 1, call: 5, resolved: 'not_yet' }) }),
    );
    // Overall 1 is no longer the CSAT question and NPS 9 is no detractor: nothing to follow up.
    expect(second).toMatchObject({ csat: 5, followUp: false });
    const history = await ok(t.call(MANAGER, 'surveys.template', { id: v1.id }));
    expect(history.versions.map((v) => [v.number, v.responses])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const rows = (await ok(t.call(MANAGER, 'surveys.responses', { from: '2026-11-01', to: '2026-11-30' }))).rows;
    expect(rows.map((r) => [r.versionNumber, r.csat, r.nps]).sort()).toEqual([
      [1, 2, 8],
      [2, 5, 9],
    ]);
    // "not_yet" is a choice of version 2 only.
    expect(await submit(clerk, { versionId: v1.current.id, clientId: wang, answers: callback({ resolved: 'not_yet' }) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'answers.resolved', key: 'validation.surveys.not_a_choice' }] },
    });
  });

  it('are checked before publishing, each problem named by its question', async () => {
    await branch();
    const bad = await t.call(MANAGER, 'surveys.publish', {
      templateId: null,
      occasion: 'counter_visit',
      title: { 'zh-CN': '理财经理服务评价' },
      questions: [
        { id: 'a', type: 'rating', required: true, csat: true, text: { 'zh-CN': '服务' } },
        { id: 'b', type: 'nps', required: true, csat: true, text: { 'zh-CN': '推荐' } },
        { id: 'c', type: 'single', required: true, text: { 'zh-CN': '渠道' }, choices: [{ code: 'x', label: { 'zh-CN': '柜面' } }] },
        { id: 'a', type: 'text', required: false, text: { 'zh-CN': '意见' } },
      ],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) {
      expect(bad.error.issues?.map((i) => [i.path, i.key])).toEqual([
        ['questions.b', 'validation.surveys.csat_not_rating'],
        ['questions.c', 'validation.surveys.no_choices'],
        ['questions.a', 'validation.surveys.duplicate_id'],
      ]);
    }
    expect(count('SELECT count(*) AS n FROM survey_templates')).toBe(5);

    const made = await ok(
      t.call(MANAGER, 'surveys.publish', {
        templateId: null,
        occasion: 'counter_visit',
        title: { 'zh-CN': '理财经理服务评价', en: 'Wealth advice' },
        questions: [{ id: 'advice', type: 'rating', required: true, csat: true, text: { 'zh-CN': '理财建议是否清楚' } }],
      }),
    );
    expect(made).toMatchObject({
      occasion: 'counter_visit',
      versions: 1,
      current: { title: { en: 'Wealth advice', 'zh-TW': '理财经理服务评价' } },
    });
    expect(made.code).toMatch(/^counter_visit_/);
  });

  it('in use are retired, never deleted: no new answers, the old ones stay', async () => {
    const { clerk, wang } = await branch();
    const x = await template('phone_callback');
    await ok(submit(clerk, { clientId: wang, answers: callback({}) }));
    const retired = await ok(t.call(MANAGER, 'surveys.retire', { id: x.id, retired: true }));
    expect(retired.retired).toBe(true);
    expect(await submit(clerk, { versionId: x.current.id, clientId: wang, answers: callback({}) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'errors.surveys.retired' },
    });
    expect(() => t.store.raw.prepare('DELETE FROM survey_templates WHERE id = ?').run(x.id)).toThrow(/retired, never deleted/);
    expect(() => t.store.raw.prepare("UPDATE survey_responses SET answers = '{}'").run()).toThrow(/append-only/);
    expect(count('SELECT count(*) AS n FROM survey_responses')).toBe(1);
    expect((await ok(t.call(MANAGER, 'surveys.retire', { id: x.id, retired: false }))).retired).toBe(false);
  });
});

describe('entering answers', () => {
  it('refuses bad input in main with each question named, and saves nothing', async () => {
    const { clerk, wang } = await branch();
    const res = await submit(clerk, { clientId: wang, answers: { overall: 6, resolved: 'maybe', recommend: null, extra: 'x' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'validation.surveys.unknown_question' } });
    if (!res.ok) {
      expect(res.error.issues?.map((i) => [i.path, i.key])).toEqual([
        ['answers.extra', 'validation.surveys.unknown_question'],
        ['answers.overall', 'validation.surveys.rating_range'],
        ['answers.resolved', 'validation.surveys.not_a_choice'],
        ['answers.recommend', 'validation.surveys.required'],
      ]);
    }
    expect(await submit(clerk, { clientId: wang, answers: callback({ recommend: 11 }) })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'answers.recommend', key: 'validation.surveys.nps_range' }] },
    });
    expect(await submit(clerk, { clientId: wang, answers: callback({ resolved: ['yes', 'no'] }) })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'answers.resolved', key: 'validation.surveys.one_choice' }] },
    });
    expect(count('SELECT count(*) AS n FROM survey_responses')).toBe(0);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
  });

  it('takes an anonymous respondent, and writes its outbox record with it', async () => {
    const { clerk } = await branch();
    const saved = await ok(submit(clerk, { respondent: '路过的张先生', answers: callback({ comment: '  排队太久  ' }) }));
    const row = t.store.raw.prepare('SELECT client_id, respondent, answers, has_text FROM survey_responses WHERE id = ?').get(saved.id);
    expect(row).toEqual({
      client_id: null,
      respondent: '路过的张先生',
      answers: JSON.stringify(callback({ comment: '排队太久' })),
      has_text: 1,
    });
    expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'survey_responses' AND row_id = ?", saved.id)).toBe(1);
  });

  it('a detractor, or a CSAT of 1–2, is a follow-up for the client’s relationship manager with the answer quoted', async () => {
    const { clerk, rm, wang, zhao, sun } = await branch();
    await ok(submit(clerk, { clientId: wang, answers: callback({ recommend: 3, comment: '理财经理电话总打不通' }) }));
    await ok(submit(clerk, { clientId: zhao, answers: callback({ overall: 3, recommend: 7 }) })); // a passive: nothing
    await ok(submit(clerk, { clientId: sun, answers: callback({ overall: 2 }) })); // nobody's client: the branch pool
    const mine = await worklist(rm);
    expect(mine).toEqual([
      expect.objectContaining({
        clientId: wang,
        kind: 'survey_follow_up',
        dueDate: '2026-11-03',
        detail: 'NPS 3 · CSAT 4 · “理财经理电话总打不通”',
      }),
    ]);
    // The manager sees the whole branch, the unassigned client's too.
    expect((await worklist(MANAGER)).map((r) => [r.clientId, r.kind]).sort()).toEqual(
      [
        [wang, 'survey_follow_up'],
        [sun, 'survey_follow_up'],
      ].sort(),
    );
    // Nobody will call the unassigned client back but the clerk who took the low score down: it is on their own list.
    expect((await worklist(clerk)).map((r) => [r.clientId, r.kind])).toEqual([[sun, 'survey_follow_up']]);
    expect(await ok(t.call(clerk, 'reminders.counts', { kind: 'survey_follow_up' }))).toMatchObject({ overdue: 0, today: 0, upcoming: 1 });
    // Done once the call is made, like any reminder.
    const item = mine[0]!;
    await ok(t.call(rm, 'reminders.act', { clientId: wang, key: item.key, action: 'done', reason: null, contactId: null }));
    expect(await worklist(rm)).toEqual([]);
  });
});

describe('surveys due on the worklist', () => {
  it('after a complaint is closed, until the complainant answers the after-complaint survey', async () => {
    const { clerk, rm, wang } = await branch();
    const officer = await withStaff(t, 'he.min', ['complaints']);
    const taken = await ok(
      t.call(clerk, 'complaints.create', {
        complainantKind: 'client',
        clientId: wang,
        channel: 'phone',
        businessLine: 'credit_card',
        cause: 'pricing_and_fees',
        description: '年费未告知',
        severity: 'low',
      }),
    );
    const step = (expected: string, s: InputOf<'complaints.step'>['step']) =>
      ok(t.call(officer, 'complaints.step', { id: taken.id, expectedStatus: expected as never, step: s }));
    await step('received', { kind: 'accepted', note: null });
    await step('accepted', { kind: 'investigating', note: null });
    await step('investigating', {
      kind: 'decided',
      outcome: 'upheld',
      remedy: '退还年费',
      compensationFen: 0,
      reasons: '未告知',
      rootCause: '短信缺失',
      fix: '补发短信',
      complainantToldAt: '2026-11-02T09:00:00+08:00',
    });
    await step('decided', { kind: 'closed', satisfaction: null, note: null });
    expect(await worklist(rm)).toEqual([
      expect.objectContaining({
        clientId: wang,
        kind: 'survey_due',
        key: `survey_due:complaint:${taken.id}`,
        dueDate: '2026-11-05',
        refId: taken.id,
        detail: 'after_complaint',
      }),
    ]);

    // Another client's complaint cannot carry this survey; the complainant's can, and the item is gone.
    const after = (await template('after_complaint')).current;
    const sheet = { overall: 4, timely: 'yes', explained: 4, recommend: 8 };
    expect(await submit(rm, { versionId: after.id, clientId: null, complaintId: taken.id, answers: sheet })).toMatchObject({
      ok: false,
      error: { key: 'errors.surveys.not_the_complainant' },
    });
    await ok(submit(rm, { versionId: after.id, clientId: wang, complaintId: taken.id, answers: sheet }));
    expect(await worklist(rm)).toEqual([]);
  });

  it('the closing step names the survey answered at closing and records its CSAT as the satisfaction', async () => {
    const { clerk, wang } = await branch();
    const officer = await withStaff(t, 'he.min', ['complaints']);
    const taken = await ok(
      t.call(clerk, 'complaints.create', {
        complainantKind: 'client',
        clientId: wang,
        channel: 'counter',
        businessLine: 'savings',
        cause: 'service_attitude',
        description: '柜员态度差',
        severity: 'low',
      }),
    );
    const step = (expected: string, s: InputOf<'complaints.step'>['step']) =>
      t.call(officer, 'complaints.step', { id: taken.id, expectedStatus: expected as never, step: s });
    await ok(step('received', { kind: 'accepted', note: null }));
    await ok(step('accepted', { kind: 'investigating', note: null }));
    await ok(
      step('investigating', {
        kind: 'decided',
        outcome: 'upheld',
        remedy: '致歉',
        compensationFen: 0,
        reasons: '属实',
        rootCause: '培训不足',
        fix: '培训',
        complainantToldAt: '2026-11-02T09:00:00+08:00',
      }),
    );
    const other = await ok(submit(officer, { clientId: wang, answers: callback({}) }));
    expect(await step('decided', { kind: 'closed', satisfaction: null, surveyId: other.id, note: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.bad_survey' },
    });
    const after = (await template('after_complaint')).current;
    const survey = await ok(
      submit(officer, {
        versionId: after.id,
        clientId: wang,
        complaintId: taken.id,
        answers: { overall: 5, timely: 'yes', explained: 5, recommend: 10 },
      }),
    );
    const closed = await ok(step('decided', { kind: 'closed', satisfaction: null, surveyId: survey.id, note: null }));
    expect(closed.content?.events.at(-1)).toMatchObject({ kind: 'closed', data: { satisfaction: 5, surveyId: survey.id } });
  });

  it('after an event the client came to, and the quarterly questionnaire for a sample of ordinary clients', async () => {
    const { rm, wang, zhao } = await branch();
    const coordinator = await withStaff(t, 'xu.ting', ['events']);
    const event = await ok(
      t.call(coordinator, 'events.save', {
        id: null,
        plan: { title: '养老规划讲座', type: 'lecture', startsAt: '2026-11-02T10:00:00+08:00', venue: '二楼', capacity: 10 },
      }),
    );
    await ok(t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'draft', step: 'opened' }));
    await ok(t.call(coordinator, 'events.addGuest', { eventId: event.id, clientId: wang }));
    await ok(t.call(coordinator, 'events.checkin', { eventId: event.id, clientId: wang }));
    await ok(t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'open', step: 'held' }));
    expect(await worklist(rm)).toEqual([
      expect.objectContaining({ clientId: wang, key: `survey_due:event:${event.id}`, dueDate: '2026-11-05' }),
    ]);

    // zhao was not there: an after-event survey for zhao is refused.
    const afterEvent = (await template('after_event')).current;
    const sheet = { overall: 5, content: 4, recommend: 9 };
    expect(await submit(rm, { versionId: afterEvent.id, clientId: zhao, eventId: event.id, answers: sheet })).toMatchObject({
      ok: false,
      error: { key: 'errors.surveys.not_at_event' },
    });
    await ok(submit(rm, { versionId: afterEvent.id, clientId: wang, eventId: event.id, answers: sheet }));
    expect(await worklist(rm)).toEqual([]);

    // Every ordinary client in the sample (one in one) is due the questionnaire by the quarter's end, until answered.
    await ok(t.call(MANAGER, 'settings.update', { quarterlySurveyOneIn: 1 }));
    expect((await worklist(rm)).map((r) => [r.clientId, r.key, r.dueDate]).sort()).toEqual(
      [
        [wang, 'survey_due:quarterly:2026Q4', '2026-12-31'],
        [zhao, 'survey_due:quarterly:2026Q4', '2026-12-31'],
      ].sort(),
    );
    const quarterly = (await template('quarterly')).current;
    await ok(submit(rm, { versionId: quarterly.id, clientId: zhao, answers: { overall: 4, recommend: 8 } }));
    expect((await worklist(rm)).map((r) => r.clientId)).toEqual([wang]);
  });
});

describe('the figures', () => {
  it('CSAT and NPS by month, template and staff member equal counts made straight in SQL', async () => {
    const { clerk, rm, wang, zhao } = await branch();
    const scores: [string, number, number][] = [
      [clerk, 5, 10],
      [clerk, 4, 9],
      [clerk, 3, 8],
      [rm, 2, 6],
      [rm, 5, 7],
    ];
    for (const [channel, overall, recommend] of scores)
      await ok(submit(channel, { clientId: wang, answers: callback({ overall, recommend }) }));
    t.clock.advance(31 * 86_400_000); // December
    for (const login of ['chen.li']) await ok(t.call(`${login}-window`, 'auth.signIn', { login, password: `${login}-pass-2026` }));
    await ok(t.call(MANAGER, 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' }));
    const counter = (await template('counter_visit')).current;
    await ok(submit(clerk, { versionId: counter.id, clientId: zhao, answers: { overall: 1, waiting: 1, recommend: 0 } }));

    const report = await ok(t.call(MANAGER, 'surveys.report', { from: '2026-10-01', to: '2026-12-31' }));
    // November: CSAT 3 of 5 answered 4–5; NPS (2 promoters − 1 detractor) / 5 = 20. December: 0 and −100.
    expect(report.byMonth.map((m) => [m.month, m.responses, m.csat, m.nps])).toEqual([
      ['2026-10', 0, null, null],
      ['2026-11', 5, 0.6, 20],
      ['2026-12', 1, 0, -100],
    ]);
    const sql = t.store.raw
      .prepare(
        `SELECT count(*) AS n, avg(csat >= 4) AS csat, 100.0 * (sum(nps >= 9) - sum(nps <= 6)) / count(nps) AS nps FROM survey_responses`,
      )
      .get() as { n: number; csat: number; nps: number };
    expect(report.total).toMatchObject({ responses: sql.n, nps: Math.round(sql.nps * 10) / 10 });
    expect(report.total.csat).toBeCloseTo(sql.csat, 10);
    expect(report.byStaff.map((s) => [s.staffName, s.responses, s.nps])).toEqual([
      ['chen.li', 4, 25],
      ['li.na', 2, -50],
    ]);
    expect(report.byTemplate.map((x) => [x.title.en, x.responses])).toEqual([
      ['Phone callback', 5],
      ['Counter visit', 1],
    ]);
    expect(report.byBranch).toHaveLength(1);
    // Filtered to a template.
    const one = await ok(t.call(MANAGER, 'surveys.report', { from: '2026-10-01', to: '2026-12-31', templateId: 'survey:counter_visit' }));
    expect(one.total).toMatchObject({ responses: 1, nps: -100, detractors: 1 });
    // Only managers read the branch's figures.
    expect(await t.call(clerk, 'surveys.report', { from: '2026-10-01', to: '2026-12-31' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('list the answers with words, masked, a manager’s list the branch’s and anyone else’s their own', async () => {
    const { clerk, rm, wang, zhao } = await branch();
    await ok(submit(clerk, { clientId: wang, answers: callback({ comment: '大堂经理很耐心' }) }));
    await ok(submit(rm, { clientId: zhao, answers: callback({ comment: '希望周末也能办理' }) }));
    await ok(submit(rm, { clientId: zhao, answers: callback({}) }));
    const all = await ok(t.call(MANAGER, 'surveys.responses', { from: '2026-11-01', to: '2026-11-30', withText: true }));
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.clientName, r.texts.map((x) => x.answer)]).sort()).toEqual([
      ['王**', ['大堂经理很耐心']],
      ['赵**', ['希望周末也能办理']],
    ]);
    const found = await ok(t.call(MANAGER, 'surveys.responses', { from: '2026-11-01', to: '2026-11-30', search: '周末' }));
    expect(found.rows.map((r) => r.staffName)).toEqual(['li.na']);
    const own = await ok(t.call(clerk, 'surveys.responses', { from: '2026-11-01', to: '2026-11-30' }));
    expect(own.rows.map((r) => r.staffName)).toEqual(['chen.li']);
  });

  it('export the figures and the answers as CSV', async () => {
    const { clerk, wang } = await branch();
    await ok(submit(clerk, { clientId: wang, answers: callback({ recommend: 2, comment: '不满意' }) }));
    const figures = await ok(
      t.call(MANAGER, 'surveys.export', {
        from: '2026-11-01',
        to: '2026-11-30',
        jobId: '01a00000-0000-7000-8000-000000000001',
        format: 'csv',
        what: 'figures',
      }),
    );
    const text = Buffer.from(figures.contentBase64, 'base64').toString('utf8');
    expect(text).toContain('月份,答卷数,CSAT 作答数,CSAT（%）,NPS 作答数,NPS');
    expect(text).toContain('2026-11,1,1,100,1,-100,0,0,1');
    const answers = await ok(
      t.call(MANAGER, 'surveys.export', {
        from: '2026-11-01',
        to: '2026-11-30',
        jobId: '01a00000-0000-7000-8000-000000000002',
        format: 'csv',
        what: 'answers',
      }),
    );
    const lines = Buffer.from(answers.contentBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[1]).toBe('2026-11-02,电话回访,1,王**,chen.li,4,2,是,,,不满意');
  });
});

describe('demo answers', () => {
  it('never enter the outbox and leave with the demo data, anonymous ones too', async () => {
    const { clerk, wang } = await branch();
    const [demoClient] = await addClients(t.store, t.clock, [{ name: '演示客户' }]);
    t.store.raw.prepare('UPDATE clients SET demo = 1 WHERE id = ?').run(demoClient);
    await ok(submit(clerk, { clientId: demoClient!, answers: callback({}) }));
    await ok(submit(clerk, { clientId: wang, answers: callback({}) }));
    t.store.raw
      .prepare(
        "INSERT INTO survey_responses (id, branch_id, created_at, updated_hlc, template_id, version_id, at, day, answers, demo) VALUES ('d1', 'b', 'x', '1', 'survey:phone_callback', 'survey:phone_callback:1', 'x', '2026-11-02', '{}', 1)",
      )
      .run();
    expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'survey_responses'")).toBe(1);
    await removeDemoData(t.store, t.clock, { staffId: null, staffLogin: 'test', method: 'demo.remove' });
    expect(t.store.raw.prepare('SELECT client_id FROM survey_responses').all()).toEqual([{ client_id: wang }]);
  });
});
