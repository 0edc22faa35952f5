import type { ReminderView } from '../../src-shared/contract';
import { SURVEY_OCCASIONS, type SurveyOccasion } from '../../src-shared/domain/surveys';
import type { T } from '../i18n/I18nProvider';

function isOccasion(text: string): text is SurveyOccasion {
  return (SURVEY_OCCASIONS as readonly string[]).includes(text);
}

/** A reminder's kind in words, with what it is about (the product of a follow-up or a holding) when there is one. */
export function reminderLabel(t: T, r: Pick<ReminderView, 'kind' | 'detail'>): string {
  const kind = t(`reminders.kind.${r.kind}`);
  // A survey due names its occasion (after an event, a complaint, the quarterly questionnaire).
  if (r.kind === 'survey_due' && r.detail && isOccasion(r.detail)) return `${kind} · ${t(`surveys.occasion.${r.detail}`)}`;
  return r.detail ? `${kind} · ${r.detail}` : kind;
}
