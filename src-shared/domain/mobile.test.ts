import { describe, expect, it } from 'vitest';
import { mobileTail, normaliseMobile, type MobileRegion, type NormalisedMobile } from './mobile';

describe('mobile numbers as staff type them', () => {
  const ok = (normalised: string, region: MobileRegion): NormalisedMobile => ({ ok: true, normalised, region });
  const cases: { text: string; home?: MobileRegion; result: NormalisedMobile }[] = [
    { text: '13812341234', result: ok('+8613812341234', 'CN') },
    { text: '138 1234 1234', result: ok('+8613812341234', 'CN') },
    { text: '138-1234-1234', result: ok('+8613812341234', 'CN') },
    { text: '+86 138 1234 1234', result: ok('+8613812341234', 'CN') },
    { text: '0086-13812341234', result: ok('+8613812341234', 'CN') },
    { text: '(+86) 19912341234', result: ok('+8619912341234', 'CN') },
    { text: '１３８１２３４１２３４', result: ok('+8613812341234', 'CN') },
    { text: '12812341234', result: { ok: false } },
    { text: '1381234123', result: { ok: false } },
    { text: '138123412345', result: { ok: false } },
    { text: '+86 010 6512 3456', result: { ok: false } },
    { text: '+852 9123 4567', result: ok('+85291234567', 'HK') },
    { text: '00852 51234567', result: ok('+85251234567', 'HK') },
    { text: '+852 6123 4567', result: ok('+85261234567', 'HK') },
    { text: '+852 2123 4567', result: { ok: false } },
    { text: '+852 912345678', result: { ok: false } },
    { text: '91234567', result: { ok: false } },
    { text: '9123 4567', home: 'HK', result: ok('+85291234567', 'HK') },
    { text: '+886 912 345 678', result: ok('+886912345678', 'TW') },
    { text: '+886 0912 345 678', result: ok('+886912345678', 'TW') },
    { text: '0912-345-678', result: ok('+886912345678', 'TW') },
    { text: '+886 2 2345 6789', result: { ok: false } },
    { text: '+853 6612 3456', result: { ok: false } },
    { text: '', result: { ok: false } },
    { text: 'call me', result: { ok: false } },
  ];

  it.each(cases)('$text', ({ text, home, result }) => {
    expect(normaliseMobile(text, home)).toEqual(result);
  });

  it('gives the tail staff search by', () => {
    expect(mobileTail('+8613812341234')).toBe('1234');
    expect(mobileTail('+85291234567', 2)).toBe('67');
    expect(mobileTail('+886912345678', 6)).toBe('345678');
    expect(() => mobileTail('+8613812341234', 0)).toThrow(RangeError);
  });
});
