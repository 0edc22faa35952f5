import { describe, expect, it } from 'vitest';
import { ASSET_DROP_MIN_FEN, assetDrop, highRiskStreaks } from './signals';

const buy = (id: string, day: string, risk: string) => ({ id, day, risk, productName: `产品${id}` });

describe('three consecutive high-risk purchases (002)', () => {
  it('the third of a run raises it, once; a fourth adds nothing; a lower-risk purchase starts the count again', () => {
    const two = [buy('a', '2026-09-01', 'R4'), buy('b', '2026-09-10', 'R5')];
    expect(highRiskStreaks(two, '2026-11-01', 365)).toEqual([]);
    const three = [...two, buy('c', '2026-10-01', 'R4')];
    expect(highRiskStreaks(three, '2026-11-01', 365).map((s) => s.id)).toEqual(['c']);
    expect(highRiskStreaks([...three, buy('d', '2026-10-15', 'R5')], '2026-11-01', 365).map((s) => s.id)).toEqual(['c']);
    const broken = [buy('a', '2026-09-01', 'R4'), buy('b', '2026-09-10', 'R3'), buy('c', '2026-10-01', 'R4'), buy('d', '2026-10-02', 'R5')];
    expect(highRiskStreaks(broken, '2026-11-01', 365)).toEqual([]);
    const again = [...broken, buy('e', '2026-10-20', 'R4')];
    expect(highRiskStreaks(again, '2026-11-01', 365).map((s) => s.id)).toEqual(['e']);
  });

  it('orders purchases by day, not as listed, and leaves a run completed more than a year ago alone', () => {
    const shuffled = [buy('c', '2026-10-01', 'R4'), buy('a', '2026-09-01', 'R5'), buy('b', '2026-09-10', 'R4')];
    expect(highRiskStreaks(shuffled, '2026-11-01', 365).map((s) => s.id)).toEqual(['c']);
    expect(highRiskStreaks(shuffled, '2027-10-02', 365)).toEqual([]);
  });
});

describe('a month of assets falling away (004)', () => {
  const m = (month: string, yuan: number) => ({ month, avgDailyFen: yuan * 100 });

  it('more than the share, on the month just before, known the first day of the next month', () => {
    expect(assetDrop([m('2026-09', 100_000), m('2026-10', 69_000)], 30)).toEqual({
      month: '2026-10',
      fallPercent: 31,
      knownOn: '2026-11-01',
    });
    // Exactly 30% is not more than 30%.
    expect(assetDrop([m('2026-09', 100_000), m('2026-10', 70_000)], 30)).toBeNull();
    // A gap in the series compares nothing; a small balance's swings are not news.
    expect(assetDrop([m('2026-08', 100_000), m('2026-10', 10_000)], 30)).toBeNull();
    expect(assetDrop([m('2026-09', ASSET_DROP_MIN_FEN / 100 - 1), m('2026-10', 0)], 30)).toBeNull();
    expect(assetDrop([m('2026-10', 10_000), m('2026-09', 100_000)], 30)?.month).toBe('2026-10');
    // In any order, only the latest two months count: an older fall is no longer news.
    expect(assetDrop([m('2026-10', 50_000), m('2026-08', 200_000), m('2026-09', 100_000)], 30)?.fallPercent).toBe(50);
    expect(assetDrop([m('2026-09', 100_000), m('2026-10', 100_000), m('2026-08', 400_000)], 30)).toBeNull();
  });
});
