import { isElderly } from './age';
import { addMonths, requireCalendarDate } from './calendar-date';

/**
 * Compliance when advising (DOMAIN.md §4; seed 002 "销售合规"): suitability of a product to the client's assessed
 * risk tolerance, the elderly warning, dual recording of sales, and no promise of guaranteed principal or return.
 */
export type ClientRiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type ProductRiskLevel = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

/** Why a recommendation cannot be recorded. i18n keys live under `suitability.refusal.<code>`. */
export type SuitabilityRefusal =
  'assessment_missing' | 'assessment_expired' | 'risk_above_level' | 'risk_above_level_needs_confirmation' | 'elderly_warning_needed';

/** Recorded with the recommendation for review, without blocking it. i18n keys under `suitability.flag.<code>`. */
export type SuitabilityFlag = 'sale_without_dual_recording' | 'above_level_confirmed';

export interface SuitabilityPolicy {
  /** A risk assessment (风险测评) is valid this many months (002: "风险测评每年更新"). */
  assessmentValidMonths: number;
  /**
   * Whether a product above the client's level may be recorded once the client confirms it explicitly. True
   * follows the investor-suitability rules for agency sales (《证券期货投资者适当性管理办法》: a client who insists
   * after being told may buy, with a signed risk warning). A bank selling its own wealth products under
   * 《商业银行理财业务监督管理办法》 (2018) Art. 26 may only sell at or below the client's level: set false.
   */
  allowAboveLevelWithConfirmation: boolean;
  /** Elderly from this age, inclusive: the extra warning "这款产品不保证收益，您是否了解？" (002). */
  elderlyMinAge: number;
}

export const DEFAULT_SUITABILITY_POLICY = {
  assessmentValidMonths: 12,
  allowAboveLevelWithConfirmation: true,
  elderlyMinAge: 65,
} as const satisfies SuitabilityPolicy;

export interface RecommendationInput {
  clientRiskLevel: ClientRiskLevel | null;
  /** Day of the client's latest risk assessment, `YYYY-MM-DD`. */
  assessedOn: string | null;
  productRisk: ProductRiskLevel;
  /** `YYYY-MM-DD`; null when unknown, which is treated as possibly elderly (the warning is then required). */
  birthDate: string | null;
  /** The branch's calendar day, `YYYY-MM-DD`. */
  today: string;
  clientConfirmedAboveLevel: boolean;
  elderlyWarningConfirmed: boolean;
  /** A wealth-product sale, not just advice: it must carry a dual-recording (双录) reference. */
  isSale: boolean;
  dualRecordingRef: string | null;
  policy?: SuitabilityPolicy;
}

export interface RecommendationCheck {
  allowed: boolean;
  refusals: SuitabilityRefusal[];
  flags: SuitabilityFlag[];
}

/**
 * The day an assessment stops being valid: its anniversary. Assessed 22 Nov 2025, valid through 21 Nov 2026 and
 * expired on 22 Nov 2026; assessed 29 Feb 2024, expired on 28 Feb 2025 (month ends clamp).
 */
export function assessmentExpiresOn(assessedOn: string, policy: SuitabilityPolicy = DEFAULT_SUITABILITY_POLICY): string {
  return addMonths(assessedOn, policy.assessmentValidMonths);
}

export function isAssessmentExpired(assessedOn: string, today: string, policy: SuitabilityPolicy = DEFAULT_SUITABILITY_POLICY): boolean {
  return today >= assessmentExpiresOn(assessedOn, policy);
}

export function riskLevelNumber(level: ClientRiskLevel | ProductRiskLevel): number {
  return Number(level.slice(1));
}

/**
 * Every reason is listed at once, so staff fix them in one pass. When the assessment is missing or expired the
 * level comparison is skipped: a stale level decides nothing, and it is checked again once the client is
 * reassessed. `allowed` is true exactly when there are no refusals; flags never block.
 */
export function checkRecommendation(input: RecommendationInput): RecommendationCheck {
  const policy = input.policy ?? DEFAULT_SUITABILITY_POLICY;
  requireCalendarDate(input.today, 'today');
  const refusals: SuitabilityRefusal[] = [];
  const flags: SuitabilityFlag[] = [];

  if (input.clientRiskLevel === null || input.assessedOn === null) refusals.push('assessment_missing');
  else if (isAssessmentExpired(input.assessedOn, input.today, policy)) refusals.push('assessment_expired');
  else if (riskLevelNumber(input.productRisk) > riskLevelNumber(input.clientRiskLevel)) {
    if (!policy.allowAboveLevelWithConfirmation) refusals.push('risk_above_level');
    else if (!input.clientConfirmedAboveLevel) refusals.push('risk_above_level_needs_confirmation');
    else flags.push('above_level_confirmed');
  }

  const elderly = input.birthDate === null || isElderly(input.birthDate, input.today, policy.elderlyMinAge);
  if (elderly && !input.elderlyWarningConfirmed) refusals.push('elderly_warning_needed');

  // 双录 (银监办发〔2017〕110号): the sale keeps the recording's reference; one without is flagged for review, not
  // refused (DOMAIN.md §4).
  if (input.isSale && (input.dualRecordingRef ?? '').trim() === '') flags.push('sale_without_dual_recording');

  return { allowed: refusals.length === 0, refusals, flags };
}

/**
 * Promises of guaranteed principal or return (002: 禁止承诺保本保息), simplified and traditional, and English.
 * The contact log refuses a note containing one.
 */
export const GUARANTEE_PHRASES = [
  '保本',
  '保息',
  '保证收益',
  '保證收益',
  '稳赚',
  '穩賺',
  '零风险',
  '零風險',
  '无风险',
  '無風險',
  '刚性兑付',
  '剛性兌付',
  '刚兑',
  '剛兌',
  'guaranteed return',
  'guaranteed principal',
  'principal guaranteed',
  'risk-free',
  'risk free',
] as const;

// A phrase right after a negation (optionally with a verb between) is the opposite of a promise — "非保本浮动收益型"
// is a product type, "这款产品不保证收益" is the very warning 002 asks for, "禁止承诺保本保息" quotes the rule —
// and so are phrases chained onto it ("保息" in "不保本保息" or "不保本、保息"). "是否/能否" make it a question, not a promise.
const NEGATIONS = '不 非 并非 並非 并不 並不 未 没有 沒有 无法 無法 禁止 严禁 嚴禁 切勿 勿 打破 破除 是否 能否'.split(' ');
const ENGLISH_NEGATIONS = ['not', 'no', 'never', 'cannot', "can't", "won't", "isn't", "doesn't", 'without'];
const LINKS = '承诺 承諾 保证 保證 确保 確保 一定 可以 能 会 會 可 是 属于 屬於 为 為 作 做'.split(' ');
const ENGLISH_LINKS = ['a', 'an', 'any', 'be', 'is', 'a\\s+promise\\s+of', 'promise'];
// Finance terms that contain a phrase without promising anything: the risk-free rate, a guarantor (担保) of a loan.
const HARMLESS = ['无风险利率', '無風險利率', '无风险收益率', '無風險收益率', 'risk-free rate', 'risk free rate', '担保', '擔保'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s+');
const alternatives = (list: readonly string[]) => list.map(escape).join('|');
const PHRASE = `(?:${alternatives(GUARANTEE_PHRASES)})`;
const NEGATION = `(?:${alternatives(NEGATIONS)}|\\b(?:${alternatives(ENGLISH_NEGATIONS)})\\b)`;
const LINK = `(?:${LINKS.join('|')}|\\b(?:${ENGLISH_LINKS.join('|')})\\b)`;
// Not a comma: in "不保本，保息" the second clause is a promise of its own.
const JOIN = `(?:\\s*(?:、|/|和|及|与|與|或|\\band\\b|\\bor\\b)?\\s*)`;
const NEGATED_RE = new RegExp(`${NEGATION}\\s*(?:${LINK}\\s*)?${PHRASE}(?:${JOIN}${PHRASE})*`, 'gi');
const HARMLESS_RE = new RegExp(alternatives(HARMLESS), 'gi');
const PHRASE_RE = new RegExp(PHRASE, 'i');

/**
 * The first promise of guaranteed principal or return in a contact note, as written, or null. Errs on the side of
 * refusing: "客户要求保本" is refused too, and staff rephrase ("客户关心本金安全").
 */
export function findGuaranteePromise(text: string): string | null {
  const blank = (m: string) => ' '.repeat(m.length);
  const cleared = text.replace(HARMLESS_RE, blank).replace(NEGATED_RE, blank);
  // Blanking keeps every index, so the match points into the original text.
  const m = PHRASE_RE.exec(cleared);
  return m ? text.slice(m.index, m.index + m[0].length) : null;
}
