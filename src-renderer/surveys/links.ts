import type { SurveyOccasion } from '../../src-shared/domain/surveys';
import type { Labels } from '../../src-shared/domain/surveys';
import type { Language } from '../i18n/dictionary';

/** What a survey entry is opened with: from the worklist, a complaint's closing, an event's list, or a report. */
export interface EntryLink {
  occasion?: SurveyOccasion;
  template?: string;
  client?: string;
  event?: string;
  complaint?: string;
}

/** `#/surveys/enter?occasion=after_event&client=…&event=…`: the entry screen, filled in. */
export function entryHref(link: EntryLink): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(link)) if (typeof value === 'string' && value !== '') params.set(key, value);
  const query = params.toString();
  return `#/surveys/enter${query ? `?${query}` : ''}`;
}

/** The query part of the window's address (`#/surveys/enter?…`), as the entry and answers screens read it. */
export function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/** A template's or question's text in the interface language (a blank translation falls back to Simplified Chinese). */
export function textOf(labels: Labels, language: Language): string {
  return labels[language] || labels['zh-CN'];
}
