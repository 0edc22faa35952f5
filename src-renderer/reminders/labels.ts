import type { ReminderView } from '../../src-shared/contract';
import type { T } from '../i18n/I18nProvider';

/** A reminder's kind in words, with what it is about (the product of a follow-up or a holding) when there is one. */
export function reminderLabel(t: T, r: Pick<ReminderView, 'kind' | 'detail'>): string {
  const kind = t(`reminders.kind.${r.kind}`);
  return r.detail ? `${kind} · ${r.detail}` : kind;
}
