import { describe, expect, it } from 'vitest';
import { computeTier, DEFAULT_TIER_POLICY, tierRank, type MonthlyAverage, type Tier } from './tier';

const yuan = (y: number) => Math.round(y * 100);

describe('client tier from the monthly average daily balances', () => {
  const cases: { story: string; months: MonthlyAverage[]; tier: Tier }[] = [
    { story: 'no balances at all is ordinary', months: [], tier: 'ordinary' },
    { story: 'exactly ¥500,000 is VIP', months: [{ month: '2026-04', avgDailyFen: yuan(500_000) }], tier: 'vip' },
    { story: '¥499,999.99 is not VIP', months: [{ month: '2026-04', avgDailyFen: 49_999_999 }], tier: 'ordinary' },
    {
      story: 'VIP reads the latest month, not the best one',
      months: [
        { month: '2026-03', avgDailyFen: yuan(900_000) },
        { month: '2026-04', avgDailyFen: yuan(100_000) },
      ],
      tier: 'ordinary',
    },
    {
      story: 'exactly 30% growth over six months is potential',
      months: [
        { month: '2025-10', avgDailyFen: yuan(100_000) },
        { month: '2026-04', avgDailyFen: yuan(130_000) },
      ],
      tier: 'potential',
    },
    {
      story: '29.99% growth is ordinary',
      months: [
        { month: '2025-10', avgDailyFen: yuan(100_000) },
        { month: '2026-04', avgDailyFen: yuan(129_990) },
      ],
      tier: 'ordinary',
    },
    {
      story: 'one fen short of 30% is ordinary',
      months: [
        { month: '2025-10', avgDailyFen: 1_000 },
        { month: '2026-04', avgDailyFen: 1_299 },
      ],
      tier: 'ordinary',
    },
    {
      story: 'growth is measured against the calendar month six before, across a year boundary',
      months: [
        { month: '2025-08', avgDailyFen: yuan(10_000) },
        { month: '2025-09', avgDailyFen: yuan(200_000) },
        { month: '2026-03', avgDailyFen: yuan(260_000) },
      ],
      tier: 'potential',
    },
    {
      story: 'a gap where the month six before should be is not potential, however steep the rise',
      months: [
        { month: '2025-09', avgDailyFen: yuan(1_000) },
        { month: '2025-11', avgDailyFen: yuan(1_000) },
        { month: '2026-04', avgDailyFen: yuan(300_000) },
      ],
      tier: 'ordinary',
    },
    {
      story: 'an earlier month of zero is not potential (growth from nothing is undefined)',
      months: [
        { month: '2025-10', avgDailyFen: 0 },
        { month: '2026-04', avgDailyFen: yuan(300_000) },
      ],
      tier: 'ordinary',
    },
    {
      story: 'unsorted input finds the latest month',
      months: [
        { month: '2026-04', avgDailyFen: yuan(130_000) },
        { month: '2026-01', avgDailyFen: yuan(600_000) },
        { month: '2025-10', avgDailyFen: yuan(100_000) },
      ],
      tier: 'potential',
    },
    {
      story: 'a resent month replaces the earlier entry',
      months: [
        { month: '2026-04', avgDailyFen: yuan(600_000) },
        { month: '2026-04', avgDailyFen: yuan(400_000) },
      ],
      tier: 'ordinary',
    },
    {
      story: 'VIP wins over potential',
      months: [
        { month: '2025-10', avgDailyFen: yuan(300_000) },
        { month: '2026-04', avgDailyFen: yuan(600_000) },
      ],
      tier: 'vip',
    },
  ];

  it.each(cases)('$story', ({ months, tier }) => {
    expect(computeTier(months)).toBe(tier);
  });

  it('follows the thresholds an administrator sets', () => {
    const months = [
      { month: '2026-01', avgDailyFen: yuan(100_000) },
      { month: '2026-04', avgDailyFen: yuan(120_000) },
    ];
    expect(computeTier(months)).toBe('ordinary');
    expect(computeTier(months, { ...DEFAULT_TIER_POLICY, potentialLookbackMonths: 3, potentialMinGrowthPercent: 20 })).toBe('potential');
    expect(computeTier(months, { ...DEFAULT_TIER_POLICY, vipMinAvgDailyFen: yuan(100_000) })).toBe('vip');
  });

  it('refuses malformed data rather than guessing', () => {
    expect(() => computeTier([{ month: '2026-4', avgDailyFen: 1 }])).toThrow(RangeError);
    expect(() => computeTier([{ month: '2026-13', avgDailyFen: 1 }])).toThrow(RangeError);
    expect(() => computeTier([{ month: '2026-04', avgDailyFen: 1.5 }])).toThrow(RangeError);
  });

  it('ranks VIP first for sorting', () => {
    const tiers: Tier[] = ['ordinary', 'vip', 'potential'];
    expect([...tiers].sort((a, b) => tierRank(a) - tierRank(b))).toEqual(['vip', 'potential', 'ordinary']);
  });
});
