import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { FieldIssue } from '../../src-shared/contract';
import { isApiError } from '../api/errors';
import { issueMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';

export type Checked<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; issues: FieldIssue[] };

/**
 * Checks form values with the contract's own schema before they travel, and names problems the way main's
 * router does (the schema's message key, else `validation.<zod code>`), so one translation serves both.
 */
export function check<S extends z.ZodType>(schema: S, values: unknown): Checked<S> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      key: issue.message.startsWith('validation.') ? issue.message : `validation.${issue.code}`,
      message: issue.message,
    })),
  };
}

/** Field problems shown next to their fields, from the client-side check or from main's VALIDATION error. */
export function useFieldIssues() {
  const t = useT();
  const [issues, setIssues] = useState<FieldIssue[]>([]);

  const errorOf = useCallback(
    (path: string): string | undefined => {
      const issue = issues.find((i) => i.path === path);
      return issue ? issueMessage(t, issue) : undefined;
    },
    [issues, t],
  );

  const takeFrom = useCallback((error: unknown) => {
    setIssues(isApiError(error) ? error.issues : []);
  }, []);

  return { errorOf, setIssues, takeFrom, clear: useCallback(() => setIssues([]), []) };
}
