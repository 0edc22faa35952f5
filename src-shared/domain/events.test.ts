import { describe, expect, it } from 'vitest';
import {
  EVENT_STATUSES,
  EVENT_TRANSITIONS,
  eventStepFrom,
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
    salesFen: 120_000_00,
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
