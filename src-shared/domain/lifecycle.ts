import { addMonths, requireCalendarDate } from './calendar-date';

/**
 * Lifecycle stage (seed 000: 潜在客户 → 初次客户 → 忠诚客户 → 流失客户; DOMAIN.md §2). Churned clients get a
 * win-back reminder, so the churn line is the one that matters most.
 */
export const LIFECYCLES = ['prospect', 'new', 'loyal', 'churned'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export interface LifecycleInput {
  /** First day the client did business with the bank (`YYYY-MM-DD`); null when they never have. */
  firstBusinessDate: string | null;
  /** Last contact or transaction (`YYYY-MM-DD`); null when none is known. */
  lastActivityDate: string | null;
  /** Latest financial assets, integer fen. */
  latestAssetsFen: number;
}

export interface LifecyclePolicy {
  /** A client is "new" for this many months after their first business. */
  newClientMonths: number;
  /** Churned after this many months without contact or transaction … */
  churnInactiveMonths: number;
  /** … and with assets below this (integer fen, exclusive). */
  churnAssetsBelowFen: number;
}

export const DEFAULT_LIFECYCLE_POLICY = {
  newClientMonths: 12,
  churnInactiveMonths: 6,
  churnAssetsBelowFen: 100_000, // ¥1,000
} as const satisfies LifecyclePolicy;

/**
 * `today` is the branch's calendar day, `YYYY-MM-DD`. Checked in this order:
 * 1. prospect — never did business and holds nothing: no first-business date and assets 0 (or less).
 * 2. churned — no activity for `churnInactiveMonths` AND assets strictly below `churnAssetsBelowFen`. Both are
 *    needed: a quiet client with savings is dormant, not lost (the cadence reminders chase the silence), and a
 *    busy client with an empty account is still a client. "No activity for 6 months" holds from the 6-month
 *    anniversary of the last activity: last seen 22 May, churned on 22 November, not on 21 November (month ends
 *    clamp: 31 August + 6 months = 28/29 February). The first business counts as activity too (the later of
 *    the two dates is used); with neither date, the client counts as inactive. Churn is checked before "new": a client who
 *    left within their first year is churned.
 * 3. new — first business less than `newClientMonths` ago: started 15 March 2025, new through 14 March 2026,
 *    loyal from 15 March 2026.
 * 4. loyal — everyone else: a longer relationship that has not churned. A client holding assets but with no
 *    first-business date on record (incomplete master data) cannot be shown to be new, so counts here.
 */
export function computeLifecycle(input: LifecycleInput, today: string, policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY): Lifecycle {
  requireCalendarDate(today, 'today');
  if (!Number.isSafeInteger(input.latestAssetsFen)) throw new RangeError(`assets are not integer fen: ${input.latestAssetsFen}`);
  const first = input.firstBusinessDate;
  if (first !== null) requireCalendarDate(first, 'first business date');
  if (input.lastActivityDate !== null) requireCalendarDate(input.lastActivityDate, 'last activity date');

  if (first === null && input.latestAssetsFen <= 0) return 'prospect';

  const lastActive = latest(input.lastActivityDate, first);
  const inactive = lastActive === null || addMonths(lastActive, policy.churnInactiveMonths) <= today;
  if (inactive && input.latestAssetsFen < policy.churnAssetsBelowFen) return 'churned';

  if (first !== null && today < addMonths(first, policy.newClientMonths)) return 'new';
  return 'loyal';
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
