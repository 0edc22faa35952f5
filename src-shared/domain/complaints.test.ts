import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  checkExtension,
  COMPLAINT_EVENT_KINDS,
  COMPLAINT_STATUSES,
  type ComplaintEventKind,
  type ComplaintStatus,
  conflictsOfInterest,
  daysLeft,
  deadlineState,
  decisionDue,
  dueOf,
  foldCase,
  reviewDue,
  stepFrom,
  stepsFrom,
} from './complaints';

describe('the legal clock (CBIRC Order 2020 No. 3)', () => {
  it.each([
    ['2026-03-01', 'none', '2026-03-16'],
    ['2026-03-01', 'complex', '2026-03-31'],
    ['2026-03-01', 'especially_complex', '2026-04-30'],
    // Across a month end, a year end and 29 February.
    ['2026-01-20', 'none', '2026-02-04'],
    ['2026-12-20', 'none', '2027-01-04'],
    ['2026-12-20', 'especially_complex', '2027-02-18'],
    ['2028-02-14', 'none', '2028-02-29'],
    ['2027-02-14', 'none', '2027-03-01'],
  ] as const)('received %s, %s: decision due %s', (received, level, due) => {
    expect(decisionDue(received, level)).toBe(due);
  });

  it("takes the regulator's own deadline when it is earlier, never when it is later", () => {
    expect(decisionDue('2026-03-01', 'none', '2026-03-10')).toBe('2026-03-10');
    expect(decisionDue('2026-03-01', 'none', '2026-03-20')).toBe('2026-03-16');
    expect(decisionDue('2026-03-01', 'complex', '2026-03-20')).toBe('2026-03-20');
  });

  it('gives a review 30 days from its request', () => {
    expect(reviewDue('2026-12-15')).toBe('2027-01-14');
  });

  it.each([
    ['2026-03-16', '2026-03-16', 0, 'near'],
    ['2026-03-13', '2026-03-16', 3, 'near'],
    ['2026-03-12', '2026-03-16', 4, 'ok'],
    ['2026-03-17', '2026-03-16', -1, 'overdue'],
    ['2026-12-31', '2027-01-04', 4, 'ok'],
  ] as const)('on %s with the decision due %s: %i days left, %s', (today, due, left, state) => {
    expect(daysLeft(today, due)).toBe(left);
    expect(deadlineState(today, due, 3)).toBe(state);
  });
});

describe('the workflow', () => {
  const allowed: Record<ComplaintStatus, ComplaintEventKind[]> = {
    received: ['accepted', 'assigned', 'escalated', 'extended', 'withdrawn', 'note', 'correction'],
    accepted: ['assigned', 'investigating', 'escalated', 'extended', 'withdrawn', 'note', 'correction'],
    investigating: ['assigned', 'escalated', 'extended', 'decided', 'withdrawn', 'note', 'correction'],
    escalated: ['assigned', 'investigating', 'extended', 'decided', 'withdrawn', 'note', 'correction'],
    decided: ['review_requested', 'closed', 'reopened', 'note', 'correction'],
    review: ['assigned', 'escalated', 'decided', 'note', 'correction'],
    closed: ['review_requested', 'reopened', 'note', 'correction'],
    withdrawn: ['note', 'correction'],
  };

  it.each(COMPLAINT_STATUSES)('from %s allows exactly its steps and refuses every other', (status) => {
    expect(stepsFrom(status).sort()).toEqual([...allowed[status]].sort());
    for (const kind of COMPLAINT_EVENT_KINDS) {
      if (kind === 'received') continue;
      expect(stepFrom(status, kind) !== null, `${status} → ${kind}`).toBe(allowed[status].includes(kind));
    }
  });

  it('never lets a withdrawn case or a closed one be decided again without a reopening', () => {
    expect(stepFrom('withdrawn', 'decided')).toBeNull();
    expect(stepFrom('closed', 'decided')).toBeNull();
    expect(stepFrom('closed', 'reopened')).toBe('investigating');
  });
});

describe('extensions', () => {
  const base = { status: 'investigating', current: 'none', approverRoles: null, complainantToldAt: '2026-03-10T02:00:00Z' } as const;
  it.each([
    [{ requested: 'complex' }, null],
    [{ requested: 'complex', complainantToldAt: null }, 'told_missing'],
    [{ requested: 'especially_complex' }, 'needs_complex_first'],
    [{ current: 'complex', requested: 'especially_complex' }, 'needs_approver'],
    [{ current: 'complex', requested: 'especially_complex', approverRoles: ['complaints'] }, 'approver_not_manager'],
    [{ current: 'complex', requested: 'especially_complex', approverRoles: ['manager'] }, null],
    [{ current: 'complex', requested: 'complex' }, 'not_longer'],
    [{ current: 'especially_complex', requested: 'complex' }, 'not_longer'],
    [{ status: 'decided', requested: 'complex' }, 'not_open'],
  ] as const)('%j → %s', (change, refusal) => {
    expect(checkExtension({ ...base, ...change })).toBe(refusal);
  });
});

describe('回避', () => {
  it('refuses an officer the complaint names', () => {
    expect(conflictsOfInterest('s1', ['s1', 's2'])).toBe(true);
    expect(conflictsOfInterest('s3', ['s1', 's2'])).toBe(false);
  });
});

describe('a case folded from its events', () => {
  let n = 0;
  const ev = (kind: ComplaintEventKind, fromStatus: ComplaintStatus, on: string, data: CaseEvent['data'] = {}): CaseEvent => {
    n++;
    return { id: `e${n}`, kind, hlc: `hlc-${String(n).padStart(4, '0')}`, on, fromStatus, staffId: 's1', data };
  };

  it('follows a case from receipt through an extension to its decision and closing', () => {
    const events = [
      ev('accepted', 'received', '2026-03-01'),
      ev('assigned', 'accepted', '2026-03-01', { officerId: 'officer-1' }),
      ev('investigating', 'accepted', '2026-03-02'),
      ev('extended', 'investigating', '2026-03-12', { extension: 'complex' }),
    ];
    let state = foldCase('2026-03-01', events);
    expect(state).toMatchObject({ status: 'investigating', officerId: 'officer-1', extension: 'complex', conflicts: [] });
    expect(dueOf(state, null)).toBe('2026-03-31');
    events.push(ev('decided', 'investigating', '2026-03-20', { outcome: 'partly_upheld' }), ev('closed', 'decided', '2026-03-21'));
    state = foldCase('2026-03-01', events);
    expect(state).toMatchObject({ status: 'closed', decidedOn: '2026-03-20', outcome: 'partly_upheld', closedOn: '2026-03-21' });
    expect(dueOf(state, null)).toBeNull();
  });

  it('runs a review on its own 30-day clock, and a reopening on a fresh 15-day one without the regulator’s date', () => {
    const events = [
      ev('accepted', 'received', '2026-03-01'),
      ev('investigating', 'accepted', '2026-03-01'),
      ev('decided', 'investigating', '2026-03-10', { outcome: 'not_upheld' }),
      ev('review_requested', 'decided', '2026-03-12'),
    ];
    expect(dueOf(foldCase('2026-03-01', events), '2026-03-08')).toBe('2026-04-11');
    events.push(ev('decided', 'review', '2026-04-01', { outcome: 'upheld' }), ev('closed', 'decided', '2026-04-02'));
    events.push(ev('reopened', 'closed', '2026-05-01'));
    const state = foldCase('2026-03-01', events);
    expect(state).toMatchObject({ status: 'investigating', outcome: null, extension: 'none' });
    expect(dueOf(state, '2026-03-08')).toBe('2026-05-16');
  });

  it('keeps both of two steps taken offline from one state: the first by clock applies, the other is a conflict', () => {
    const accepted = ev('accepted', 'received', '2026-03-01');
    const investigating = ev('investigating', 'accepted', '2026-03-02');
    // Workstation A decides, workstation B escalates, both from "investigating", neither having seen the other.
    const decided = ev('decided', 'investigating', '2026-03-05', { outcome: 'upheld' });
    const escalated = ev('escalated', 'investigating', '2026-03-05', { level: 'head_office' });
    const state = foldCase('2026-03-01', [escalated, investigating, decided, accepted]);
    expect(state).toMatchObject({ status: 'decided', outcome: 'upheld', escalatedTo: null, conflicts: [escalated.id] });
    // A note taken meanwhile is no conflict: it moves nothing.
    expect(foldCase('2026-03-01', [accepted, investigating, decided, ev('note', 'investigating', '2026-03-05')]).conflicts).toEqual([]);
  });
});
