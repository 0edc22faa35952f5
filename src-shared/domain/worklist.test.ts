import { describe, expect, it } from 'vitest';
import { REMINDER_KINDS } from './reminders';
import { isTierMove, tierByMonth } from './tier';
import { groupOf, missedCadences, urgencyOf, URGENCY_RANKS } from './worklist';

const today = '2026-12-03';
const since = '2026-09-04'; // 90 days before

describe('the worklist’s order and groups', () => {
  it('ranks a large outflow first, money next, service and care, then the cadence', () => {
    expect(urgencyOf('large_outflow')).toBe(0);
    expect(urgencyOf('deposit_maturity')).toBe(1);
    expect(urgencyOf('stop_loss')).toBe(1);
    expect(urgencyOf('follow_up')).toBe(2);
    expect(urgencyOf('risk_assessment_expired')).toBe(2);
    expect(urgencyOf('vip_deep_contact')).toBe(3);
    for (const kind of REMINDER_KINDS) expect(urgencyOf(kind)).toBeLessThan(URGENCY_RANKS.length);
  });

  it('puts each item in one group, an urgent one in today from the moment it is known', () => {
    expect(groupOf({ kind: 'birthday', dueDate: '2026-12-05' }, today, since)).toBe('upcoming');
    expect(groupOf({ kind: 'large_outflow', dueDate: '2026-12-04' }, today, since)).toBe('today');
    expect(groupOf({ kind: 'follow_up', dueDate: today }, today, since)).toBe('today');
    expect(groupOf({ kind: 'follow_up', dueDate: '2020-01-01' }, today, since)).toBe('overdue');
    // The cadence: overdue up to the setting's days, long overdue (folded) beyond; the edge day is still overdue.
    expect(groupOf({ kind: 'vip_deep_contact', dueDate: since }, today, since)).toBe('overdue');
    expect(groupOf({ kind: 'vip_deep_contact', dueDate: '2026-09-03' }, today, since)).toBe('long_overdue');
    expect(groupOf({ kind: 'ordinary_service', dueDate: '2015-01-01' }, today, since)).toBe('long_overdue');
  });

  it('counts the cadences a long-overdue line stands for', () => {
    expect(missedCadences('2026-12-04', today, 30)).toBe(0);
    expect(missedCadences(today, today, 30)).toBe(1);
    expect(missedCadences('2026-11-04', today, 30)).toBe(1);
    expect(missedCadences('2026-11-03', today, 30)).toBe(2);
    expect(missedCadences('2026-09-03', today, 30)).toBe(4);
  });
});

describe('tiers by month', () => {
  const months = (...fen: number[]) => fen.map((f, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, avgDailyFen: f }));

  it('computes each month’s tier with that month as the latest', () => {
    const tiers = tierByMonth(months(100, 100, 100, 100, 100, 100, 130, 60_000_000, 100));
    expect(tiers.get('2026-06')).toEqual({ tier: 'ordinary', determined: false });
    expect(tiers.get('2026-07')).toEqual({ tier: 'potential', determined: true });
    expect(tiers.get('2026-08')).toEqual({ tier: 'vip', determined: true });
    expect(tiers.get('2026-09')).toEqual({ tier: 'ordinary', determined: true });
  });

  it('counts no move into or out of potential against a month whose growth could not be measured', () => {
    const undetermined = { tier: 'ordinary' as const, determined: false };
    expect(isTierMove(undetermined, { tier: 'potential', determined: true })).toBe(false);
    expect(isTierMove(undetermined, { tier: 'vip', determined: true })).toBe(true);
    expect(isTierMove({ tier: 'potential', determined: true }, { tier: 'ordinary', determined: false })).toBe(false);
    expect(isTierMove({ tier: 'vip', determined: true }, { tier: 'vip', determined: true })).toBe(false);
  });
});
