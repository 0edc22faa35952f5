import { afterEach, describe, expect, it } from 'vitest';
import { invitationCode } from '../../src-shared/domain/events';
import { makeMainlandId } from '../../src-shared/domain/id-number';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, masterClients, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

// The branch manager who set each workstation up (admin and manager): plans events and invites.
const MANAGER = 'admin-window';
const BRANCH = '0931';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

function guests(w: Workstation, eventId: string) {
  return w.store.raw
    .prepare('SELECT g.client_id AS clientId, g.state, g.queue FROM event_guests g WHERE g.event_id = ? ORDER BY g.client_id')
    .all(eventId);
}

describe.each(HUB_KINDS)('events across the branch with the %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function station(h: TestHub): Promise<Workstation> {
    const w = await workstation();
    cleanups.push(() => w.cleanup());
    await withAdmin(w, MANAGER);
    await w.enroll(h, BRANCH);
    await w.sync.syncNow();
    return w;
  }

  it('an event planned at one workstation is run at both: offline acceptances settle on one seat plan, two doors count each guest once', async () => {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    const { clients, changes } = masterClients(h.clock, BRANCH, ['王芳', '李娜', '张伟', '刘洋'], 800_000);
    await h.server.service.appendMasterData(BRANCH, changes);
    const a = await station(h);
    const b = await station(h);

    const draft = await ok(
      a.call(MANAGER, 'events.save', {
        id: null,
        plan: { title: '贵金属投资沙龙', type: 'salon', startsAt: '2026-11-20T14:00:00+08:00', venue: '三楼贵宾室', capacity: 2 },
      }),
    );
    const event = await ok(a.call(MANAGER, 'events.step', { id: draft.id, expectedStatus: 'draft', step: 'opened' }));
    const list = [];
    for (const c of clients)
      list.push(await ok(a.call(MANAGER, 'events.addGuest', { eventId: event.id, clientId: c.id, reason: '总行客群名单' })));
    for (const g of list) await ok(a.call(MANAGER, 'events.invite', { guestId: g.id, channel: 'phone' }));
    await ok(a.call(MANAGER, 'events.answer', { guestId: list[0]!.id, answer: 'accepted' }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(await ok(b.call(MANAGER, 'events.get', { id: event.id }))).toMatchObject({
      status: 'open',
      title: '贵金属投资沙龙',
      counts: { guests: 4, invited: 4, seated: 1, waitlisted: 0 },
    });
    // The invitation calls are in the clients' timelines at the other workstation too.
    expect(b.store.raw.prepare('SELECT count(*) AS n FROM contacts WHERE event_id = ?').get(event.id)).toEqual({ n: 4 });

    // Offline, each workstation sees one free seat and takes an acceptance for it; B's a minute later.
    expect(await ok(a.call(MANAGER, 'events.answer', { guestId: list[1]!.id, answer: 'accepted' }))).toMatchObject({ state: 'seated' });
    b.clock.advance(60_000);
    expect(await ok(b.call(MANAGER, 'events.answer', { guestId: list[2]!.id, answer: 'accepted' }))).toMatchObject({ state: 'seated' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const w of [a, b]) {
      expect(guests(w, event.id)).toEqual(guests(a, event.id));
      expect(await ok(w.call(MANAGER, 'events.get', { id: event.id }))).toMatchObject({ counts: { seated: 2, waitlisted: 1 } });
    }
    const later = await ok(b.call(MANAGER, 'events.guests', { eventId: event.id, view: 'waitlisted' }));
    expect(later.guests.map((g) => [g.name, g.queue])).toEqual([['张伟', 3]]);
    // Whoever took the later acceptance is told to call the guest: the waitlist, not a seat.
    expect((await ok(b.call(MANAGER, 'events.notices', {}))).map((n) => [n.guest.name, n.guest.notice])).toEqual([['张伟', 'moved_down']]);
    expect(await ok(a.call(MANAGER, 'events.notices', {}))).toEqual([]);

    // The plan changes at B (a bigger room): the waiting guest moves up everywhere.
    await ok(
      b.call(MANAGER, 'events.save', {
        id: event.id,
        plan: { title: '贵金属投资沙龙', type: 'salon', startsAt: '2026-11-20T14:00:00+08:00', venue: '一楼大厅', capacity: 3 },
      }),
    );
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(await ok(a.call(MANAGER, 'events.get', { id: event.id }))).toMatchObject({
      plan: { venue: '一楼大厅', capacity: 3 },
      counts: { seated: 3, waitlisted: 0 },
    });

    // The day: two doors. Both check 王芳 in (offline); B adds a walk-in nobody had on file.
    await ok(a.call(MANAGER, 'events.checkin', { eventId: event.id, code: invitationCode(list[0]!.id) }));
    await ok(b.call(MANAGER, 'events.checkin', { eventId: event.id, code: invitationCode(list[0]!.id) }));
    await ok(b.call(MANAGER, 'events.walkIn', { eventId: event.id, name: '周杰', mobile: '13700009999', idNumber: null }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const w of [a, b]) {
      expect(await ok(w.call(MANAGER, 'events.get', { id: event.id }))).toMatchObject({ counts: { checkedIn: 2 } });
      expect(w.store.raw.prepare("SELECT lifecycle FROM clients WHERE name = '周杰'").get()).toEqual({ lifecycle: 'prospect' });
      expect(await w.sync.status()).toMatchObject({ pendingChanges: 0, parkedChanges: 0, lastError: null });
    }
  });

  it('a walk-in added at both doors offline is one client, and becomes head office’s client when its record arrives with the same ID number', async () => {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    const a = await station(h);
    const b = await station(h);
    const draft = await ok(
      a.call(MANAGER, 'events.save', {
        id: null,
        plan: { title: '养老规划讲座', type: 'lecture', startsAt: '2026-11-02T14:00:00+08:00', venue: '一楼大厅', capacity: 50 },
      }),
    );
    await ok(a.call(MANAGER, 'events.step', { id: draft.id, expectedStatus: 'draft', step: 'opened' }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    // The same person walks up to both doors; each workstation, offline, makes a prospect.
    const idNumber = makeMainlandId('310104', '1975-08-09', '513');
    const walkIn = { eventId: draft.id, name: '周杰', mobile: '13700009999', idNumber };
    await ok(a.call(MANAGER, 'events.walkIn', walkIn));
    b.clock.advance(30_000);
    await ok(b.call(MANAGER, 'events.walkIn', walkIn));
    for (const w of [a, b, a]) await w.sync.syncNow();
    const kept = (w: Workstation) =>
      w.store.raw
        .prepare('SELECT client_no, name, lifecycle FROM clients WHERE id_tail = ? AND deleted_hlc IS NULL')
        .all(idNumber.slice(-4));
    const [first] = kept(a) as { client_no: string }[];
    expect(first?.client_no).toMatch(/^WK\d{8}-[0-9A-F]{4}-001$/);
    for (const w of [a, b]) {
      expect(kept(w)).toEqual(kept(a));
      expect(kept(w)).toHaveLength(1);
      expect(await ok(w.call(MANAGER, 'events.get', { id: draft.id }))).toMatchObject({ counts: { checkedIn: 1 } });
    }

    // Head office opens an account for him: its record carries the same ID number under its own client number.
    const { clients, changes } = masterClients(h.clock, BRANCH, ['周杰'], 300_000);
    const record = changes.map((c) =>
      c.table === 'clients' ? { ...c, values: { ...c.values, id_number: idNumber, mobile: '13700009999' } } : c,
    );
    await h.server.service.appendMasterData(BRANCH, record);
    for (const w of [a, b]) {
      await w.sync.syncNow();
      expect(kept(w)).toMatchObject([{ client_no: clients[0]!.clientNo, name: '周杰' }]);
      // The arrival and the search find the one client, under head office's number.
      expect(await ok(w.call(MANAGER, 'events.get', { id: draft.id }))).toMatchObject({ counts: { checkedIn: 1 } });
      const profile = await ok(w.call(MANAGER, 'clients.search', { q: '周杰' }));
      expect(profile.results.map((r) => r.clientNo)).toEqual([clients[0]!.clientNo]);
      expect(await w.sync.status()).toMatchObject({ parkedChanges: 0, lastError: null });
    }
  });
});
