import { describe, expect, it } from 'vitest';
import { computeLifecycle, DEFAULT_LIFECYCLE_POLICY, type Lifecycle, type LifecycleInput } from './lifecycle';

const RICH = 50_000_000;
const ONE_THOUSAND_YUAN = 100_000;

describe('lifecycle stage of a client', () => {
  const cases: { story: string; input: LifecycleInput; today: string; stage: Lifecycle }[] = [
    {
      story: 'someone who never did business and holds nothing is a prospect',
      input: { firstBusinessDate: null, lastActivityDate: '2026-03-01', latestAssetsFen: 0 },
      today: '2026-04-01',
      stage: 'prospect',
    },
    {
      story: 'a prospect with no activity at all stays a prospect, not churned',
      input: { firstBusinessDate: null, lastActivityDate: null, latestAssetsFen: 0 },
      today: '2026-04-01',
      stage: 'prospect',
    },
    {
      story: 'first business 15 Mar 2025 is still new on 14 Mar 2026',
      input: { firstBusinessDate: '2025-03-15', lastActivityDate: '2026-03-01', latestAssetsFen: RICH },
      today: '2026-03-14',
      stage: 'new',
    },
    {
      story: 'first business 15 Mar 2025 is loyal from 15 Mar 2026',
      input: { firstBusinessDate: '2025-03-15', lastActivityDate: '2026-03-01', latestAssetsFen: RICH },
      today: '2026-03-15',
      stage: 'loyal',
    },
    {
      story: 'last seen 22 May with ¥999.99 is not yet churned on 21 Nov',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2025-05-22', latestAssetsFen: ONE_THOUSAND_YUAN - 1 },
      today: '2025-11-21',
      stage: 'loyal',
    },
    {
      story: 'last seen 22 May with ¥999.99 is churned on 22 Nov',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2025-05-22', latestAssetsFen: ONE_THOUSAND_YUAN - 1 },
      today: '2025-11-22',
      stage: 'churned',
    },
    {
      story: 'exactly ¥1,000 left is not churned, however long the silence',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2024-01-01', latestAssetsFen: ONE_THOUSAND_YUAN },
      today: '2026-04-01',
      stage: 'loyal',
    },
    {
      story: 'an active client with an emptied account is not churned',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2026-03-20', latestAssetsFen: 0 },
      today: '2026-04-01',
      stage: 'loyal',
    },
    {
      story: 'last seen 31 Aug: six months end on 28 Feb in a common year',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2025-08-31', latestAssetsFen: 0 },
      today: '2026-02-28',
      stage: 'churned',
    },
    {
      story: 'last seen 31 Aug: still within six months on 27 Feb',
      input: { firstBusinessDate: '2020-01-01', lastActivityDate: '2025-08-31', latestAssetsFen: 0 },
      today: '2026-02-27',
      stage: 'loyal',
    },
    {
      story: 'a new client who went quiet and emptied the account is churned, not new',
      input: { firstBusinessDate: '2025-09-01', lastActivityDate: null, latestAssetsFen: 500 },
      today: '2026-03-01',
      stage: 'churned',
    },
    {
      story: 'the first business counts as activity when nothing later is recorded',
      input: { firstBusinessDate: '2025-12-01', lastActivityDate: null, latestAssetsFen: 500 },
      today: '2026-03-01',
      stage: 'new',
    },
    {
      story: 'assets but no first-business date on record count as an established client',
      input: { firstBusinessDate: null, lastActivityDate: '2026-03-01', latestAssetsFen: RICH },
      today: '2026-04-01',
      stage: 'loyal',
    },
  ];

  it.each(cases)('$story', ({ input, today, stage }) => {
    expect(computeLifecycle(input, today)).toBe(stage);
  });

  it('follows the windows an administrator sets', () => {
    const input = { firstBusinessDate: '2025-01-10', lastActivityDate: '2026-01-10', latestAssetsFen: 10_000 };
    expect(computeLifecycle(input, '2026-04-10')).toBe('loyal');
    expect(computeLifecycle(input, '2026-04-10', { ...DEFAULT_LIFECYCLE_POLICY, churnInactiveMonths: 3 })).toBe('churned');
    expect(computeLifecycle(input, '2026-04-10', { ...DEFAULT_LIFECYCLE_POLICY, newClientMonths: 24 })).toBe('new');
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => computeLifecycle({ firstBusinessDate: '2025-02-29', lastActivityDate: null, latestAssetsFen: 1 }, '2026-01-01')).toThrow(
      RangeError,
    );
    expect(() => computeLifecycle({ firstBusinessDate: null, lastActivityDate: null, latestAssetsFen: 0 }, '2026/01/01')).toThrow(
      RangeError,
    );
  });
});
