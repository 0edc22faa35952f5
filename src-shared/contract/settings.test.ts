import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_POLICY } from '../domain/lifecycle';
import { DEFAULT_REFERRAL_POLICY } from '../domain/points';
import { DEFAULT_SUITABILITY_POLICY } from '../domain/suitability';
import { DEFAULT_TIER_POLICY } from '../domain/tier';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from './settings';

/** The message key a single changed setting gets, or null when the settings pass. */
function issueOf(change: Partial<Settings>): string | null {
  const result = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...change });
  return result.success ? null : (result.error.issues[0]?.message ?? 'no message');
}

describe('the settings an administrator can change', () => {
  it('default to the rules of DOMAIN.md, which pass their own schema', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      vipMinAvgDailyFen: 50_000_000, // ¥500,000
      potentialMinGrowthPercent: 30,
      potentialLookbackMonths: 6,
      assessmentValidMonths: 12,
      referralPointsEach: 5_000,
      depositMaturityNoticeDays: 14,
      elderlyMinAge: 65,
      largeOutflowMinFen: 50_000_000, // ¥500,000 (002)
      vipDeepContactDays: 30,
      potentialSurveyDays: 30,
      ordinaryServiceDays: 30,
    });
    expect(DEFAULT_SETTINGS).toMatchObject(DEFAULT_TIER_POLICY);
    expect(DEFAULT_SETTINGS).toMatchObject(DEFAULT_LIFECYCLE_POLICY);
    expect(DEFAULT_SETTINGS).toMatchObject(DEFAULT_SUITABILITY_POLICY);
    expect(DEFAULT_SETTINGS.referralPointsEach).toBe(DEFAULT_REFERRAL_POLICY.pointsEach);
  });

  it.each<{ story: string; change: Partial<Settings>; issue: string | null }>([
    { story: 'a VIP line of exactly ¥10,000', change: { vipMinAvgDailyFen: 1_000_000 }, issue: null },
    { story: 'a VIP line one fen under ¥10,000', change: { vipMinAvgDailyFen: 999_999 }, issue: 'validation.settings.vip_min' },
    { story: 'a VIP line of ¥100,000,000', change: { vipMinAvgDailyFen: 10_000_000_000 }, issue: null },
    { story: 'a VIP line above ¥100,000,000', change: { vipMinAvgDailyFen: 10_000_000_001 }, issue: 'validation.settings.vip_min' },
    { story: 'a VIP line in part-fen', change: { vipMinAvgDailyFen: 50_000_000.5 }, issue: 'validation.settings.vip_min' },
    { story: 'growth of 0%', change: { potentialMinGrowthPercent: 0 }, issue: 'validation.settings.growth_percent' },
    { story: 'growth of 1,000%', change: { potentialMinGrowthPercent: 1_000 }, issue: null },
    { story: 'a look-back of 11 months', change: { potentialLookbackMonths: 11 }, issue: null },
    {
      story: 'a look-back of 12 months (head office sends twelve)',
      change: { potentialLookbackMonths: 12 },
      issue: 'validation.settings.lookback_months',
    },
    { story: 'new for 60 months', change: { newClientMonths: 60 }, issue: null },
    { story: 'new for 61 months', change: { newClientMonths: 61 }, issue: 'validation.settings.months_60' },
    { story: 'churned after 0 months', change: { churnInactiveMonths: 0 }, issue: 'validation.settings.months_60' },
    { story: 'churn below ¥0 (assets never count)', change: { churnAssetsBelowFen: 0 }, issue: null },
    { story: 'churn below a negative amount', change: { churnAssetsBelowFen: -1 }, issue: 'validation.settings.churn_assets' },
    { story: 'an assessment valid 24 months', change: { assessmentValidMonths: 24 }, issue: null },
    { story: 'an assessment valid 25 months', change: { assessmentValidMonths: 25 }, issue: 'validation.settings.assessment_months' },
    { story: 'no referral points', change: { referralPointsEach: 0 }, issue: 'validation.settings.referral_points' },
    { story: 'a maturity notice of 90 days', change: { depositMaturityNoticeDays: 90 }, issue: null },
    { story: 'a maturity notice of 91 days', change: { depositMaturityNoticeDays: 91 }, issue: 'validation.settings.maturity_days' },
    { story: 'a VIP cadence of a week', change: { vipDeepContactDays: 7 }, issue: null },
    { story: 'a VIP cadence of 6 days', change: { vipDeepContactDays: 6 }, issue: 'validation.settings.cadence_days' },
    { story: 'an ordinary cadence of 367 days', change: { ordinaryServiceDays: 367 }, issue: 'validation.settings.cadence_days' },
    { story: 'birthdays on the day itself', change: { birthdayNoticeDays: 0 }, issue: null },
    { story: 'birthdays 61 days ahead', change: { birthdayNoticeDays: 61 }, issue: 'validation.settings.birthday_days' },
    { story: 'an ID notice of 365 days', change: { idExpiryNoticeDays: 365 }, issue: null },
    { story: 'an ID notice of 0 days', change: { idExpiryNoticeDays: 0 }, issue: 'validation.settings.id_expiry_days' },
    { story: 'a large outflow of exactly ¥10,000', change: { largeOutflowMinFen: 1_000_000 }, issue: null },
    { story: 'a large outflow under ¥10,000', change: { largeOutflowMinFen: 999_999 }, issue: 'validation.settings.large_outflow' },
    { story: 'a grace of 91 days', change: { occasionGraceDays: 91 }, issue: 'validation.settings.grace_days' },
  ])('$story → $issue', ({ change, issue }) => {
    expect(issueOf(change)).toBe(issue);
  });

  it('names a missing number with the field’s own message, not a generic type error', () => {
    expect(settingsSchema.partial().safeParse({ vipMinAvgDailyFen: null }).error?.issues[0]?.message).toBe('validation.settings.vip_min');
  });
});
