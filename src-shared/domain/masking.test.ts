import { describe, expect, it } from 'vitest';
import { DEFAULT_ID_MASK, idMaskPatternSchema, maskIdNumber, maskMobile, maskName, type IdMaskPattern } from './masking';

const ID = '110101199003071234';

describe('ID numbers on screen and in exports', () => {
  const cases: { story: string; id: string; pattern: IdMaskPattern; masked: string }[] = [
    { story: 'the seed default hides the last 6', id: ID, pattern: DEFAULT_ID_MASK, masked: '110101199003******' },
    { story: 'first 3 and last 4', id: ID, pattern: { mode: 'showEnds', first: 3, last: 4 }, masked: '110***********1234' },
    {
      story: 'first 6 and last 4 (hides 8, enough)',
      id: ID,
      pattern: { mode: 'showEnds', first: 6, last: 4 },
      masked: '110101********1234',
    },
    {
      story: 'a pattern showing everything still hides 6, from the head',
      id: ID,
      pattern: { mode: 'showEnds', first: 18, last: 4 },
      masked: '11010119******1234',
    },
    { story: 'hiding nothing is raised to 6', id: ID, pattern: { mode: 'hideLast', count: 0 }, masked: '110101199003******' },
    { story: 'hiding more than there is hides all', id: 'E1234567', pattern: { mode: 'hideLast', count: 30 }, masked: '********' },
    { story: 'a 9-character passport under the default shows 3', id: 'E12345678', pattern: DEFAULT_ID_MASK, masked: 'E12******' },
    {
      story: 'a 9-character passport never shows more than half',
      id: 'E12345678',
      pattern: { mode: 'showEnds', first: 3, last: 4 },
      masked: '*****5678',
    },
    { story: 'an 8-digit permit shows at most 4', id: '12345678', pattern: { mode: 'hideLast', count: 1 }, masked: '1234****' },
    {
      story: 'a guard bigger than the head takes from the tail too',
      id: '12345678',
      pattern: { mode: 'showEnds', first: 1, last: 8 },
      masked: '****5678',
    },
    {
      story: 'negative or fractional settings count as nothing shown',
      id: ID,
      pattern: { mode: 'showEnds', first: -3, last: 2.7 },
      masked: '****************34',
    },
    { story: 'an empty number stays empty', id: '', pattern: DEFAULT_ID_MASK, masked: '' },
  ];

  it.each(cases)('$story', ({ id, pattern, masked }) => {
    expect(maskIdNumber(id, pattern)).toBe(masked);
  });

  it('never shows more than half, or more than all but 6, whatever the pattern', () => {
    for (let length = 1; length <= 20; length++) {
      const id = 'A'.repeat(length);
      for (let first = 0; first <= length; first++) {
        for (let last = 0; last <= length; last++) {
          const hidden = [...maskIdNumber(id, { mode: 'showEnds', first, last })].filter((c) => c === '*').length;
          expect(hidden).toBeGreaterThanOrEqual(Math.min(Math.ceil(length / 2), 6));
        }
      }
    }
  });

  it('validates the setting', () => {
    expect(idMaskPatternSchema.safeParse({ mode: 'showEnds', first: 3, last: 4 }).success).toBe(true);
    expect(idMaskPatternSchema.safeParse({ mode: 'hideLast', count: 0 }).success).toBe(false);
    expect(idMaskPatternSchema.safeParse({ mode: 'showAll' }).success).toBe(false);
  });
});

describe('mobile numbers on screen', () => {
  const cases: { mobile: string; masked: string }[] = [
    { mobile: '13812341234', masked: '138****1234' },
    { mobile: '+8613812341234', masked: '138****1234' },
    { mobile: '0086 138-1234-1234', masked: '138****1234' },
    { mobile: '+85291234567', masked: '+852 ******67' },
    { mobile: '+886912345678', masked: '+886 *******78' },
    { mobile: '0912-345-678', masked: '+886 *******78' },
    { mobile: '91234567', masked: '******67' },
    { mobile: '010-6512-3456', masked: '010****3456' },
    { mobile: '+44 7911 123456', masked: '+447*****3456' },
    { mobile: '123', masked: '**3' },
    { mobile: '', masked: '' },
  ];

  it.each(cases)('$mobile → $masked', ({ mobile, masked }) => {
    expect(maskMobile(mobile)).toBe(masked);
  });
});

describe('names in exports', () => {
  it.each([
    ['韩梅梅', '韩**'],
    ['欧阳娜娜', '欧***'],
    ['李雷', '李*'],
    ['王', '王*'],
    [' Li Wei ', 'L*****'],
    ['', ''],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});
