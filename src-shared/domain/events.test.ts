import { describe, expect, it } from 'vitest';
import {
  ageBandBirthDates,
  EVENT_STATUSES,
  EVENT_TRANSITIONS,
  type EventRecord,
  eventStepFrom,
  foldEvent,
  invitationCode,
  isWalkInClientNo,
  parseInvitationCode,
  type EventStatus,
  type EventStep,
  movedDown,
  movedUp,
  planSeats,
  reviewFigures,
  type InvitationAnswerEvent,
} from './events';

const hlc = (n: number, device = 'a') => `${String(n).padStart(16, '0')}-0000-${device}`;
const answer = (invitationId: string, a: InvitationAnswerEvent['answer'], n: number, device = 'a'): InvitationAnswerEvent => ({
  invitationId,
  answer: a,
  hlc: hlc(n, device),
});

describe('an event’s steps', () => {
  const allowed: Record<EventStep, EventStatus[]> = {
    opened: ['draft', 'closed'],
    closed: ['open'],
    held: ['open', 'closed'],
    reviewed: ['held'],
    cancelled: ['draft', 'open', 'closed'],
  };
  for (const step of Object.keys(EVENT_TRANSITIONS) as EventStep[]) {
    for (const status of EVENT_STATUSES) {
      const ok = allowed[step].includes(status);
      it(`${step} from ${status}: ${ok ? 'allowed' : 'refused'}`, () =>
        expect(eventStepFrom(status, step)).toBe(ok ? EVENT_TRANSITIONS[step].to : null));
    }
  }
});

describe('seats and the waitlist', () => {
  const ids = ['g1', 'g2', 'g3', 'g4', 'g5'];

  it('seats accepted guests in the order they accepted, up to capacity; the rest wait in order', () => {
    const plan = planSeats(2, ids, [
      answer('g3', 'accepted', 3),
      answer('g1', 'accepted', 1),
      answer('g2', 'declined', 2),
      answer('g4', 'accepted', 4),
    ]);
    expect(plan.seated).toEqual(['g1', 'g3']);
    expect(plan.waitlist).toEqual(['g4']);
    expect(Object.fromEntries(plan.states)).toEqual({ g1: 'seated', g2: 'declined', g3: 'seated', g4: 'waitlisted', g5: 'invited' });
  });

  it('moves the first in line up when a seated guest withdraws, and never seats more than capacity', () => {
    const answers = [answer('g1', 'accepted', 1), answer('g2', 'accepted', 2), answer('g3', 'accepted', 3), answer('g4', 'accepted', 4)];
    const before = planSeats(2, ids, answers);
    const after = planSeats(2, ids, [...answers, answer('g1', 'withdrew', 5)]);
    expect(after.seated).toEqual(['g2', 'g3']);
    expect(after.waitlist).toEqual(['g4']);
    expect(movedUp(before, after)).toEqual(['g3']);
    expect(after.states.get('g1')).toBe('withdrew');
    // Accepting again after withdrawing: to the end of the line.
    const again = planSeats(2, ids, [...answers, answer('g1', 'withdrew', 5), answer('g1', 'accepted', 6)]);
    expect(again.waitlist).toEqual(['g4', 'g1']);
  });

  it('settles two workstations accepting the last seat offline the same way on both: the later acceptance waits', () => {
    const common = [answer('g1', 'accepted', 1)];
    const hereFirst = planSeats(2, ids, [...common, answer('g2', 'accepted', 10, 'a')]);
    const thereFirst = planSeats(2, ids, [...common, answer('g3', 'accepted', 11, 'b')]);
    const merged = [...common, answer('g3', 'accepted', 11, 'b'), answer('g2', 'accepted', 10, 'a')];
    const onA = planSeats(2, ids, merged);
    const onB = planSeats(2, ids, [...merged].reverse());
    expect(onA.seated).toEqual(['g1', 'g2']);
    expect(onB).toEqual(onA);
    expect(movedDown(thereFirst, onA)).toEqual(['g3']);
    expect(movedDown(hereFirst, onA)).toEqual([]);
  });

  it('seats nobody at capacity 0 and takes the latest answer of each invitation', () => {
    expect(planSeats(0, ids, [answer('g1', 'accepted', 1)]).waitlist).toEqual(['g1']);
    const plan = planSeats(5, ids, [answer('g2', 'accepted', 2), answer('g2', 'declined', 1), answer('g5', 'no_answer', 3)]);
    expect(plan.seated).toEqual(['g2']);
    expect(plan.states.get('g5')).toBe('no_answer');
  });
});

describe('the review’s figures', () => {
  const facts = {
    invited: 40,
    reached: 32,
    accepted: 20,
    attended: 19,
    walkIns: 2,
    newInformation: 7,
    followUps: 5,
    sales: 4,
    costFen: 6_000_00,
  };

  it('divides what the branch did by what it tried', () => {
    expect(reviewFigures(facts)).toEqual({
      reachRate: 0.8,
      acceptRate: 0.625,
      attendRate: 0.85,
      noShows: 3,
      costPerAttendeeFen: 31_579,
      costPerSaleFen: 150_000,
    });
  });

  it('gives no figure where there is nothing to divide by', () => {
    expect(reviewFigures({ ...facts, invited: 0, reached: 0, accepted: 0, attended: 0, walkIns: 0, sales: 0, costFen: null })).toEqual({
      reachRate: null,
      acceptRate: null,
      attendRate: null,
      noShows: 0,
      costPerAttendeeFen: null,
      costPerSaleFen: null,
    });
  });
});

describe('an event’s whole record, folded', () => {
  type A = EventRecord['answers'][number];
  const rec = (
    n: number,
    guestId: string,
    kind: A['kind'],
    staffId: string | null = 'inviter',
    seatSeen: A['seatSeen'] = null,
    device = 'a',
  ): A => ({
    guestId,
    kind,
    hlc: hlc(n, device),
    staffId,
    seatSeen,
  });
  const base = (answers: A[], extra: Partial<EventRecord> = {}): EventRecord => ({
    capacity: 2,
    steps: [{ step: 'opened', hlc: hlc(1) }],
    guests: ['g1', 'g2', 'g3', 'g4'].map((id, i) => ({ id, clientId: `c${i + 1}`, hlc: hlc(2 + i) })),
    answers,
    checkins: [],
    ...extra,
  });

  it('lists, invites, seats and queues', () => {
    const f = foldEvent(
      base([
        rec(10, 'g1', 'invited'),
        rec(11, 'g1', 'accepted', 'inviter', 'seated'),
        rec(12, 'g2', 'invited'),
        rec(13, 'g2', 'accepted', 'inviter', 'seated'),
        rec(14, 'g3', 'invited'),
        rec(15, 'g3', 'accepted', 'clerk', 'waitlisted'),
      ]),
    );
    expect(f.status).toBe('open');
    expect([...f.guests.values()].map((g) => [g.state, g.queue, g.notice])).toEqual([
      ['seated', 1, null],
      ['seated', 2, null],
      ['waitlisted', 3, null],
      ['listed', null, null],
    ]);
    expect(f.counts).toEqual({ guests: 4, invited: 3, seated: 2, waitlisted: 1, checkedIn: 0 });
    expect(f.guests.get('g3')).toMatchObject({ inviterId: 'inviter', takerId: 'clerk' });
  });

  it('moves the next guest up when a seat frees, and the call to them clears the item', () => {
    const answers = [
      rec(11, 'g1', 'accepted', 'a', 'seated'),
      rec(12, 'g2', 'invited', 'b'),
      rec(13, 'g2', 'accepted', 'b', 'seated'),
      rec(14, 'g3', 'invited', 'c'),
      rec(15, 'g3', 'accepted', 'c', 'waitlisted'),
      rec(16, 'g1', 'withdrew', 'a'),
    ];
    const moved = foldEvent(base(answers)).guests.get('g3');
    expect(moved).toMatchObject({ state: 'seated', queue: 2, notice: 'moved_up', noticeFor: 'inviter', inviterId: 'c' });
    const told = foldEvent(base([...answers, rec(17, 'g3', 'told', 'c', 'seated')])).guests.get('g3');
    expect(told).toMatchObject({ state: 'seated', notice: null });
    // Removed from the list frees a seat the same way.
    const removed = foldEvent(base([...answers.slice(0, 5), rec(16, 'g2', 'removed', 'b')]));
    expect(removed.guests.get('g2')?.state).toBe('removed');
    expect(removed.guests.get('g3')?.notice).toBe('moved_up');
    expect(removed.counts.guests).toBe(3);
  });

  it('puts the later of two offline acceptances for the last seat on the waitlist, and tells its taker', () => {
    // Both workstations saw a free seat; sync brings both.
    const answers = [
      rec(11, 'g1', 'accepted', 'a', 'seated'),
      rec(21, 'g2', 'accepted', 'x', 'seated', 'b'),
      rec(20, 'g3', 'accepted', 'y', 'seated', 'a'),
    ];
    const f = foldEvent(base(answers));
    expect(f.counts.seated).toBe(2);
    expect(f.guests.get('g3')).toMatchObject({ state: 'seated', notice: null });
    expect(f.guests.get('g2')).toMatchObject({ state: 'waitlisted', notice: 'moved_down', noticeFor: 'taker', takerId: 'x' });
    // Told they wait; later a seat frees and they move up: a new call is owed.
    const told = [...answers, rec(22, 'g2', 'told', 'x', 'waitlisted')];
    expect(foldEvent(base(told)).guests.get('g2')?.notice).toBeNull();
    expect(foldEvent(base([...told, rec(23, 'g1', 'declined', 'a')])).guests.get('g2')).toMatchObject({
      state: 'seated',
      notice: 'moved_up',
    });
  });

  it('owes every accepted guest a call when the event is cancelled, until told', () => {
    const answers = [
      rec(11, 'g1', 'accepted', 'a', 'seated'),
      rec(12, 'g2', 'declined', 'b'),
      rec(13, 'g3', 'accepted', 'c', 'seated'),
      rec(14, 'g4', 'accepted', 'd', 'waitlisted'),
    ];
    const steps = [
      { step: 'opened' as const, hlc: hlc(1) },
      { step: 'cancelled' as const, hlc: hlc(30) },
    ];
    const f = foldEvent({ ...base(answers), capacity: 2, steps });
    expect(f.status).toBe('cancelled');
    expect([...f.guests.values()].map((g) => g.notice)).toEqual(['cancelled', null, 'cancelled', 'cancelled']);
    // A call before the cancellation does not count.
    const early = foldEvent({ ...base([...answers, rec(25, 'g1', 'told', 'a', 'seated')]), steps });
    expect(early.guests.get('g1')?.notice).toBe('cancelled');
    const after = foldEvent({ ...base([...answers, rec(31, 'g1', 'told', 'a', 'seated')]), steps });
    expect(after.guests.get('g1')?.notice).toBeNull();
  });

  it('passes over a step its state no longer allows (held on one workstation, cancelled on another)', () => {
    const f = foldEvent(
      base([], {
        steps: [
          { step: 'opened', hlc: hlc(1) },
          { step: 'held', hlc: hlc(5, 'a') },
          { step: 'cancelled', hlc: hlc(6, 'b') },
        ],
      }),
    );
    expect(f).toMatchObject({ status: 'held', cancelledHlc: null });
  });

  it('takes a client added twice offline as one guest, and counts each arrival once', () => {
    const f = foldEvent(
      base([rec(11, 'g1', 'accepted', 'a', 'seated'), rec(12, 'dup', 'accepted', 'b', 'seated', 'b')], {
        guests: [
          { id: 'g1', clientId: 'c1', hlc: hlc(2) },
          { id: 'dup', clientId: 'c1', hlc: hlc(3, 'b') },
        ],
        checkins: [
          { clientId: 'c1', at: '2026-12-02T10:01:00Z' },
          { clientId: 'c1', at: '2026-12-02T10:00:00Z' },
          { clientId: 'walk', at: '2026-12-02T10:05:00Z' },
        ],
        steps: [
          { step: 'opened', hlc: hlc(1) },
          { step: 'held', hlc: hlc(40) },
        ],
      }),
    );
    expect(f.counts).toMatchObject({ guests: 1, seated: 1, waitlisted: 0, checkedIn: 2 });
    expect(f.guests.get('dup')).toMatchObject({ duplicateOf: 'g1', state: 'seated', notice: null });
    // After the event, whoever came is owed a follow-up by their relationship manager.
    expect(f.guests.get('g1')).toMatchObject({ checkedInAt: '2026-12-02T10:00:00Z', notice: 'follow_up', noticeFor: 'manager' });
  });
});

describe('age bands, invitation codes and walk-in numbers', () => {
  it('turns an age band into the birth dates it covers on a day, both ends included', () => {
    expect(ageBandBirthDates('30_39', '2026-12-02')).toEqual({ from: '1986-12-03', to: '1996-12-02' });
    expect(ageBandBirthDates('under_30', '2026-12-02')).toEqual({ from: '1996-12-03', to: '2026-12-02' });
    expect(ageBandBirthDates('70_plus', '2026-12-02')).toEqual({ from: null, to: '1956-12-02' });
    // On 29 February: someone born on 29 February 1968 turns 60 that day; a common year's 28th stands in for the 29th.
    expect(ageBandBirthDates('50_59', '2028-02-29')).toEqual({ from: '1968-03-01', to: '1978-02-28' });
    expect(ageBandBirthDates('60_69', '2028-02-29')).toEqual({ from: '1958-03-01', to: '1968-02-29' });
  });

  it('reads back the codes it prints, as a scanner types them, and nothing else', () => {
    const id = '01a23846-0401-77fb-9e65-722118c8805e';
    expect(parseInvitationCode(invitationCode(id))).toBe(id);
    expect(parseInvitationCode(` ${invitationCode(id).toUpperCase().replace('BD-INV', 'BD-INV')}\n`)).toBe(id);
    expect(parseInvitationCode('https://example.com/01a23846')).toBeNull();
    expect(parseInvitationCode('BD-INV:')).toBeNull();
  });

  it('knows a prospect made at the door by its number', () => {
    expect(isWalkInClientNo('WK20261202-7F3A-001')).toBe(true);
    expect(isWalkInClientNo('WK20261202-7F3A-1024')).toBe(true);
    expect(isWalkInClientNo('90000010000001')).toBe(false);
    expect(isWalkInClientNo('WK2026-7F3A-001')).toBe(false);
  });
});
