import { monthIndex } from './calendar-date';

/**
 * Client tier (客户分层, seed 002; DOMAIN.md §2), computed from head office's monthly average daily balances
 * (月日均), never typed in. A manager's "strategic" pin is a separate flag and does not change the tier.
 */
export const TIERS = ['vip', 'potential', 'ordinary'] as const;
export type Tier = (typeof TIERS)[number];

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

export interface MonthlyAverage {
  /** `YYYY-MM` */
  month: string;
  /** Average daily financial assets that month, integer fen. */
  avgDailyFen: number;
}

export interface TierPolicy {
  /** VIP from this latest-month average daily balance, inclusive. 002: "日均金融资产超50万". */
  vipMinAvgDailyFen: number;
  /** Potential from this growth, in whole percent, inclusive. 002: "近半年资产增长30%以上". */
  potentialMinGrowthPercent: number;
  /** Growth is measured against the month this many calendar months before the latest month present. */
  potentialLookbackMonths: number;
}

export const DEFAULT_TIER_POLICY = {
  vipMinAvgDailyFen: 50_000_000, // ¥500,000
  potentialMinGrowthPercent: 30,
  potentialLookbackMonths: 6,
} as const satisfies TierPolicy;

/**
 * - VIP: the latest month's average ≥ the VIP line (exactly ¥500,000 is VIP).
 * - Potential: latest ≥ earlier × (100 + growth)%, in integers (latest·100 ≥ earlier·130), where "earlier" is the
 *   calendar month `potentialLookbackMonths` before the latest month present — not the sixth entry of the list,
 *   since months arrive unsorted and with gaps. When that month is missing, or its average is 0 or less, growth
 *   is undefined and the client is not potential: a brand-new client is "new" in the lifecycle, not "potential".
 * - Ordinary: everyone else, including a client with no balances at all.
 * When one month appears twice the later entry wins (head office resends a corrected month).
 * Malformed months or non-integer amounts throw: they are validated where head office's data comes in.
 */
export function computeTier(monthlyAvg: readonly MonthlyAverage[], policy: TierPolicy = DEFAULT_TIER_POLICY): Tier {
  const byMonth = new Map<number, number>();
  for (const m of monthlyAvg) {
    const index = monthIndex(m.month);
    if (index === null) throw new RangeError(`not a month (YYYY-MM): ${m.month}`);
    if (!Number.isSafeInteger(m.avgDailyFen)) throw new RangeError(`amount is not integer fen: ${m.avgDailyFen}`);
    byMonth.set(index, m.avgDailyFen);
  }
  if (byMonth.size === 0) return 'ordinary';

  const latestIndex = Math.max(...byMonth.keys());
  return tierOf(byMonth.get(latestIndex) ?? 0, byMonth.get(latestIndex - policy.potentialLookbackMonths), policy);
}

/** The rule itself: a month's average, and the average of the month growth is measured from (if reported). */
function tierOf(latest: number, earlier: number | undefined, policy: TierPolicy): Tier {
  if (latest >= policy.vipMinAvgDailyFen) return 'vip';
  if (earlier !== undefined && earlier > 0 && latest * 100 >= earlier * (100 + policy.potentialMinGrowthPercent)) return 'potential';
  return 'ordinary';
}

/** Sort key, VIP first (the order of TIERS): `clients.sort((a, b) => tierRank(a.tier) - tierRank(b.tier))`. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/**
 * The client's tier as it stood each month a balance was reported (the same rule as `computeTier`, with that month
 * as the latest): the branch's tier distribution by month, and who moved up or down from one month to the next.
 * `determined` says whether the month's tier could have been "potential" at all: without the balance of the month
 * the growth is measured from, it could not (a move into or out of "potential" against such a month is unknown,
 * not a move). Months are `YYYY-MM`; malformed ones are left out.
 */
export function tierByMonth(
  monthlyAvg: readonly MonthlyAverage[],
  policy: TierPolicy = DEFAULT_TIER_POLICY,
): Map<string, { tier: Tier; determined: boolean }> {
  const byIndex = new Map<number, { month: string; fen: number }>();
  for (const m of monthlyAvg) {
    const index = monthIndex(m.month);
    if (index !== null && Number.isSafeInteger(m.avgDailyFen)) byIndex.set(index, { month: m.month, fen: m.avgDailyFen });
  }
  const out = new Map<string, { tier: Tier; determined: boolean }>();
  for (const [index, { month, fen }] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    const earlier = byIndex.get(index - policy.potentialLookbackMonths)?.fen;
    const tier = tierOf(fen, earlier, policy);
    out.set(month, { tier, determined: tier === 'vip' || earlier !== undefined });
  }
  return out;
}

/** Whether a tier change between two months is a move the figures count (see `tierByMonth`). */
export function isTierMove(before: { tier: Tier; determined: boolean }, now: { tier: Tier; determined: boolean }): boolean {
  if (before.tier === now.tier) return false;
  if (!before.determined && now.tier === 'potential') return false;
  if (!now.determined && before.tier === 'potential') return false;
  return true;
}
