import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src-shared/contract';
import { invitationCode } from '../../src-shared/domain/events';
import { makeMainlandId } from '../../src-shared/domain/id-number';
import { addClients, type ClientSpec } from '../../test/fixtures/clients';
import { testApp, withAdmin, withStaff, type TestApp } from '../../test/fixtures/store';
import { seedDemoClients } from '../clients/seed/run';
import { removeDemoData } from '../demo/remove';

let t: TestApp;
afterEach(() => t.cleanup());

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const salon = (extra: Partial<InputOf<'events.save'>['plan']> = {}): InputOf<'events.save'>['plan'] => ({
  title: '贵金属投资沙龙',
  type: 'salon',
  startsAt: '2026-11-20T14:00:00+08:00',
  endsAt: '2026-11-20T16:30:00+08:00',
  venue: '三楼贵宾室',
  capacity: 2,
  costPerHeadFen: 15_000,
  ...extra,
});

/** A branch on 2 November 2026: an event coordinator, two counter clerks and a relationship manager's clients. */
async function branch(clients: ClientSpec[] = []) {
  t = await testApp();
  await withAdmin(t);
  const coordinator = await withStaff(t, 'xu.ting', ['events']);
  const clerk = await withStaff(t, 'chen.li', ['counter']);
  const clerk2 = await withStaff(t, 'zhao.yu', ['counter']);
  const ids = await addClients(t.store, t.clock, clients);
  return { coordinator, clerk, clerk2, ids };
}

async function openSalon(coordinator: string, extra: Partial<InputOf<'events.save'>['plan']> = {}) {
  const event = await ok(t.call(coordinator, 'events.save', { id: null, plan: salon(extra) }));
  expect(event.status).toBe('draft');
  return ok(t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'draft', step: 'opened' }));
}

async function listOf(coordinator: string, eventId: string, clientIds: string[]) {
  const guests = [];
  for (const clientId of clientIds) guests.push(await ok(t.call(coordinator, 'events.addGuest', { eventId, clientId })));
  return guests;
}

describe('planning an event', () => {
  it('is for coordinators and managers, checks the plan, and moves only by the allowed steps', async () => {
    const { coordinator, clerk } = await branch();
    expect(await t.call(clerk, 'events.save', { id: null, plan: salon() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await t.call(coordinator, 'events.save', { id: null, plan: salon({ capacity: 0, endsAt: '2026-11-20T13:00:00+08:00' }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['plan.capacity', 'plan.endsAt']);

    const draft = await ok(t.call(coordinator, 'events.save', { id: null, plan: salon() }));
    expect(draft).toMatchObject({ status: 'draft', startsOn: '2026-11-20', capacity: 2, canManage: true });
    expect(await t.call(coordinator, 'events.step', { id: draft.id, expectedStatus: 'draft', step: 'held' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.step_not_allowed' },
    });
    expect(await t.call(coordinator, 'events.step', { id: draft.id, expectedStatus: 'open', step: 'closed' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.moved_on' },
    });
    const open = await ok(t.call(coordinator, 'events.step', { id: draft.id, expectedStatus: 'draft', step: 'opened' }));
    expect(open.status).toBe('open');
    const moved = await ok(t.call(coordinator, 'events.save', { id: draft.id, plan: salon({ venue: '二楼理财室', capacity: 30 }) }));
    expect(moved.plan).toMatchObject({ venue: '二楼理财室', capacity: 30 });
    expect(await t.call(coordinator, 'events.step', { id: draft.id, expectedStatus: 'open', step: 'cancelled' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.reason_required' },
    });
    const held = await ok(t.call(coordinator, 'events.step', { id: draft.id, expectedStatus: 'open', step: 'held' }));
    // After the day the plan stands; only the actual cost is entered.
    expect(
      await t.call(coordinator, 'events.save', { id: draft.id, plan: salon({ venue: '二楼理财室', capacity: 30, title: '改名' }) }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.events.plan_closed' },
    });
    const costed = await ok(
      t.call(coordinator, 'events.save', { id: held.id, plan: salon({ venue: '二楼理财室', capacity: 30, actualCostFen: 420_000 }) }),
    );
    expect(costed.plan.actualCostFen).toBe(420_000);
    expect(costed.steps.map((s) => s.step)).toEqual(['opened', 'held']);
    // Every change is on its way to the branch's other workstations.
    const outbox = t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name IN ('events', 'event_steps')").get() as {
      n: number;
    };
    expect(outbox.n).toBe(5);
  });
});

describe('building the list from a segment', () => {
  it('counts live, leaves out do-not-disturb and unconsented clients, and adds them only by hand with a reason', async () => {
    const metals = ['贵金属'];
    const { coordinator, ids } = await branch([
      { name: '王芳', assetsYuan: 800_000, interests: metals, birthDate: '1970-03-01' },
      { name: '李娜', assetsYuan: 900_000, interests: ['基金', '贵金属'], birthDate: '1975-06-01' },
      { name: '张伟', assetsYuan: 700_000, interests: metals, birthDate: '1990-01-01' },
      { name: '刘洋', assetsYuan: 750_000, interests: metals, birthDate: '1968-01-01', doNotDisturb: true },
      { name: '陈静', assetsYuan: 650_000, interests: metals, birthDate: '1972-01-01', marketingConsent: false },
      { name: '杨磊', assetsYuan: 900_000, interests: ['保险'], birthDate: '1971-01-01' },
      { name: '赵敏', assetsYuan: 5_000, interests: metals, birthDate: '1971-01-01' },
    ]);
    const event = await openSalon(coordinator, { capacity: 20 });
    const vipMetals = { tiers: ['vip' as const], interests: ['贵金属'] };
    expect(await ok(t.call(coordinator, 'events.segmentCount', { eventId: event.id, segment: vipMetals }))).toEqual({
      matching: 5,
      eligible: 3,
      doNotDisturb: 1,
      noConsent: 1,
      alreadyListed: 0,
    });
    // Age band 50–59 on 2 November 2026: born 3 Nov 1966 … 2 Nov 1976.
    const fifties = { ...vipMetals, ageBands: ['50_59' as const] };
    expect(await ok(t.call(coordinator, 'events.segmentCount', { eventId: event.id, segment: fifties }))).toMatchObject({
      matching: 4,
      eligible: 2,
    });
    const added = await ok(t.call(coordinator, 'events.addSegment', { eventId: event.id, segment: fifties }));
    expect(added).toMatchObject({ added: 2, counts: { matching: 4, eligible: 0, alreadyListed: 2 } });
    expect((await ok(t.call(coordinator, 'events.get', { id: event.id }))).plan.segment).toMatchObject(fifties);

    // By hand: the do-not-disturb client needs a reason; the same client twice is refused.
    const dnd = ids[3]!;
    expect(await t.call(coordinator, 'events.addGuest', { eventId: event.id, clientId: dnd })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.do_not_disturb' },
    });
    const guest = await ok(t.call(coordinator, 'events.addGuest', { eventId: event.id, clientId: dnd, reason: '客户本人来电要求参加' }));
    expect(guest).toMatchObject({ state: 'listed', source: 'hand', reason: '客户本人来电要求参加', name: '刘洋' });
    expect(await t.call(coordinator, 'events.addGuest', { eventId: event.id, clientId: ids[0]! })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.already_listed' },
    });
    const list = await ok(t.call(coordinator, 'events.guests', { eventId: event.id }));
    expect(list.guests.map((g) => g.name).sort()).toEqual(['刘洋', '李娜', '王芳'].sort());
    expect(list.counts).toMatchObject({ guests: 3, invited: 0 });
  });

  it('leaves out clients invited to the same kind of event lately, and those contacted lately when asked', async () => {
    const { coordinator, clerk, ids } = await branch([
      { name: '王芳', assetsYuan: 800_000 },
      { name: '李娜', assetsYuan: 900_000 },
    ]);
    const earlier = await openSalon(coordinator);
    const [g] = await listOf(coordinator, earlier.id, [ids[0]!]);
    await ok(t.call(clerk, 'events.invite', { guestId: g!.id, channel: 'phone', answer: 'declined' }));
    const next = await openSalon(coordinator, { startsAt: '2026-12-10T14:00:00+08:00', endsAt: null });
    const count = (segment: InputOf<'events.segmentCount'>['segment']) =>
      ok(t.call(coordinator, 'events.segmentCount', { eventId: next.id, segment }));
    expect((await count({ tiers: ['vip'] })).matching).toBe(2);
    expect((await count({ tiers: ['vip'], notInvitedDays: 90 })).matching).toBe(1);
    // The invitation call was a contact: 王芳 was contacted today.
    expect((await count({ contactedWithinDays: 30 })).matching).toBe(1);
    expect((await count({ notContactedDays: 30 })).matching).toBe(1);
  });
});

describe('invitations, the seats and the waitlist', () => {
  it('logs each invitation as a contact, seats up to capacity, queues the rest, and moves the next up when a seat frees', async () => {
    const { coordinator, clerk, clerk2, ids } = await branch([
      { name: '王芳', assetsYuan: 800_000 },
      { name: '李娜', assetsYuan: 900_000 },
      { name: '张伟', assetsYuan: 700_000 },
      { name: '刘洋', assetsYuan: 750_000 },
    ]);
    const event = await openSalon(coordinator);
    const [a, b, c, d] = await listOf(coordinator, event.id, ids);
    expect(await t.call(clerk, 'events.answer', { guestId: a!.id, answer: 'accepted' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.not_invited' },
    });

    expect(
      await ok(t.call(clerk, 'events.invite', { guestId: a!.id, channel: 'phone', answer: 'accepted', note: '带一位家人' })),
    ).toMatchObject({
      state: 'seated',
      queue: 1,
      channel: 'phone',
      inviterName: 'chen.li',
    });
    await ok(t.call(clerk, 'events.invite', { guestId: b!.id, channel: 'wechat', answer: 'accepted' }));
    expect(await ok(t.call(clerk2, 'events.invite', { guestId: c!.id, channel: 'counter', answer: 'accepted' }))).toMatchObject({
      state: 'waitlisted',
      queue: 3,
    });
    expect(await ok(t.call(clerk2, 'events.invite', { guestId: d!.id, channel: 'sms', answer: 'declined' }))).toMatchObject({
      state: 'declined',
      queue: null,
    });

    // One write: the invitation is in the client's timeline, naming the event.
    const contact = t.store.raw
      .prepare('SELECT channel, content, result, event_id FROM contacts WHERE client_id = ?')
      .get(ids[0]) as Record<string, string>;
    expect(contact).toEqual({ channel: 'phone', content: '邀请参加「贵金属投资沙龙」（接受）', result: '带一位家人', event_id: event.id });
    const timeline = await ok(t.call(clerk, 'clients.timeline', { clientId: ids[0]! }));
    expect(timeline.entries[0]?.content).toContain('贵金属投资沙龙');

    // Accepting again never costs a seated guest their seat (it would put them at the end of the line).
    expect(await t.call(clerk, 'events.answer', { guestId: a!.id, answer: 'accepted' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.already_accepted' },
    });
    expect(await ok(t.call(clerk, 'events.invite', { guestId: a!.id, channel: 'sms', answer: 'accepted' }))).toMatchObject({
      state: 'seated',
      queue: 1,
    });

    // 王芳 withdraws: 张伟 moves up, and the clerk who invited him is asked to call.
    expect(await ok(t.call(clerk, 'events.answer', { guestId: a!.id, answer: 'withdrew' }))).toMatchObject({ state: 'withdrew' });
    expect(await ok(t.call(clerk2, 'events.notices', {}))).toMatchObject([
      { guest: { id: c!.id, state: 'seated', queue: 2, notice: 'moved_up' }, eventTitle: '贵金属投资沙龙' },
    ]);
    expect(await ok(t.call(clerk, 'events.notices', {}))).toEqual([]);
    expect(await t.call(clerk, 'events.told', { guestId: b!.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.nothing_to_tell' },
    });
    expect(await ok(t.call(clerk2, 'events.told', { guestId: c!.id, note: '已电话确认' }))).toMatchObject({
      state: 'seated',
      notice: null,
    });
    expect(await ok(t.call(clerk2, 'events.notices', {}))).toEqual([]);

    const seated = await ok(t.call(coordinator, 'events.guests', { eventId: event.id, view: 'seated' }));
    expect(seated.guests.map((g) => g.name)).toEqual(['李娜', '张伟']);
    expect(seated.counts).toEqual({ guests: 4, invited: 4, seated: 2, waitlisted: 0, checkedIn: 0 });
  });

  it('never exceeds capacity when staff accept at once on one workstation', async () => {
    const specs = Array.from({ length: 8 }, (_, i) => ({ name: `客户${i}`, assetsYuan: 800_000 }));
    const { coordinator, clerk, clerk2, ids } = await branch(specs);
    const event = await openSalon(coordinator, { capacity: 3 });
    const guests = await listOf(coordinator, event.id, ids);
    for (const g of guests) await ok(t.call(coordinator, 'events.invite', { guestId: g.id, channel: 'phone' }));
    const results = await Promise.all(
      guests.map((g, i) => ok(t.call(i % 2 ? clerk : clerk2, 'events.answer', { guestId: g.id, answer: 'accepted' }))),
    );
    expect(results.filter((r) => r.state === 'seated')).toHaveLength(3);
    expect(results.filter((r) => r.state === 'waitlisted').map((r) => r.queue)).toEqual([4, 5, 6, 7, 8]);
    // Nobody was told a seat they do not have.
    expect(await ok(t.call(clerk, 'events.notices', {}))).toEqual([]);
    expect(await ok(t.call(clerk2, 'events.notices', {}))).toEqual([]);
  });

  it('puts a "tell the guest" item on the inviter’s worklist for every accepted guest when the event is cancelled', async () => {
    const { coordinator, clerk, clerk2, ids } = await branch([
      { name: '王芳', assetsYuan: 800_000 },
      { name: '李娜', assetsYuan: 900_000 },
      { name: '张伟', assetsYuan: 700_000 },
    ]);
    const event = await openSalon(coordinator, { capacity: 1 });
    const [a, b, c] = await listOf(coordinator, event.id, ids);
    await ok(t.call(clerk, 'events.invite', { guestId: a!.id, channel: 'phone', answer: 'accepted' }));
    await ok(t.call(clerk2, 'events.invite', { guestId: b!.id, channel: 'phone', answer: 'accepted' }));
    await ok(t.call(clerk2, 'events.invite', { guestId: c!.id, channel: 'phone', answer: 'declined' }));
    const cancelled = await ok(
      t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'open', step: 'cancelled', reason: '讲师临时生病' }),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', steps: [{ step: 'opened' }, { step: 'cancelled', reason: '讲师临时生病' }] });
    expect((await ok(t.call(clerk, 'events.notices', {}))).map((n) => [n.guest.name, n.guest.notice, n.eventStatus])).toEqual([
      ['王芳', 'cancelled', 'cancelled'],
    ]);
    expect((await ok(t.call(clerk2, 'events.notices', {}))).map((n) => n.guest.name)).toEqual(['李娜']);
    await ok(t.call(clerk, 'events.told', { guestId: a!.id }));
    expect(await ok(t.call(clerk, 'events.notices', {}))).toEqual([]);
    // Nothing more is taken on a cancelled event.
    expect(await t.call(clerk2, 'events.answer', { guestId: c!.id, answer: 'accepted' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.answer_not_allowed' },
    });
  });
});

describe('the door', () => {
  it('checks guests in by the QR code, by initials and by phone tail, once each, and adds walk-ins', async () => {
    const { coordinator, clerk, clerk2, ids } = await branch([
      { name: '王芳', assetsYuan: 800_000, mobile: '13800001234' },
      { name: '李娜', assetsYuan: 900_000, mobile: '13900005678' },
      { name: '张伟', assetsYuan: 700_000 },
    ]);
    const event = await openSalon(coordinator, { capacity: 10 });
    const [a, b] = await listOf(coordinator, event.id, ids.slice(0, 2));
    await ok(t.call(clerk, 'events.invite', { guestId: a!.id, channel: 'letter', answer: 'accepted' }));
    await ok(t.call(clerk, 'events.invite', { guestId: b!.id, channel: 'phone', answer: 'accepted' }));

    const scanned = await ok(t.call(clerk2, 'events.checkin', { eventId: event.id, code: `${invitationCode(a!.id)}\n` }));
    expect(scanned).toMatchObject({ name: '王芳', already: false, walkIn: false, state: 'seated', counts: { checkedIn: 1, seated: 2 } });
    expect(await ok(t.call(clerk, 'events.checkin', { eventId: event.id, code: invitationCode(a!.id) }))).toMatchObject({
      already: true,
      counts: { checkedIn: 1 },
    });
    expect(await t.call(clerk, 'events.checkin', { eventId: event.id, code: 'https://example.com/x' })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.bad_code' },
    });

    const byInitials = await ok(t.call(clerk2, 'events.checkinSearch', { eventId: event.id, query: 'ln' }));
    expect(byInitials.guests.map((g) => g.name)).toEqual(['李娜']);
    const byTail = await ok(t.call(clerk2, 'events.checkinSearch', { eventId: event.id, query: '5678' }));
    expect(byTail).toMatchObject({ guests: [{ name: '李娜', maskedMobile: '139****5678' }], archive: [] });
    // A client on file who was not invited: found in the archive, checked in as a walk-in.
    const archive = await ok(t.call(clerk2, 'events.checkinSearch', { eventId: event.id, query: '张伟' }));
    expect(archive).toMatchObject({ guests: [], archive: [{ clientId: ids[2], name: '张伟' }] });
    expect(await ok(t.call(clerk2, 'events.checkin', { eventId: event.id, clientId: ids[2]! }))).toMatchObject({
      walkIn: true,
      state: 'walk_in',
      counts: { checkedIn: 2 },
    });

    // Nobody on file: a prospect created at the branch, on its way to head office.
    const id = makeMainlandId('310104', '1980-05-17', '771');
    const walkIn = await ok(
      t.call(clerk2, 'events.walkIn', { eventId: event.id, name: '周杰', mobile: '13700009999', idNumber: id.toLowerCase() }),
    );
    expect(walkIn).toMatchObject({ name: '周杰', walkIn: true, counts: { checkedIn: 3 } });
    const prospect = t.store.raw.prepare("SELECT id, client_no, lifecycle, birth_date FROM clients WHERE name = '周杰'").get() as Record<
      string,
      string
    >;
    expect(prospect).toMatchObject({ lifecycle: 'prospect', birth_date: '1980-05-17' });
    expect(prospect.client_no).toMatch(/^WK20261102-[0-9A-F]{4}-001$/);
    expect(t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'clients' AND row_id = ?").get(prospect.id)).toEqual({
      n: 1,
    });
    // The same ID again is the same person: checked in, not created twice.
    expect(
      await ok(t.call(clerk, 'events.walkIn', { eventId: event.id, name: '周杰', mobile: '13700009999', idNumber: id })),
    ).toMatchObject({ already: true });
    expect(
      await t.call(clerk, 'events.walkIn', {
        eventId: event.id,
        name: '吴',
        mobile: '13700009998',
        idNumber: `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const arrived = await ok(t.call(coordinator, 'events.guests', { eventId: event.id, view: 'arrived' }));
    expect(arrived.guests.map((g) => g.name)).toEqual(['王芳']);

    // After the day: whoever came is owed a follow-up by their relationship manager (the branch's pool without one).
    await ok(t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'open', step: 'held' }));
    const followUps = await ok(t.call(coordinator, 'events.notices', {}));
    expect(followUps.map((n) => [n.guest.name, n.guest.notice])).toEqual([['王芳', 'follow_up']]);
  });
});

describe('the review', () => {
  it('counts reach, acceptance, attendance, no-shows, new information, follow-ups and sales against the cost', async () => {
    const specs = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊'].map((name) => ({
      name,
      assetsYuan: 800_000,
      riskLevel: 'C3',
      riskAssessedOn: '2026-06-01',
    }));
    const { coordinator, clerk, ids } = await branch([...specs, { name: '路人', assetsYuan: 800_000 }]);
    const event = await openSalon(coordinator, { capacity: 3 });
    const guests = await listOf(coordinator, event.id, ids.slice(0, 6));
    // Six invited: three accept, one declines, one never picks up, one not yet called.
    const answers = ['accepted', 'accepted', 'accepted', 'declined', 'no_answer'] as const;
    for (const [i, answer] of answers.entries())
      await ok(t.call(clerk, 'events.invite', { guestId: guests[i]!.id, channel: 'phone', answer }));
    // The day: two of the three come, and one walk-in from the archive.
    t.clock.set(Date.parse('2026-11-20T13:50:00+08:00'));
    for (const login of ['xu.ting', 'chen.li'])
      await ok(t.call(`${login}-window`, 'auth.signIn', { login, password: `${login}-pass-2026` }));
    await ok(t.call(clerk, 'events.checkin', { eventId: event.id, guestId: guests[0]!.id }));
    await ok(t.call(clerk, 'events.checkin', { eventId: event.id, guestId: guests[1]!.id }));
    await ok(t.call(clerk, 'events.checkin', { eventId: event.id, clientId: ids[6]! }));
    await ok(t.call(coordinator, 'events.step', { id: event.id, expectedStatus: 'open', step: 'held' }));
    // At the salon: a sale and a follow-up recorded against it, and a new interest on 王芳's profile.
    await ok(
      t.call(clerk, 'clients.logContact', {
        clientId: ids[0]!,
        channel: 'event',
        content: '沙龙现场认购积存金',
        eventId: event.id,
        recommendation: { productName: '积存金', productRisk: 'R2', isSale: true, dualRecordingRef: 'SL-2026-001' },
      }),
    );
    await ok(
      t.call(clerk, 'clients.logContact', {
        clientId: ids[1]!,
        channel: 'event',
        content: '对实物金条有兴趣',
        eventId: event.id,
        followUp: { product: '实物金条', due: '2026-11-27' },
      }),
    );
    await ok(t.call(clerk, 'clients.updateProfile', { id: ids[0]!, changes: { interests: ['贵金属', '书画收藏'] } }));
    // A contact cannot be counted against an event the client had nothing to do with.
    expect(
      await t.call(clerk, 'clients.logContact', { clientId: ids[5]!, channel: 'phone', content: '回访', eventId: event.id }),
    ).toMatchObject({ ok: true });
    const stranger = (await addClients(t.store, t.clock, [{ name: '旁人', assetsYuan: 800_000 }]))[0]!;
    expect(
      await t.call(clerk, 'clients.logContact', { clientId: stranger, channel: 'phone', content: '回访', eventId: event.id }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.contacts.not_at_event' },
    });
    await ok(t.call(coordinator, 'events.save', { id: event.id, plan: salon({ capacity: 3, actualCostFen: 90_000 }) }));

    const review = await ok(t.call(coordinator, 'events.reviewOne', { id: event.id }));
    expect(review.facts).toEqual({
      invited: 5,
      reached: 4,
      accepted: 3,
      attended: 3,
      walkIns: 1,
      newInformation: 1,
      followUps: 1,
      sales: 1,
      costFen: 90_000,
    });
    expect(review.figures).toEqual({
      reachRate: 4 / 5,
      acceptRate: 3 / 4,
      attendRate: 2 / 3,
      noShows: 1,
      costPerAttendeeFen: 30_000,
      costPerSaleFen: 90_000,
    });
    expect(review.estimateFen).toBe(45_000);

    const period = await ok(t.call(coordinator, 'events.review', { from: '2026-11-01', to: '2026-11-30' }));
    expect(period.events.map((e) => e.title)).toEqual(['贵金属投资沙龙']);
    expect(period.totals.facts).toEqual(review.facts);
    expect(await t.call(clerk, 'events.review', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.call(coordinator, 'events.review', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { key: 'validation.period' },
    });
    const file = await ok(
      t.call(coordinator, 'events.export', {
        jobId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        from: '2026-11-01',
        to: '2026-11-30',
        format: 'csv',
      }),
    );
    const lines = Buffer.from(file.contentBase64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('2026-11-20,贵金属投资沙龙,理财沙龙,5,4,80,3,75,3,1,66.7,1,1,1,1,900,300,900');
    expect(lines[2]).toMatch(/^2026-11-01 至 2026-11-30,合计,/);
  });
});

describe('demo events', () => {
  it('come with the demo archive — a year of past events and one open for invitations — never leave, and go with it', async () => {
    const { coordinator, ids } = await branch([{ name: '王芳', assetsYuan: 800_000 }]);
    await seedDemoClients(t.store, t.clock, { clients: 600, seed: 9, actor: 'test' });
    const events = t.store.raw.prepare('SELECT status, demo, checked_in, invited FROM events ORDER BY starts_at').all() as {
      status: string;
      demo: number;
      checked_in: number;
      invited: number;
    }[];
    expect(events.map((e) => e.status)).toEqual(['reviewed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'open']);
    expect(events.every((e) => e.demo === 1 && e.invited > 0)).toBe(true);
    expect(events.slice(0, 6).every((e) => e.checked_in > 0)).toBe(true);
    const review = await ok(t.call(coordinator, 'events.review', { from: '2025-11-01', to: '2026-11-30' }));
    expect(review.events).toHaveLength(6);
    expect(review.totals.facts.sales + review.totals.facts.followUps).toBeGreaterThan(0);
    expect(review.totals.facts.newInformation).toBeGreaterThan(0);
    const sent = t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name LIKE 'event%' OR table_name = 'contacts'").get();
    expect(sent).toEqual({ n: 0 });

    // Practice and the branch's work do not mix: no demo client on a real event, no real client on a demo one.
    const real = await openSalon(coordinator);
    const demoClient = (t.store.raw.prepare('SELECT id FROM clients WHERE demo = 1 LIMIT 1').get() as { id: string }).id;
    expect(await t.call(coordinator, 'events.addGuest', { eventId: real.id, clientId: demoClient })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.demo_mismatch' },
    });
    const demoEvent = (t.store.raw.prepare("SELECT id FROM events WHERE status = 'open' AND demo = 1").get() as { id: string }).id;
    expect(await t.call(coordinator, 'events.addGuest', { eventId: demoEvent, clientId: ids[0]! })).toMatchObject({
      ok: false,
      error: { key: 'errors.events.demo_mismatch' },
    });
    expect((await ok(t.call(coordinator, 'events.segmentCount', { eventId: real.id, segment: { tiers: ['vip'] } }))).matching).toBe(1);

    await removeDemoData(t.store, t.clock, { staffId: null, staffLogin: 'test', method: 'demo.remove' });
    for (const table of ['event_steps', 'event_guests', 'event_answers', 'event_checkins']) {
      expect(t.store.raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE event_id != ?`).get(real.id), table).toEqual({ n: 0 });
    }
    expect(t.store.raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
  }, 60_000);
});
