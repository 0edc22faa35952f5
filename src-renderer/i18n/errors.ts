import type { FieldIssue } from '../../src-shared/contract';
import { isApiError } from '../api/errors';
import { isTranslationKey, type Params } from './dictionary';
import type { T } from './I18nProvider';

/** What to tell the staff member about a failure: by the error's key, never by its English message. */
export function errorMessage(t: T, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  return keyMessage(t, error.key, error.params);
}

/** A failure main reported as data rather than as a refused call (the sync service's last error). */
export function keyMessage(t: T, key: string, params?: Params): string {
  return isTranslationKey(key) ? t(key, params) : t('errors.unknown');
}

export function issueMessage(t: T, issue: FieldIssue): string {
  return isTranslationKey(issue.key) ? t(issue.key) : t('validation.invalid');
}
