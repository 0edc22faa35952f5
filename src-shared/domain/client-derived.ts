import { computeLifecycle, type Lifecycle, type LifecyclePolicy } from './lifecycle';
import { computeTier, tierRank, type MonthlyAverage, type Tier, type TierPolicy } from './tier';

/** The facts a client's derived values follow from. */
export interface ClientFacts {
  /** Head office's monthly average daily balances (月日均). */
  months: readonly MonthlyAverage[];
  firstBusinessDate: string | null;
  /** The last activity on record (`YYYY-MM-DD`) before the contact log is counted. */
  recordedActivityDate: string | null;
  /** The day (in the workstation's zone) of the client's latest logged contact. */
  lastContactDay: string | null;
  latestAssetsFen: number;
  /** The client's latest risk assessment (C1–C5), if any. */
  latestAssessment: { level: string; assessedOn: string } | null;
}

/** What is derived from those facts on every device, never typed in and never synced as a competing value. */
export interface ClientStanding {
  tier: Tier;
  tierRank: number;
  lifecycle: Lifecycle;
  riskLevel: string | null;
  riskAssessedOn: string | null;
  lastActivityDate: string | null;
}

/**
 * A client's standing (DOMAIN.md §2, DESIGN.md "derived state is recomputed from facts"): tier from the balances,
 * last activity from the record and the contact log, lifecycle from activity and assets, risk level from the latest
 * assessment. The one rule every path uses — a write at the counter, a pulled page, a seed, an import, a re-tier —
 * so none can disagree with another.
 */
export function deriveClient(facts: ClientFacts, policy: TierPolicy & LifecyclePolicy, today: string): ClientStanding {
  const tier = computeTier(facts.months, policy);
  const lastActivityDate = latestDay(facts.recordedActivityDate, facts.lastContactDay);
  return {
    tier,
    tierRank: tierRank(tier),
    lifecycle: computeLifecycle(
      { firstBusinessDate: facts.firstBusinessDate, lastActivityDate, latestAssetsFen: facts.latestAssetsFen },
      today,
      policy,
    ),
    riskLevel: facts.latestAssessment?.level ?? null,
    riskAssessedOn: facts.latestAssessment?.assessedOn ?? null,
    lastActivityDate,
  };
}

function latestDay(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
