import { type EventRecord, type EventStep, foldEvent, type GuestRecordKind } from '../../src-shared/domain/events';
import { perConnection, type RawDb } from '../store/open';

const statements = perConnection((raw: RawDb) => ({
  event: raw.prepare('SELECT capacity FROM events WHERE id = ?'),
  steps: raw.prepare('SELECT step, updated_hlc AS hlc FROM event_steps WHERE event_id = ?'),
  guests: raw.prepare(
    `SELECT g.id, g.client_id AS clientId, g.updated_hlc AS hlc, c.manager_id AS managerId,
            g.state, g.queue, g.inviter_id AS inviterId, g.taker_id AS takerId, g.notice, g.notice_for AS noticeFor,
            g.checked_in_at AS checkedInAt
     FROM event_guests g LEFT JOIN clients c ON c.id = g.client_id WHERE g.event_id = ?`,
  ),
  answers: raw.prepare(
    `SELECT guest_id AS guestId, kind, updated_hlc AS hlc, staff_id AS staffId, seat_seen AS seatSeen
     FROM event_answers WHERE event_id = ?`,
  ),
  checkins: raw.prepare('SELECT client_id AS clientId, at FROM event_checkins WHERE event_id = ?'),
  writeEvent: raw.prepare(
    `UPDATE events SET status = ?, cancelled_hlc = ?, guests = ?, invited = ?, seated = ?, waitlisted = ?, checked_in = ?
     WHERE id = ?`,
  ),
  writeGuest: raw.prepare(
    `UPDATE event_guests SET state = ?, queue = ?, inviter_id = ?, taker_id = ?, notice = ?, notice_for = ?, checked_in_at = ?
     WHERE id = ?`,
  ),
}));

/** What is derived on a guest row, as stored. */
interface Derived {
  state: string;
  queue: number | null;
  inviterId: string | null;
  takerId: string | null;
  notice: string | null;
  noticeFor: string | null;
  checkedInAt: string | null;
}
const DERIVED = ['state', 'queue', 'inviterId', 'takerId', 'notice', 'noticeFor', 'checkedInAt'] as const;

/**
 * Recomputes what is derived on each event and its guests (status, seats, the waitlist's order, who owes whom a
 * call, arrivals) from its record: after a change here, and after sync brought part of it from another workstation.
 * Synchronous statements on the caller's transaction; the same record gives the same result on every device.
 */
export function refreshEvents(raw: RawDb, eventIds: Iterable<string>): void {
  const s = statements(raw);
  for (const id of new Set(eventIds)) {
    const event = s.event.get(id) as { capacity: number } | undefined;
    if (!event) continue;
    const guests = s.guests.all(id) as (Derived & { id: string; clientId: string; hlc: string; managerId: string | null })[];
    const record: EventRecord = {
      capacity: event.capacity,
      steps: s.steps.all(id) as { step: EventStep; hlc: string }[],
      guests,
      answers: s.answers.all(id) as {
        guestId: string;
        kind: GuestRecordKind;
        hlc: string;
        staffId: string | null;
        seatSeen: 'seated' | 'waitlisted' | null;
      }[],
      checkins: s.checkins.all(id) as { clientId: string; at: string }[],
    };
    const fold = foldEvent(record);
    const c = fold.counts;
    s.writeEvent.run(fold.status, fold.cancelledHlc, c.guests, c.invited, c.seated, c.waitlisted, c.checkedIn, id);
    for (const g of guests) {
      const f = fold.guests.get(g.id);
      if (!f) continue;
      const noticeFor =
        f.noticeFor === 'manager'
          ? g.managerId
          : f.noticeFor === 'taker'
            ? (f.takerId ?? f.inviterId)
            : f.noticeFor === 'inviter'
              ? (f.inviterId ?? f.takerId)
              : null;
      // A second row for the same client (added twice offline) stays out of every list.
      const state = f.duplicateOf === null ? f.state : 'duplicate';
      const next: Derived = {
        state,
        queue: f.queue,
        inviterId: f.inviterId,
        takerId: f.takerId,
        notice: f.notice,
        noticeFor,
        checkedInAt: f.checkedInAt,
      };
      // Only the guests whose seat, call or arrival changed are written: one answer moves one or two of hundreds.
      if (DERIVED.every((k) => next[k] === g[k])) continue;
      s.writeGuest.run(next.state, next.queue, next.inviterId, next.takerId, next.notice, next.noticeFor, next.checkedInAt, g.id);
    }
  }
}
