import { afterEach, describe, expect, it } from 'vitest';
import type { WorklistRow } from '../../src-shared/contract';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, masterClients, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

// The branch manager who set each workstation up (admin and manager): publishes templates, sees the branch's worklist.
const MANAGER = 'admin-window';
const BRANCH = '0931';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

async function template(w: Workstation, code: string) {
  const found = (await ok(w.call(MANAGER, 'surveys.templates', {}))).find((x) => x.code === code);
  if (!found) throw new Error(`no template ${code}`);
  return found;
}

describe.each(HUB_KINDS)('surveys across the branch with the %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function station(h: TestHub): Promise<Workstation> {
    const w = await workstation();
    cleanups.push(() => w.cleanup());
    await withAdmin(w, MANAGER);
    await ok(w.call(MANAGER, 'settings.update', { quarterlySurveyOneIn: 0 }));
    await w.enroll(h, BRANCH);
    await w.sync.syncNow();
    return w;
  }

  it('versions published at both desks offline number alike everywhere; answers keep theirs, are scored and followed up at the other desk', async () => {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    const { clients, changes } = masterClients(h.clock, BRANCH, ['王芳', '李娜'], 20_000);
    await h.server.service.appendMasterData(BRANCH, changes);
    const a = await station(h);
    const b = await station(h);
    const [wang, li] = clients;

    // Offline, each desk's manager publishes a change to the phone callback survey; B's a minute later.
    const v1 = await template(a, 'phone_callback');
    const withComment = (label: string) => ({
      templateId: v1.id,
      occasion: 'phone_callback' as const,
      title: v1.current.title,
      questions: v1.current.questions.map((q) => (q.id === 'comment' ? { ...q, text: { 'zh-CN': label, 'zh-TW': '', en: '' } } : q)),
    });
    const fromA = await ok(a.call(MANAGER, 'surveys.publish', withComment('您还有什么建议')));
    b.clock.advance(60_000);
    const fromB = await ok(b.call(MANAGER, 'surveys.publish', withComment('您对我们还有什么期望')));
    // An answer under A's version, before anyone synced: a detractor, to be followed up.
    const sheet = { overall: 3, resolved: 'partly', recommend: 4, comment: '转账限额太低' };
    await ok(a.call(MANAGER, 'surveys.submit', { versionId: fromA.current.id, clientId: wang!.id, answers: sheet }));
    // The same template retired at B (it will be offered again at A after that, later still).
    await ok(b.call(MANAGER, 'surveys.retire', { id: 'survey:counter_visit', retired: true }));

    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const w of [a, b]) {
      const history = await ok(w.call(MANAGER, 'surveys.template', { id: v1.id }));
      expect(history.versions.map((v) => [v.number, v.id])).toEqual([
        [1, v1.current.id],
        [2, fromA.current.id],
        [3, fromB.current.id],
      ]);
      expect(history.template.current.questions.at(-1)?.text['zh-CN']).toBe('您对我们还有什么期望');
      expect((await template(w, 'counter_visit')).retired).toBe(true);
      const answers = await ok(w.call(MANAGER, 'surveys.responses', { from: '2026-11-01', to: '2026-11-30' }));
      expect(answers.rows.map((r) => [r.versionNumber, r.csat, r.nps, r.followUp, r.texts.map((t) => t.answer)])).toEqual([
        [2, 3, 4, true, ['转账限额太低']],
      ]);
      const items = (await ok<{ rows: WorklistRow[] }>(w.call(MANAGER, 'reminders.worklist', { limit: 100 }))).rows;
      expect(items.filter((r) => r.kind === 'survey_follow_up').map((r) => [r.clientName, r.detail])).toEqual([
        ['王芳', 'NPS 4 · CSAT 3 · “转账限额太低”'],
      ]);
    }

    // The follow-up done at B is done at A; B's report counts A's answer and its own alike.
    const item = (await ok<{ rows: WorklistRow[] }>(b.call(MANAGER, 'reminders.worklist', { limit: 100 }))).rows.find(
      (r) => r.kind === 'survey_follow_up',
    )!;
    await ok(b.call(MANAGER, 'reminders.act', { clientId: wang!.id, key: item.key, action: 'done', reason: null, contactId: null }));
    await ok(
      b.call(MANAGER, 'surveys.submit', {
        versionId: fromB.current.id,
        clientId: li!.id,
        answers: { overall: 5, resolved: 'yes', recommend: 10 },
      }),
    );
    await b.sync.syncNow();
    await a.sync.syncNow();
    const onA = (await ok<{ rows: WorklistRow[] }>(a.call(MANAGER, 'reminders.worklist', { limit: 100 }))).rows;
    expect(onA.filter((r) => r.kind === 'survey_follow_up')).toEqual([]);
    for (const w of [a, b]) {
      const report = await ok(w.call(MANAGER, 'surveys.report', { from: '2026-11-01', to: '2026-11-30' }));
      expect(report.total).toMatchObject({ responses: 2, csatResponses: 2, csat: 0.5, nps: 0, promoters: 1, detractors: 1 });
    }
  });
});
