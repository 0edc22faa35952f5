import type { MantineColor } from '@mantine/core';
import type { ComplaintSummary } from '../../src-shared/contract';
import type { ComplaintEventKind, ComplaintStatus } from '../../src-shared/domain/complaints';
import type { Language } from '../i18n/dictionary';
import type { T } from '../i18n/I18nProvider';

export const STATUS_COLORS: Record<ComplaintStatus, MantineColor> = {
  received: 'blue',
  accepted: 'cyan',
  investigating: 'indigo',
  escalated: 'orange',
  decided: 'teal',
  review: 'grape',
  closed: 'gray',
  withdrawn: 'gray',
};

export const DEADLINE_COLORS: Record<NonNullable<ComplaintSummary['deadline']>, MantineColor> = {
  overdue: 'red',
  near: 'orange',
  ok: 'gray',
};

export const statusLabel = (t: T, status: ComplaintStatus) => t(`complaints.status.${status}`);
export const stepLabel = (t: T, kind: ComplaintEventKind) => t(`complaints.event.${kind}`);

/** A business line or cause in the interface language, from head office's list; an unknown code shows as written. */
export function categoryLabel(
  categories: { kind: string; code: string; labels: Record<Language, string> }[] | undefined,
  kind: 'business_line' | 'cause',
  code: string,
  language: Language,
): string {
  return categories?.find((c) => c.kind === kind && c.code === code)?.labels[language] ?? code;
}
