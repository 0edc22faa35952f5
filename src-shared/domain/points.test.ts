import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERRAL_POLICY, pointsBalance, type PointsEntry } from './points';

describe('loyalty points', () => {
  it('reward a referral with 5,000 points to each side by default', () => {
    expect(DEFAULT_REFERRAL_POLICY).toEqual({ pointsEach: 5_000 });
  });

  const cases: { story: string; ledger: PointsEntry[]; balance: number }[] = [
    { story: 'an empty ledger holds nothing', ledger: [], balance: 0 },
    {
      story: 'earned less redeemed less expired',
      ledger: [
        { kind: 'earned', points: 5_000 },
        { kind: 'earned', points: 1_200 },
        { kind: 'redeemed', points: 3_000 },
        { kind: 'expired', points: 200 },
      ],
      balance: 3_000,
    },
    {
      story: 'an overdrawn ledger shows its deficit instead of hiding it',
      ledger: [
        { kind: 'earned', points: 100 },
        { kind: 'redeemed', points: 300 },
      ],
      balance: -200,
    },
  ];

  it.each(cases)('$story', ({ ledger, balance }) => {
    expect(pointsBalance(ledger)).toBe(balance);
  });

  it('refuses entries that are not whole counts', () => {
    expect(() => pointsBalance([{ kind: 'earned', points: 1.5 }])).toThrow(RangeError);
    expect(() => pointsBalance([{ kind: 'redeemed', points: -10 }])).toThrow(RangeError);
  });
});
