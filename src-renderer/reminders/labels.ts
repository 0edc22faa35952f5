import { IMPORTANT_DATE_KINDS, type ReminderView } from '../../src-shared/contract';
import { FESTIVAL_CODES, type Festival } from '../../src-shared/domain/occasions';
import { SURVEY_OCCASIONS, type SurveyOccasion } from '../../src-shared/domain/surveys';
import type { T } from '../i18n/I18nProvider';

function isOccasion(text: string): text is SurveyOccasion {
  return (SURVEY_OCCASIONS as readonly string[]).includes(text);
}

function isFestival(text: string): text is Festival {
  return (FESTIVAL_CODES as readonly string[]).includes(text);
}

function isDateKind(text: string): text is (typeof IMPORTANT_DATE_KINDS)[number] {
  return (IMPORTANT_DATE_KINDS as readonly string[]).includes(text);
}

/** A reminder's kind in words, with what it is about (the product of a follow-up or a holding) when there is one. */
export function reminderLabel(t: T, r: Pick<ReminderView, 'kind' | 'detail'>): string {
  const kind = t(`reminders.kind.${r.kind}`);
  // A survey due names its occasion (after an event, a complaint, the quarterly questionnaire).
  if (r.kind === 'survey_due' && r.detail && isOccasion(r.detail)) return `${kind} · ${t(`surveys.occasion.${r.detail}`)}`;
  // Festivals, important dates without a label and lunar birthdays carry a code: say it in words.
  if (r.kind === 'festival' && r.detail && isFestival(r.detail)) return `${kind} · ${t(`festival.${r.detail}`)}`;
  if (r.kind === 'important_date' && r.detail && isDateKind(r.detail)) return `${kind} · ${t(`important_date.${r.detail}`)}`;
  if (r.kind === 'birthday' && r.detail === 'lunar') return `${kind} · ${t('reminders.lunar')}`;
  return r.detail ? `${kind} · ${r.detail}` : kind;
}
