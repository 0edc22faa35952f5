import {
  checkedQuestions,
  scoreSheet,
  type SurveyAnswer,
  type SurveyQuestion,
  type TemplateQuestion,
} from '../../src-shared/domain/surveys';
import type { RawDb } from '../store/open';

/** A version's questions as stored (JSON), for the checks and the scoring. */
export function storedQuestions(json: string): TemplateQuestion[] {
  return JSON.parse(json) as TemplateQuestion[];
}

/** The derived columns of an answer sheet, read by its own version (never by the template's latest). */
export function scoreColumns(questions: readonly SurveyQuestion[], answers: Readonly<Record<string, SurveyAnswer | null>>) {
  const s = scoreSheet(questions, answers);
  return { scored: 1, csat: s.csat, nps: s.nps, follow_up: s.followUp ? 1 : 0, has_text: s.hasText ? 1 : 0 };
}

/**
 * Scores the answer sheets that arrived by sync without their scores (scores never travel): each by its own
 * version. A sheet whose version has not arrived yet waits, unscored, for the page that brings it. Synchronous, in
 * the applier's transaction, before the clients it names are rederived (a follow-up is a reminder).
 */
export function scorePulledResponses(raw: RawDb): number {
  const pending = raw
    .prepare(`SELECT r.id, r.answers, v.questions FROM survey_responses r JOIN survey_versions v ON v.id = r.version_id WHERE r.scored = 0`)
    .all() as { id: string; answers: string; questions: string }[];
  if (pending.length === 0) return 0;
  const update = raw.prepare('UPDATE survey_responses SET scored = 1, csat = ?, nps = ?, follow_up = ?, has_text = ? WHERE id = ?');
  const questions = new Map<string, SurveyQuestion[]>();
  for (const row of pending) {
    let q = questions.get(row.questions);
    if (!q) questions.set(row.questions, (q = checkedQuestions(storedQuestions(row.questions))));
    let answers: Record<string, SurveyAnswer | null> = {};
    try {
      answers = JSON.parse(row.answers) as Record<string, SurveyAnswer | null>;
    } catch {
      // An unreadable sheet counts in no figure (the hub validated its shape; this is belt and braces).
    }
    const c = scoreColumns(q, answers);
    update.run(c.csat, c.nps, c.follow_up, c.has_text, row.id);
  }
  return pending.length;
}
