import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientSummary, ReminderView, WorklistCounts, WorklistCursor, WorklistRow } from '../../src-shared/contract';
import { addDays } from '../../src-shared/domain/calendar-date';
import { WORKLIST_GROUPS } from '../../src-shared/domain/worklist';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { todayOf } from '../app';
import { seedDemoClients } from '../clients/seed/run';
import { rederiveClients } from '../clients/rederive';
import { deferIndexes } from './bulk';
import { recomputeClientDue, refreshDue } from './due';
import { rebuildTallies } from './tallies';

const W = 'admin-window';
const DAY = 86_400_000;

async function ok<T>(res: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('a relationship manager works through reminders', () => {
  let t: TestApp;
  let a: string, b: string, c: string;
  let password: string;
  /** Days pass: the idle lock closes the session, and the clerk unlocks it. */
  /** The next morning: a session lasts a working day at most, so the clerk signs in again. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await ok(t.call(W, 'auth.signIn', { login: 'admin', password }));
  };

  const forClient = async (id: string) =>
    (await ok<{ reminders: ReminderView[] }>(t.call(W, 'reminders.forClient', { clientId: id }))).reminders;
  const overdueNames = async (overdueReminder: boolean) => {
    const page = await ok<{ rows: ClientSummary[] }>(t.call(W, 'clients.list', { filters: { overdueReminder }, limit: 500 }));
    return page.rows.map((r) => r.name).sort();
  };
  const worklist = async (input: Record<string, unknown> = {}) =>
    (await ok<{ rows: WorklistRow[] }>(t.call(W, 'reminders.worklist', { limit: 500, ...input }))).rows;

  beforeAll(async () => {
    t = await testApp();
    password = await withAdmin(t);
    [a, b, c] = (await addClients(t.store, t.clock, [{ name: '赵丽华' }, { name: '钱国强' }, { name: '孙美玲' }])) as [
      string,
      string,
      string,
    ];
    // 赵丽华 was promised a call back about a large-denomination CD on 30 October (overdue on 2 November);
    // 钱国强 was called today; 孙美玲 has not been contacted since 2015 (her monthly service reminder is overdue).
    await ok(
      t.call(W, 'clients.logContact', {
        clientId: a,
        channel: 'phone',
        content: '客户关注大额存单',
        followUp: { product: '大额存单', due: '2026-10-30' },
      }),
    );
    await ok(t.call(W, 'clients.logContact', { clientId: b, channel: 'sms', content: '到期提醒短信' }));
    // The quarterly questionnaire's sample is drawn by client id (random here): none of these three is in it.
    await ok(t.call(W, 'settings.update', { quarterlySurveyOneIn: 0 }));
    await t.app.reminders.run();
  });
  afterAll(async () => t.cleanup());

  it('the profile shows the overdue follow-up, and the cadence counts from the call', async () => {
    const reminders = await forClient(a);
    expect(reminders).toEqual([expect.objectContaining({ kind: 'follow_up', dueDate: '2026-10-30', overdue: true, detail: '大额存单' })]);
    expect(await forClient(b)).toEqual([]);
    expect((await forClient(c)).map((r) => r.kind)).toEqual(['ordinary_service']);
  });

  it('the client list filters by an overdue reminder, both ways', async () => {
    expect(await overdueNames(true)).toEqual(['孙美玲', '赵丽华']);
    expect(await overdueNames(false)).toEqual(['钱国强']);
  });

  it('the worklist lists them most urgent first (a promised follow-up before the cadence), then by due date', async () => {
    const rows = await worklist();
    expect(rows.map((r) => [r.clientName, r.kind, r.overdue, r.group])).toEqual([
      ['赵丽华', 'follow_up', true, 'overdue'],
      // Not contacted since 2015: long overdue, one line standing for every month missed.
      ['孙美玲', 'ordinary_service', true, 'long_overdue'],
    ]);
    expect(rows[1]!.missed).toBeGreaterThan(100);
    expect((await worklist({ kind: 'follow_up' })).map((r) => r.clientName)).toEqual(['赵丽华']);
  });

  it('refuses a dismissal without a reason, an unknown reminder, and a snooze into the past', async () => {
    const [followUp] = await forClient(a);
    expect(await t.call(W, 'reminders.act', { clientId: a, key: followUp!.key, action: 'dismissed' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'reason', key: 'validation.reason_required' }] },
    });
    expect(await t.call(W, 'reminders.act', { clientId: a, key: 'follow_up:nope:2026-10-30', action: 'done' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'errors.reminders.not_open' },
    });
    expect(await t.call(W, 'reminders.act', { clientId: b, key: followUp!.key, action: 'done' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call(W, 'reminders.act', { clientId: a, key: followUp!.key, action: 'snoozed', until: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'validation.snooze_until' },
    });
  });

  it('a contact recorded as doing the follow-up clears it, audited and in the outbox', async () => {
    const [followUp] = await forClient(a);
    const contact = await ok<{ id: string }>(
      t.call(W, 'clients.logContact', { clientId: a, channel: 'phone', content: '已回电介绍大额存单', reminderKey: followUp!.key }),
    );
    expect(await forClient(a)).toEqual([]);
    const action = t.store.raw.prepare('SELECT * FROM reminder_actions WHERE client_id = ?').get(a) as Record<string, unknown>;
    expect(action).toMatchObject({ reminder_key: followUp!.key, action: 'done', contact_id: contact.id });
    expect(
      t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'reminder_actions' AND row_id = ?").get(action.id),
    ).toEqual({
      n: 1,
    });
    const audit = t.store.raw.prepare("SELECT target_ids FROM audit_log WHERE method = 'clients.logContact' ORDER BY seq DESC").get() as {
      target_ids: string;
    };
    expect(JSON.parse(audit.target_ids)).toContain(`reminder:${followUp!.key}`);
    // Done is final: it cannot be done twice.
    expect(await t.call(W, 'reminders.act', { clientId: a, key: followUp!.key, action: 'done' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await overdueNames(true)).toEqual(['孙美玲']);
  });

  it('a snooze hides a reminder through its day; the next day’s pass brings it back', async () => {
    const [cadence] = await forClient(c);
    await ok(t.call(W, 'reminders.act', { clientId: c, key: cadence!.key, action: 'snoozed', until: '2026-11-05' }));
    expect(await worklist()).toEqual([]);
    expect(await overdueNames(true)).toEqual([]);
    await advance(3 * DAY); // 5 November: still snoozed
    await t.app.reminders.run();
    expect(await overdueNames(true)).toEqual([]);
    await advance(DAY); // 6 November
    expect(todayOf(t.app)).toBe('2026-11-06');
    await t.app.reminders.run();
    expect((await worklist()).map((r) => r.key)).toEqual([cadence!.key]);
    const dismissed = await t.call(W, 'reminders.act', { clientId: c, key: cadence!.key, action: 'dismissed', reason: '客户已销户迁出' });
    expect(dismissed.ok).toBe(true);
    expect(await worklist()).toEqual([]);
    await advance(-4 * DAY);
  });

  it('a counter clerk sees only their own clients’ reminders', async () => {
    await ok(t.call(W, 'staff.create', { login: 'rm.zhou', displayName: '周敏', roles: ['counter'], password: 'rm-zhou-pass-1' }));
    await ok(t.call('rm', 'auth.signIn', { login: 'rm.zhou', password: 'rm-zhou-pass-1' }));
    const rm = t.store.raw.prepare("SELECT id FROM staff WHERE login = 'rm.zhou'").get() as { id: string };
    await ok(
      t.call(W, 'clients.logContact', {
        clientId: b,
        channel: 'visit',
        content: '上门',
        followUp: { product: '基金定投', due: '2026-11-01' },
      }),
    );
    expect((await ok<{ rows: WorklistRow[] }>(t.call('rm', 'reminders.worklist', {}))).rows).toEqual([]);
    // Head office assigns the manager (a pulled client row is rederived, its reminders with it).
    t.store.raw.prepare('UPDATE clients SET manager_id = ? WHERE id = ?').run(rm.id, b);
    rederiveClients(t.app, [b]);
    const rows = (await ok<{ rows: WorklistRow[] }>(t.call('rm', 'reminders.worklist', {}))).rows;
    expect(rows.map((r) => [r.clientName, r.kind, r.detail])).toEqual([['钱国强', 'follow_up', '基金定投']]);
  });

  it('a counter clerk’s own worklist holds the call-backs they promised, whoever manages the client', async () => {
    await ok(t.call(W, 'staff.create', { login: 'lin.clerk', displayName: '林柜员', roles: ['counter'], password: 'lin-clerk-pass-1' }));
    await ok(t.call('clerk', 'auth.signIn', { login: 'lin.clerk', password: 'lin-clerk-pass-1' }));
    const own = async (input: Record<string, unknown> = {}) =>
      (await ok<{ rows: WorklistRow[] }>(t.call('clerk', 'reminders.worklist', input))).rows.map((r) => [r.clientName, r.kind, r.detail]);
    const counted = async (input: Record<string, unknown> = {}) => ok<WorklistCounts>(t.call('clerk', 'reminders.counts', input));
    expect(await own()).toEqual([]);
    // At the counter the clerk promises 孙美玲 (nobody's client) and 钱国强 (周敏's) a call back.
    for (const [clientId, product] of [
      [c, '国债'],
      [b, '养老金'],
    ] as const) {
      await ok(
        t.call('clerk', 'clients.logContact', {
          clientId,
          channel: 'counter',
          content: '柜台咨询',
          followUp: { product, due: '2026-11-01' },
        }),
      );
    }
    // Both due the same day: in the order of the clients' ids (made in the same millisecond here, in either order).
    const walked = [
      [b, ['钱国强', 'follow_up', '养老金']],
      [c, ['孙美玲', 'follow_up', '国债']],
    ] as const;
    const inOrder = [...walked].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, row]) => row);
    expect(await own()).toEqual(inOrder);
    expect(await own({ group: 'overdue', kind: 'follow_up' })).toHaveLength(2);
    expect(await own({ kind: 'birthday' })).toEqual([]);
    expect(await counted()).toMatchObject({ overdue: 2, today: 0, upcoming: 0, long_overdue: 0, urgent: 0 });
    expect(await counted({ kind: 'follow_up', tier: 'ordinary' })).toMatchObject({ overdue: 2 });
    // Pages of one row walk both the same way.
    const first = await ok<{ rows: WorklistRow[]; nextCursor: WorklistCursor | null }>(t.call('clerk', 'reminders.worklist', { limit: 1 }));
    const second = await ok<{ rows: WorklistRow[]; nextCursor: WorklistCursor | null }>(
      t.call('clerk', 'reminders.worklist', { limit: 1, after: first.nextCursor }),
    );
    expect([...first.rows, ...second.rows].map((r) => r.clientName)).toEqual(inOrder.map(([name]) => name));
    expect(second.nextCursor).toBeNull();
    // 周敏 manages 钱国强: the clerk's promise is on her list too; the clerk's other client is not hers.
    const rm = (await ok<{ rows: WorklistRow[] }>(t.call('rm', 'reminders.worklist', {}))).rows.map((r) => [r.clientName, r.detail]);
    // (Both due the same day: in the order of their keys, which name the contacts.)
    expect(rm.sort()).toEqual([
      ['钱国强', '养老金'],
      ['钱国强', '基金定投'],
    ]);
  });
});

describe('the worklist over a demo archive', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await withAdmin(t);
    await seedDemoClients(t.store, t.clock, { clients: 600, seed: 7, actor: 'test' });
    await t.app.reminders.run();
  });
  afterAll(async () => t.cleanup());

  it('pages through every open reminder once, most urgent first and then by due date', async () => {
    const rows: WorklistRow[] = [];
    let after: WorklistCursor | null = null;
    do {
      const res = await t.call(W, 'reminders.worklist', { after, limit: 37 });
      if (!res.ok) throw new Error(res.error.message);
      const page = res.value as { rows: WorklistRow[]; nextCursor: WorklistCursor | null };
      rows.push(...page.rows);
      after = page.nextCursor;
    } while (after);
    const stored = (t.store.raw.prepare('SELECT count(*) AS n FROM due_reminders').get() as { n: number }).n;
    expect(rows.length).toBe(stored);
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => `${r.clientId}/${r.key}`)).size).toBe(rows.length);
    const order = rows.map((r) => `${r.urgency}|${r.dueDate}`);
    expect(order).toEqual([...order].sort());
    // Several kinds from the demo data: cadence, maturities, expired assessments, birthdays, bounds.
    expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThanOrEqual(5);
  });

  const walk = async (input: Record<string, unknown>) => {
    const rows: WorklistRow[] = [];
    let after: WorklistCursor | null = null;
    do {
      const page: { rows: WorklistRow[]; nextCursor: WorklistCursor | null } = await ok(
        t.call(W, 'reminders.worklist', { ...input, after, limit: 53 }),
      );
      rows.push(...page.rows);
      after = page.nextCursor;
    } while (after);
    return rows;
  };

  it('splits into overdue, today, upcoming and long overdue, each counted as the store counts it', async () => {
    const today = todayOf(t.app);
    const since = addDays(today, -90);
    const counts = await ok<WorklistCounts>(t.call(W, 'reminders.counts', {}));
    const sql = (where: string) => (t.store.raw.prepare(`SELECT count(*) AS n FROM due_reminders WHERE ${where}`).get() as { n: number }).n;
    expect(counts).toMatchObject({
      today: sql(`due_date = '${today}' OR (due_date > '${today}' AND urgency = 0)`),
      upcoming: sql(`due_date > '${today}' AND urgency > 0`),
      long_overdue: sql(`urgency = 3 AND due_date < '${since}'`),
      overdue: sql(`due_date < '${today}' AND (urgency < 3 OR due_date >= '${since}')`),
      urgent: sql(`kind = 'large_outflow'`),
      urgentOverdue: sql(`kind = 'large_outflow' AND due_date < '${today}'`),
    });
    let total = 0;
    for (const group of WORKLIST_GROUPS) {
      const rows = await walk({ group });
      expect(rows.length, group).toBe(counts[group]);
      expect(rows.every((r) => r.group === group)).toBe(true);
      const order = rows.map((r) => `${r.urgency}|${r.dueDate}`);
      expect(order).toEqual([...order].sort());
      total += rows.length;
    }
    expect(total).toBe(sql('1 = 1'));
    // The cadence long overdue: one line per client, saying how many cadences it stands for.
    const long = await walk({ group: 'long_overdue' });
    expect(long.length).toBeGreaterThan(0);
    expect(new Set(long.map((r) => r.clientId)).size).toBe(long.length);
    for (const r of long) {
      expect(['vip_deep_contact', 'potential_needs_survey', 'ordinary_service']).toContain(r.kind);
      expect(r.dueDate < since).toBe(true);
      expect(r.missed).toBeGreaterThanOrEqual(3);
    }
    expect((await walk({ group: 'overdue' })).every((r) => r.missed === null)).toBe(true);
  });

  it('filters by kind, tier and relationship manager', async () => {
    const vip = await walk({ tier: 'vip' });
    expect(vip.length).toBeGreaterThan(0);
    expect(vip.every((r) => r.tier === 'vip')).toBe(true);
    const births = await walk({ kind: 'birthday' });
    expect(births.every((r) => r.kind === 'birthday')).toBe(true);
    const { manager_id: managerId, n } = t.store.raw
      .prepare(
        'SELECT c.manager_id, count(*) AS n FROM due_reminders r JOIN clients c ON c.id = r.client_id WHERE c.manager_id IS NOT NULL GROUP BY c.manager_id ORDER BY n DESC LIMIT 1',
      )
      .get() as { manager_id: string; n: number };
    const theirs = await walk({ managerId });
    expect(theirs.length).toBe(n);
    const counts = await ok<WorklistCounts>(t.call(W, 'reminders.counts', { managerId }));
    expect(counts.overdue + counts.today + counts.upcoming + counts.long_overdue).toBe(n);
  });

  it('puts a large outflow first, counted as urgent, until it is done', async () => {
    const today = todayOf(t.app);
    const clientId = (t.store.raw.prepare('SELECT id FROM clients ORDER BY client_no LIMIT 1').get() as { id: string }).id;
    t.store.raw
      .prepare(
        `INSERT INTO large_transactions (id, branch_id, created_at, updated_hlc, client_id, at, amount_fen, direction)
         VALUES ('tx-urgent', 'b', ?, '0', ?, ?, 80000000, 'out')`,
      )
      .run(new Date(t.clock.now()).toISOString(), clientId, new Date(t.clock.now()).toISOString());
    rederiveClients(t.app, [clientId]);
    const counts = await ok<WorklistCounts>(t.call(W, 'reminders.counts', {}));
    expect(counts.urgent).toBeGreaterThanOrEqual(1);
    expect(counts.latestUrgent).toMatchObject({ clientId, kind: 'large_outflow' });
    // Due by tomorrow (within 24 hours), it is today's work, with the demo branch's other outflows at its head.
    const todays = await walk({ group: 'today' });
    const first = todays.find((r) => r.clientId === clientId && r.kind === 'large_outflow');
    expect(first).toMatchObject({ urgency: 0, dueDate: addDays(today, 1) });
    const urgent = todays.filter((r) => r.urgency === 0).length;
    expect(urgent).toBeGreaterThanOrEqual(1);
    expect(todays.slice(0, urgent).every((r) => r.kind === 'large_outflow')).toBe(true);
    await ok(t.call(W, 'reminders.act', { clientId, key: first!.key, action: 'done' }));
    const after = await ok<WorklistCounts>(t.call(W, 'reminders.counts', {}));
    expect(after.urgent).toBe(counts.urgent - 1);
  });

  it('keeps the tallies equal to the reminders and clients they count', () => {
    const same = (tally: string, counted: string) => {
      const a = t.store.raw.prepare(`SELECT * FROM (${tally}) ORDER BY 1, 2, 3, 4, 5`).all();
      const b = t.store.raw.prepare(`SELECT * FROM (${counted}) ORDER BY 1, 2, 3, 4, 5`).all();
      expect(a).toEqual(b);
      expect(a.length).toBeGreaterThan(0);
    };
    same(
      'SELECT manager_id, tier, kind, urgency, due_date, n FROM due_tally WHERE n <> 0',
      `SELECT coalesce(manager_id, '') AS manager_id, tier, kind, urgency, due_date, count(*) AS n FROM due_reminders
       GROUP BY 1, 2, 3, 4, 5`,
    );
    same(
      'SELECT tier, manager_id, cadence_due, n, 0 FROM cover_tally WHERE n <> 0',
      `SELECT tier, coalesce(manager_id, '') AS manager_id, cadence_due, count(*) AS n, 0 FROM client_due GROUP BY 1, 2, 3`,
    );
  });

  it('stores exactly what the rules compute for each client, and the filter agrees with the profile', async () => {
    const today = todayOf(t.app);
    const ids = (t.store.raw.prepare('SELECT id FROM clients ORDER BY client_no LIMIT 40').all() as { id: string }[]).map((r) => r.id);
    for (const id of ids) {
      const live = (await t.call(W, 'reminders.forClient', { clientId: id })) as { ok: true; value: { reminders: ReminderView[] } };
      const stored = t.store.raw
        .prepare('SELECT reminder_key FROM due_reminders WHERE client_id = ? ORDER BY due_date, reminder_key')
        .pluck()
        .all(id);
      expect(stored).toEqual(live.value.reminders.map((r) => r.key));
      const next = t.store.raw.prepare('SELECT next_due FROM client_due WHERE client_id = ?').pluck().get(id) as string | null;
      expect(next !== null && next < today).toBe(live.value.reminders.some((r) => r.overdue));
    }
    // A recompute changes nothing when no fact changed: the pass read its chunks as ranges of ids, a call reads a
    // list of them; every client, in lists of several sizes.
    const before = stored();
    const all = t.store.raw.prepare('SELECT id FROM clients ORDER BY client_no').pluck().all() as string[];
    recomputeClientDue(t.store.raw, ids, t.app.settings, today);
    for (let i = 0; i < all.length; i += 97) recomputeClientDue(t.store.raw, all.slice(i, i + 97), t.app.settings, today);
    expect(stored()).toEqual(before);
  });

  /** What the stored reminders, the clients' marks and the tallies hold, in a fixed order. */
  const stored = () => ({
    reminders: t.store.raw.prepare('SELECT * FROM due_reminders ORDER BY client_id, reminder_key').all(),
    clients: t.store.raw.prepare('SELECT * FROM client_due ORDER BY client_id').all(),
    due: t.store.raw.prepare('SELECT * FROM due_tally WHERE n <> 0 ORDER BY manager_id, tier, kind, urgency, due_date').all(),
    cover: t.store.raw.prepare('SELECT * FROM cover_tally WHERE n <> 0 ORDER BY tier, manager_id, cadence_due').all(),
    indexes: t.store.raw.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'due_reminders' ORDER BY name").all(),
  });

  it('a pass over clients never computed stores the same in bulk (indexes set aside), and puts the indexes back after a crash', async () => {
    const today = todayOf(t.app);
    const raw = t.store.raw;
    const before = stored();
    expect(before.indexes.length).toBeGreaterThanOrEqual(4);
    const forget = () => raw.exec('DELETE FROM client_due; DELETE FROM due_reminders; DELETE FROM due_tally; DELETE FROM cover_tally;');

    // Every client never computed, and a bulk pass from a threshold of one client.
    forget();
    expect(await refreshDue(t.store, t.app.settings, today, undefined, 1)).toBeGreaterThan(500);
    expect(stored()).toEqual(before);
    // The pass committed its chunks without waiting for the disk, and left the connection waiting again.
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);

    // Half the clients never computed (the rest with their tallies): the bulk pass computes everyone again, and the
    // tallies it nets over its chunks come out as counted.
    for (const table of ['due_reminders', 'client_due']) {
      raw
        .prepare(
          `DELETE FROM ${table} WHERE client_id IN (SELECT id FROM clients ORDER BY id LIMIT (SELECT (count(*) + 1) / 2 FROM clients))`,
        )
        .run();
    }
    rebuildTallies(raw);
    expect(await refreshDue(t.store, t.app.settings, today, undefined, 1)).toBeGreaterThan(500);
    expect(stored()).toEqual(before);

    // A bulk pass cancelled (the workstation closing) puts the indexes back on its way out; the next pass goes on.
    forget();
    const cancel = new AbortController();
    const job = { signal: cancel.signal, progress: (done: number) => (done > 0 ? cancel.abort() : undefined) };
    await refreshDue(t.store, t.app.settings, today, job, 1);
    expect(cancel.signal.aborted).toBe(true);
    expect(stored().indexes).toEqual(before.indexes);
    await refreshDue(t.store, t.app.settings, today);
    expect(stored()).toEqual(before);

    // A bulk pass cut short after setting the indexes aside (the app closed, a crash): the next pass puts them back,
    // and recounts the tallies, which the bulk pass did not move.
    forget();
    raw.transaction(() => deferIndexes(raw))();
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'due_reminders'").pluck().get()).toBe(0);
    recomputeClientDue(raw, raw.prepare('SELECT id FROM clients').pluck().all() as string[], t.app.settings, today);
    raw.exec('UPDATE due_tally SET n = n + 5');
    await refreshDue(t.store, t.app.settings, today);
    expect(stored()).toEqual(before);
    expect(raw.prepare("SELECT count(*) FROM device_state WHERE key LIKE 'reminders_deferred%'").pluck().get()).toBe(0);
  });

  it('a changed cadence setting recomputes every client’s reminders with the settings', async () => {
    const count = () =>
      (t.store.raw.prepare("SELECT count(*) AS n FROM due_reminders WHERE kind = 'ordinary_service'").get() as { n: number }).n;
    const monthly = count();
    await ok(t.call(W, 'settings.update', { ordinaryServiceDays: 366 }));
    expect(count()).toBeLessThan(monthly);
    await ok(t.call(W, 'settings.update', { ordinaryServiceDays: 30 }));
    expect(count()).toBe(monthly);
  });
});

describe('the dated occasions and signals on the worklist', () => {
  let t: TestApp;
  afterAll(async () => t.cleanup());

  it('a lunar birthday, a lunar important date, three high-risk purchases and a month of assets falling away', async () => {
    t = await testApp();
    await withAdmin(t);
    await ok(t.call(W, 'settings.update', { quarterlySurveyOneIn: 0 }));
    // A client with ¥800,000 a month until October and ¥400,000 in October, on 2 November 2026.
    const months = Array.from({ length: 10 }, (_, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      avgDailyFen: i === 9 ? 40_000_000 : 80_000_000,
    }));
    const [id] = (await addClients(t.store, t.clock, [{ name: '周慧敏', birthDate: '1968-11-20', months }])) as [string];
    await ok(t.call(W, 'clients.logContact', { clientId: id, channel: 'visit', content: '资产检视' }));
    // She celebrates her lunar birthday, the 27th of the 9th month: 5 November in 2026 (her solar one is 20 November).
    await ok(t.call(W, 'clients.addImportantDate', { clientId: id, kind: 'lunar_birthday', date: '1968-09-27', lunar: true }));
    await ok(t.call(W, 'clients.addImportantDate', { clientId: id, kind: 'other', date: '1990-10-01', lunar: true, label: '母亲寿辰' }));
    const insert = t.store.raw.prepare(
      `INSERT INTO holdings (id, branch_id, created_at, updated_hlc, client_id, product_code, product_name, product_risk, purchase_date, amount_fen)
       VALUES (?, 'hq', '2026-10-20T00:00:00Z', '1', ?, ?, ?, ?, ?, 10000000)`,
    );
    insert.run('h1', id, 'P1', '私募证券基金一号', 'R5', '2026-08-01');
    insert.run('h2', id, 'P2', '雪球结构化产品', 'R4', '2026-09-01');
    insert.run('h3', id, 'P3', '私募股权基金二号', 'R5', '2026-10-20');
    await t.app.reminders.run();
    const due = (await ok<{ reminders: ReminderView[] }>(t.call(W, 'reminders.forClient', { clientId: id }))).reminders;
    expect(due.map((r) => [r.kind, r.dueDate, r.detail]).sort()).toEqual(
      [
        ['asset_drop', '2026-11-01', '-50%'],
        ['birthday', '2026-11-05', 'lunar'],
        ['high_risk_streak', '2026-10-20', '私募股权基金二号'],
        ['important_date', '2026-11-09', '母亲寿辰'],
      ].sort(),
    );
  });
});

describe('reminders on the holiday calendar', () => {
  let t: TestApp;
  afterAll(async () => t.cleanup());

  it('a birthday on a Spring Festival holiday is due on the make-up Saturday before it; head office’s later word on a day counts', async () => {
    // 11 February 2026: the shipped calendar closes 15–23 February and works Saturday 14 February.
    t = await testApp({ start: Date.parse('2026-02-11T09:00:00+08:00') });
    await withAdmin(t);
    await ok(t.call(W, 'settings.update', { quarterlySurveyOneIn: 0 }));
    const [id] = (await addClients(t.store, t.clock, [{ name: '岳秀清', birthDate: '1970-02-17' }])) as [string];
    await t.app.reminders.run();
    const birthday = async () =>
      (await ok<{ reminders: ReminderView[] }>(t.call(W, 'reminders.forClient', { clientId: id }))).reminders.find(
        (r) => r.kind === 'birthday',
      );
    // The key keeps the birthday itself; the day it is due moves to the last working day before the holiday.
    expect(await birthday()).toMatchObject({ key: 'birthday:2026-02-17', dueDate: '2026-02-14' });
    // Head office reopens the branch on 17 February (a row for the day replaces the shipped one).
    t.store.raw.prepare("UPDATE work_calendar SET kind = 'workday', updated_hlc = '1' WHERE day = '2026-02-17'").run();
    expect(await birthday()).toMatchObject({ key: 'birthday:2026-02-17', dueDate: '2026-02-17' });
  });
});
