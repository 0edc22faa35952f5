import { describe, expect, it } from 'vitest';
import {
  assessmentExpiresOn,
  checkRecommendation,
  DEFAULT_SUITABILITY_POLICY,
  findGuaranteePromise,
  isAssessmentExpired,
  type RecommendationCheck,
  type RecommendationInput,
} from './suitability';

const base: RecommendationInput = {
  clientRiskLevel: 'C3',
  assessedOn: '2025-11-22',
  productRisk: 'R3',
  birthDate: '1980-06-01',
  today: '2026-04-15',
  clientConfirmedAboveLevel: false,
  elderlyWarningConfirmed: false,
  isSale: false,
  dualRecordingRef: null,
};

const allowed: RecommendationCheck = { allowed: true, refusals: [], flags: [] };

describe('a relationship manager records a product recommendation', () => {
  const cases: { story: string; input: Partial<RecommendationInput>; result: RecommendationCheck }[] = [
    { story: 'a product at the client’s level is allowed', input: {}, result: allowed },
    { story: 'a product below the client’s level is allowed', input: { productRisk: 'R1' }, result: allowed },
    {
      story: 'no assessment at all blocks it',
      input: { clientRiskLevel: null, assessedOn: null },
      result: { allowed: false, refusals: ['assessment_missing'], flags: [] },
    },
    {
      story: 'a level without an assessment date counts as missing',
      input: { assessedOn: null },
      result: { allowed: false, refusals: ['assessment_missing'], flags: [] },
    },
    { story: 'assessed 22 Nov 2025 is still valid on 21 Nov 2026', input: { today: '2026-11-21' }, result: allowed },
    {
      story: 'assessed 22 Nov 2025 has expired on 22 Nov 2026',
      input: { today: '2026-11-22' },
      result: { allowed: false, refusals: ['assessment_expired'], flags: [] },
    },
    {
      story: 'an expired assessment is not compared with the product',
      input: { today: '2027-01-01', productRisk: 'R5' },
      result: { allowed: false, refusals: ['assessment_expired'], flags: [] },
    },
    {
      story: 'R4 for a C3 client needs the client’s confirmation',
      input: { productRisk: 'R4' },
      result: { allowed: false, refusals: ['risk_above_level_needs_confirmation'], flags: [] },
    },
    {
      story: 'R4 for a C3 client who confirmed is allowed and flagged',
      input: { productRisk: 'R4', clientConfirmedAboveLevel: true },
      result: { allowed: true, refusals: [], flags: ['above_level_confirmed'] },
    },
    {
      story: 'R4 for a C3 client is refused outright when the bank allows no confirmation',
      input: {
        productRisk: 'R4',
        clientConfirmedAboveLevel: true,
        policy: { ...DEFAULT_SUITABILITY_POLICY, allowAboveLevelWithConfirmation: false },
      },
      result: { allowed: false, refusals: ['risk_above_level'], flags: [] },
    },
    {
      story: 'a client on their 65th birthday needs the elderly warning',
      input: { birthDate: '1961-04-15' },
      result: { allowed: false, refusals: ['elderly_warning_needed'], flags: [] },
    },
    { story: 'a client the day before their 65th birthday does not', input: { birthDate: '1961-04-16' }, result: allowed },
    {
      story: 'an elderly client who heard the warning is allowed',
      input: { birthDate: '1950-01-01', elderlyWarningConfirmed: true },
      result: allowed,
    },
    {
      story: 'an unknown birth date asks for the warning, to be safe',
      input: { birthDate: null },
      result: { allowed: false, refusals: ['elderly_warning_needed'], flags: [] },
    },
    {
      story: 'a sale without a dual-recording reference is flagged, not refused',
      input: { isSale: true, dualRecordingRef: '  ' },
      result: { allowed: true, refusals: [], flags: ['sale_without_dual_recording'] },
    },
    {
      story: 'a sale with its dual-recording reference is clean',
      input: { isSale: true, dualRecordingRef: 'SL-2026-0415-001' },
      result: allowed,
    },
    {
      story: 'every reason is listed at once',
      input: { clientRiskLevel: 'C2', productRisk: 'R5', birthDate: '1940-01-01', isSale: true },
      result: {
        allowed: false,
        refusals: ['risk_above_level_needs_confirmation', 'elderly_warning_needed'],
        flags: ['sale_without_dual_recording'],
      },
    },
  ];

  it.each(cases)('$story', ({ input, result }) => {
    expect(checkRecommendation({ ...base, ...input })).toEqual(result);
  });

  it('knows when an assessment expires, month ends included', () => {
    expect(assessmentExpiresOn('2025-11-22')).toBe('2026-11-22');
    expect(assessmentExpiresOn('2024-02-29')).toBe('2025-02-28');
    expect(isAssessmentExpired('2024-02-29', '2025-02-27')).toBe(false);
    expect(isAssessmentExpired('2024-02-29', '2025-02-28')).toBe(true);
    expect(isAssessmentExpired('2025-11-22', '2026-05-22', { ...DEFAULT_SUITABILITY_POLICY, assessmentValidMonths: 6 })).toBe(true);
  });
});

describe('contact notes promising guaranteed principal or return', () => {
  const promises: { note: string; phrase: string }[] = [
    { note: '向客户介绍该产品保本保息', phrase: '保本' },
    { note: '客户经理称年化4%保证收益', phrase: '保证收益' },
    { note: '這款產品保證收益', phrase: '保證收益' },
    { note: '跟客户说这个稳赚不赔', phrase: '稳赚' },
    { note: '产品零风险，放心买', phrase: '零风险' },
    { note: '此产品無風險', phrase: '無風險' },
    { note: '银行会刚性兑付', phrase: '刚性兑付' },
    { note: '这个非常稳赚', phrase: '稳赚' },
    { note: '不用担心，保本', phrase: '保本' },
    { note: 'Told the client it has a Guaranteed Return of 4%', phrase: 'Guaranteed Return' },
    { note: 'principal  guaranteed, no worries', phrase: 'principal  guaranteed' },
    { note: 'this fund is risk-free', phrase: 'risk-free' },
    { note: '已告知不保本，但说保息', phrase: '保息' },
    { note: '客户要求保本', phrase: '保本' },
    { note: '产品不保本，保息', phrase: '保息' },
  ];

  it.each(promises)('refuses “$note”', ({ note, phrase }) => {
    expect(findGuaranteePromise(note)).toBe(phrase);
  });

  const fine = [
    '客户咨询基金定投，已做风险提示',
    '这款产品不保证收益，您是否了解？客户表示了解',
    '该产品为非保本浮动收益型',
    '已告知客户产品不保本、不保息',
    '重申禁止承诺保本保息',
    '提醒客户理财产品并非无风险',
    '资管新规打破刚兑',
    '客户问是否保本，已说明',
    '对比无风险利率讲解预期收益',
    '为客户经营贷提供担保本金部分的说明',
    'Explained there is no guaranteed return and the fund is not risk-free',
    '',
  ];

  it.each(fine)('accepts “%s”', (note) => {
    expect(findGuaranteePromise(note)).toBeNull();
  });
});
