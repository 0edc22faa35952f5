import type { FieldIssue } from '../../src-shared/contract';
import { isApiError } from '../api/errors';
import { isTranslationKey } from './dictionary';
import type { T } from './I18nProvider';

/** What to tell the staff member about a failure: by the error's key, never by its English message. */
export function errorMessage(t: T, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  return isTranslationKey(error.key) ? t(error.key, error.params) : t('errors.unknown');
}

export function issueMessage(t: T, issue: FieldIssue): string {
  return isTranslationKey(issue.key) ? t(issue.key) : t('validation.invalid');
}
