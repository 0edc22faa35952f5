import { describe, expect, it } from 'vitest';
import { checkAnswers, csat, followUpsOf, nps, npsBand, type SurveyQuestion } from './surveys';
import { inQuarterlySample } from './survey-due';

const PHONE_CALLBACK: SurveyQuestion[] = [
  { id: 'overall', type: 'rating', required: true, csat: true },
  { id: 'recommend', type: 'nps', required: true },
  { id: 'channel', type: 'single', required: false, choices: ['counter', 'phone', 'app'] },
  { id: 'topics', type: 'multiple', required: false, choices: ['fees', 'waiting', 'staff', 'products'] },
  { id: 'comment', type: 'text', required: false },
];

describe('NPS', () => {
  it('bands the edges: 6 detracts, 7 and 8 are passive, 9 and 10 promote, 0 detracts', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('is the share of promoters minus the share of detractors', () => {
    expect(nps([10, 9, 8, 7, 6, 0])).toEqual({ responses: 6, value: 0, promoters: 2, passives: 2, detractors: 2 });
    expect(nps([10, 10, 10]).value).toBe(100);
    expect(nps([0, 6]).value).toBe(-100);
    expect(nps([7, 8]).value).toBe(0);
    expect(nps([9, 9, 6]).value).toBe(33.3);
  });

  it('has no value for a period with no answers', () => {
    expect(nps([])).toEqual({ responses: 0, value: null, promoters: 0, passives: 0, detractors: 0 });
  });
});

describe('CSAT', () => {
  it('is the share of 4 and 5: 3 does not count, 4 does', () => {
    expect(csat([3]).value).toBe(0);
    expect(csat([4]).value).toBe(1);
    expect(csat([5, 4, 3, 2]).value).toBe(0.5);
    expect(csat([5, 4, 3, 2]).responses).toBe(4);
  });

  it('has no value for a period with no answers', () => {
    expect(csat([])).toEqual({ responses: 0, value: null });
  });
});

describe('checking an answer sheet against its version', () => {
  it('takes a complete, well-formed sheet', () => {
    expect(
      checkAnswers(PHONE_CALLBACK, { overall: 4, recommend: 9, channel: 'phone', topics: ['fees', 'staff'], comment: '态度很好' }),
    ).toEqual([]);
    expect(checkAnswers(PHONE_CALLBACK, { overall: 1, recommend: 0 })).toEqual([]);
  });

  it('names each question that is missing, out of range or not one of its choices', () => {
    expect(checkAnswers(PHONE_CALLBACK, { recommend: 11, channel: 'fax', topics: ['fees', 'parking'] })).toEqual([
      { questionId: 'overall', issue: 'required' },
      { questionId: 'recommend', issue: 'nps_range' },
      { questionId: 'channel', issue: 'not_a_choice' },
      { questionId: 'topics', issue: 'not_a_choice' },
    ]);
    expect(checkAnswers(PHONE_CALLBACK, { overall: 0, recommend: 7.5 })).toEqual([
      { questionId: 'overall', issue: 'rating_range' },
      { questionId: 'recommend', issue: 'nps_range' },
    ]);
    expect(checkAnswers(PHONE_CALLBACK, { overall: 6, recommend: -1 }).map((i) => i.issue)).toEqual(['rating_range', 'nps_range']);
  });

  it('refuses the wrong kind of answer, two choices for one, and questions the version does not have', () => {
    expect(checkAnswers(PHONE_CALLBACK, { overall: '5', recommend: 9, channel: ['phone', 'app'], extra: 3 })).toEqual([
      { questionId: 'extra', issue: 'unknown_question' },
      { questionId: 'overall', issue: 'wrong_kind' },
      { questionId: 'channel', issue: 'one_choice' },
    ]);
    expect(checkAnswers(PHONE_CALLBACK, { overall: 5, recommend: 9, comment: 'x'.repeat(2001) })).toEqual([
      { questionId: 'comment', issue: 'too_long' },
    ]);
  });

  it('takes blank text and an empty choice list as not answered', () => {
    expect(checkAnswers([{ id: 'why', type: 'text', required: true }], { why: '   ' })).toEqual([{ questionId: 'why', issue: 'required' }]);
    expect(checkAnswers(PHONE_CALLBACK, { overall: 3, recommend: 8, topics: [] })).toEqual([]);
  });
});

describe('follow-ups a sheet raises', () => {
  it('raises one for a detractor and for a CSAT rating of 1 or 2, quoting the score', () => {
    expect(followUpsOf(PHONE_CALLBACK, { overall: 2, recommend: 6 })).toEqual([
      { questionId: 'overall', score: 2 },
      { questionId: 'recommend', score: 6 },
    ]);
    expect(followUpsOf(PHONE_CALLBACK, { overall: 3, recommend: 7 })).toEqual([]);
    expect(followUpsOf(PHONE_CALLBACK, { overall: 1, recommend: 10 })).toEqual([{ questionId: 'overall', score: 1 }]);
  });

  it('raises none for a low rating on a question that is not the CSAT question', () => {
    const questions: SurveyQuestion[] = [
      { id: 'waiting', type: 'rating', required: true },
      { id: 'overall', type: 'rating', required: true, csat: true },
    ];
    expect(followUpsOf(questions, { waiting: 1, overall: 4 })).toEqual([]);
  });
});

describe('the quarterly sample', () => {
  /** The hash as first written: FNV-1a over each code point's first UTF-16 unit. */
  const reference = (clientId: string, quarter: string, oneIn: number) => {
    let h = 0x811c9dc5;
    for (const ch of `${clientId}|${quarter}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % oneIn === 0;
  };

  it('draws the same clients as it always has, whatever the characters of an id', () => {
    const ids = ['01J9Z8K3Q4', 'c-000123', '客户-甲', '𠀀𠀁-x', 'a\uD800b', ...Array.from({ length: 500 }, (_, i) => `client-${i * 7919}`)];
    for (const id of ids)
      for (const quarter of ['2026Q4', '2027Q1']) expect(inQuarterlySample(id, quarter, 3)).toBe(reference(id, quarter, 3));
    expect(ids.filter((id) => inQuarterlySample(id, '2026Q4', 3)).length).toBeGreaterThan(100);
  });
});
