/**
 * Satisfaction surveys (DOMAIN.md §7): what a template's questions are, how an answer sheet is checked against the
 * version it was given under, the follow-up a low score raises, and the CSAT and NPS arithmetic. Pure: the data is
 * passed in.
 */

export const QUESTION_TYPES = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The occasions a template is for (DOMAIN.md §7). */
export const SURVEY_OCCASIONS = ['counter_visit', 'phone_callback', 'after_event', 'after_complaint', 'quarterly'] as const;
export type SurveyOccasion = (typeof SURVEY_OCCASIONS)[number];

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const NPS_MIN = 0;
export const NPS_MAX = 10;

/** One question of a template version. Choices carry stable codes; their labels may change in a later version. */
export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  required: boolean;
  /** The template's CSAT question (a rating question; at most one a version). */
  csat?: boolean;
  /** Single and multiple choice: the codes that may be answered. */
  choices?: readonly string[];
}

/** A text in the three interface languages. */
export interface Labels {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

/** A text as published: a blank Traditional Chinese or English text shows the Simplified Chinese one. */
export function filledLabels(l: Labels): Labels {
  return { 'zh-CN': l['zh-CN'], 'zh-TW': l['zh-TW'] || l['zh-CN'], en: l.en || l['zh-CN'] };
}

/** A question as published in a version: its texts in three languages, its choices with stable codes. */
export interface TemplateQuestion {
  id: string;
  type: QuestionType;
  required: boolean;
  csat?: boolean;
  text: Labels;
  choices?: { code: string; label: Labels }[];
}

/** A version's questions as the checks read them (choice codes only). */
export function checkedQuestions(questions: readonly TemplateQuestion[]): SurveyQuestion[] {
  return questions.map((q) => ({
    id: q.id,
    type: q.type,
    required: q.required,
    ...(q.csat ? { csat: true } : {}),
    ...(q.choices ? { choices: q.choices.map((c) => c.code) } : {}),
  }));
}

/** An answer as entered: a number for rating and NPS, a code or codes for choices, text for free text. */
export type SurveyAnswer = number | string | readonly string[];

/** Why an answer sheet is refused, question by question (the form names the question and keeps what was typed). */
export type AnswerIssue =
  'required' | 'rating_range' | 'nps_range' | 'not_a_choice' | 'one_choice' | 'wrong_kind' | 'unknown_question' | 'too_long';

export const MAX_TEXT_ANSWER = 2000;

/**
 * Checks an answer sheet against the version it is given under: every required question answered, ratings 1–5 and
 * NPS 0–10 as whole numbers, choices among the question's own, one choice for a single-choice question, no answer to
 * a question the version does not have. Returns each problem with its question; none: the sheet may be saved.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, SurveyAnswer | null | undefined>>,
): { questionId: string; issue: AnswerIssue }[] {
  const issues: { questionId: string; issue: AnswerIssue }[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers))
    if (!known.has(id) && answers[id] != null) issues.push({ questionId: id, issue: 'unknown_question' });
  for (const q of questions) {
    const a = answers[q.id];
    const empty = a === null || a === undefined || (typeof a === 'string' ? a.trim() === '' : typeof a === 'object' && a.length === 0);
    if (empty) {
      if (q.required) issues.push({ questionId: q.id, issue: 'required' });
      continue;
    }
    const issue = checkOne(q, a);
    if (issue) issues.push({ questionId: q.id, issue });
  }
  return issues;
}

function checkOne(q: SurveyQuestion, a: SurveyAnswer): AnswerIssue | null {
  switch (q.type) {
    case 'rating':
      if (typeof a !== 'number') return 'wrong_kind';
      return Number.isInteger(a) && a >= RATING_MIN && a <= RATING_MAX ? null : 'rating_range';
    case 'nps':
      if (typeof a !== 'number') return 'wrong_kind';
      return Number.isInteger(a) && a >= NPS_MIN && a <= NPS_MAX ? null : 'nps_range';
    case 'single': {
      if (typeof a === 'number') return 'wrong_kind';
      const list = typeof a === 'string' ? [a] : a;
      if (list.length !== 1) return 'one_choice';
      return (q.choices ?? []).includes(list[0] ?? '') ? null : 'not_a_choice';
    }
    case 'multiple': {
      if (typeof a === 'number') return 'wrong_kind';
      const list = typeof a === 'string' ? [a] : a;
      return list.every((c) => (q.choices ?? []).includes(c)) ? null : 'not_a_choice';
    }
    case 'text':
      if (typeof a !== 'string') return 'wrong_kind';
      return a.length <= MAX_TEXT_ANSWER ? null : 'too_long';
  }
}

/** NPS bands: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsBand(score: number): 'promoter' | 'passive' | 'detractor' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/**
 * What a sheet says the relationship manager should follow up (DOMAIN.md §7): a detractor (0–6) on an NPS question,
 * or a rating of 1–2 on the CSAT question, with the question and the score to quote. Empty: nothing to follow up.
 */
export function followUpsOf(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, SurveyAnswer | null | undefined>>,
): { questionId: string; score: number }[] {
  const found: { questionId: string; score: number }[] = [];
  for (const q of questions) {
    const a = answers[q.id];
    if (typeof a !== 'number') continue;
    if (q.type === 'nps' && npsBand(a) === 'detractor') found.push({ questionId: q.id, score: a });
    if (q.type === 'rating' && q.csat && a <= 2) found.push({ questionId: q.id, score: a });
  }
  return found;
}

export interface Score {
  /** Answers counted. */
  responses: number;
  /** null with no answers: a figure of nothing is not 0. */
  value: number | null;
}

/** CSAT: the share of 4–5 answers on the CSAT question, 0–1. */
export function csat(ratings: readonly number[]): Score {
  if (ratings.length === 0) return { responses: 0, value: null };
  return { responses: ratings.length, value: ratings.filter((r) => r >= 4).length / ratings.length };
}

/** NPS: the share of promoters (9–10) minus the share of detractors (0–6), −100 to 100 (rounded to one decimal). */
export function nps(scores: readonly number[]): Score & { promoters: number; passives: number; detractors: number } {
  const promoters = scores.filter((s) => npsBand(s) === 'promoter').length;
  const detractors = scores.filter((s) => npsBand(s) === 'detractor').length;
  const passives = scores.length - promoters - detractors;
  if (scores.length === 0) return { responses: 0, value: null, promoters, passives, detractors };
  return {
    responses: scores.length,
    value: Math.round(((promoters - detractors) / scores.length) * 1000) / 10,
    promoters,
    passives,
    detractors,
  };
}

/**
 * What a sheet adds to the figures, read by its own version: the CSAT question's rating, the first NPS question's
 * score, whether it raises a follow-up, whether it says something in words.
 */
export function scoreSheet(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, SurveyAnswer | null | undefined>>,
): { csat: number | null; nps: number | null; followUp: boolean; hasText: boolean } {
  const csatQuestion = questions.find((q) => q.type === 'rating' && q.csat);
  const npsQuestion = questions.find((q) => q.type === 'nps');
  const number = (q: SurveyQuestion | undefined) => {
    const a = q ? answers[q.id] : undefined;
    return typeof a === 'number' ? a : null;
  };
  return {
    csat: number(csatQuestion),
    nps: number(npsQuestion),
    followUp: followUpsOf(questions, answers).length > 0,
    hasText: questions.some((q) => q.type === 'text' && typeof answers[q.id] === 'string' && String(answers[q.id]).trim() !== ''),
  };
}

/** A question id or choice code: the keys answers are stored under, so plain and short. */
export const ANSWER_KEY = /^[a-z0-9_]{1,40}$/;

/** How a version's definition can be wrong (the editor names the question). */
export type DefinitionIssue =
  'no_questions' | 'duplicate_id' | 'bad_id' | 'no_choices' | 'duplicate_choice' | 'csat_not_rating' | 'two_csat' | 'choices_on_open';

/**
 * Checks a version before it is published: at least one question; ids and choice codes unique and plain
 * (`[a-z0-9_]`, they are the keys answers are stored under); choices on choice questions only, at least two;
 * the CSAT mark on one rating question at most.
 */
export function checkDefinition(questions: readonly SurveyQuestion[]): { questionId: string | null; issue: DefinitionIssue }[] {
  const issues: { questionId: string | null; issue: DefinitionIssue }[] = [];
  if (questions.length === 0) issues.push({ questionId: null, issue: 'no_questions' });
  const seen = new Set<string>();
  let csatCount = 0;
  for (const q of questions) {
    if (!ANSWER_KEY.test(q.id)) issues.push({ questionId: q.id, issue: 'bad_id' });
    else if (seen.has(q.id)) issues.push({ questionId: q.id, issue: 'duplicate_id' });
    seen.add(q.id);
    const choice = q.type === 'single' || q.type === 'multiple';
    const codes = q.choices ?? [];
    if (choice && codes.length < 2) issues.push({ questionId: q.id, issue: 'no_choices' });
    if (!choice && codes.length > 0) issues.push({ questionId: q.id, issue: 'choices_on_open' });
    if (new Set(codes).size !== codes.length || codes.some((c) => !ANSWER_KEY.test(c))) {
      issues.push({ questionId: q.id, issue: 'duplicate_choice' });
    }
    if (q.csat) {
      csatCount += 1;
      if (q.type !== 'rating') issues.push({ questionId: q.id, issue: 'csat_not_rating' });
      else if (csatCount > 1) issues.push({ questionId: q.id, issue: 'two_csat' });
    }
  }
  return issues;
}

/** What the figures count of a group of sheets (the store adds them up; this turns them into CSAT and NPS). */
export interface ScoreCounts {
  responses: number;
  csatResponses: number;
  /** CSAT answers of 4 or 5. */
  csatGood: number;
  npsResponses: number;
  promoters: number;
  detractors: number;
}

/** CSAT and NPS of counted sheets, by the same rules as `csat()` and `nps()` (null where nothing was answered). */
export function scoreOfCounts(c: ScoreCounts) {
  return {
    responses: c.responses,
    csatResponses: c.csatResponses,
    csat: c.csatResponses === 0 ? null : c.csatGood / c.csatResponses,
    npsResponses: c.npsResponses,
    nps: c.npsResponses === 0 ? null : Math.round(((c.promoters - c.detractors) / c.npsResponses) * 1000) / 10,
    promoters: c.promoters,
    passives: c.npsResponses - c.promoters - c.detractors,
    detractors: c.detractors,
  };
}
