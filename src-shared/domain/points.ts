/**
 * Loyalty points (seed 000 积分计划; DOMAIN.md §1). Referral rewards are points only — 002: "禁止返现、返傭",
 * never a cash rebate or commission — so the policy has no money field to fill in.
 */
export interface ReferralPolicy {
  /** Points credited to each side, the referrer and the client they brought (002: "雙方各得5000積分"). */
  pointsEach: number;
}

export const DEFAULT_REFERRAL_POLICY = { pointsEach: 5_000 } as const satisfies ReferralPolicy;

export type PointsEntryKind = 'earned' | 'redeemed' | 'expired';

export interface PointsEntry {
  kind: PointsEntryKind;
  /** Always a positive count; the kind says which way it goes. */
  points: number;
}

/**
 * Earned minus redeemed minus expired. A negative result is returned as it is, not clamped: it means the ledger
 * is wrong (a redemption the balance did not cover) and must show, not be hidden as zero. Throws on an entry
 * that is not a whole, non-negative count, as the ledger is append-only and such an entry is a bug.
 */
export function pointsBalance(ledger: readonly PointsEntry[]): number {
  let balance = 0;
  for (const entry of ledger) {
    if (!Number.isSafeInteger(entry.points) || entry.points < 0) throw new RangeError(`points must be a whole count: ${entry.points}`);
    balance += entry.kind === 'earned' ? entry.points : -entry.points;
  }
  return balance;
}
