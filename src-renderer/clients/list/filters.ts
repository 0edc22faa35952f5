import type { ClientFilters } from '../../../src-shared/contract';
import type { Lifecycle, Tier } from '../labels';

/** The filter controls as the staff member set them; `''` and `any` mean "no filter". */
export interface FilterForm {
  tier: Tier | '';
  lifecycle: Lifecycle | '';
  managerId: string;
  tag: string;
  riskExpired: 'any' | 'yes' | 'no';
  overdueReminder: 'any' | 'yes' | 'no';
}

export const NO_FILTERS: FilterForm = { tier: '', lifecycle: '', managerId: '', tag: '', riskExpired: 'any', overdueReminder: 'any' };

/** The contract's filters (what the list and the export are asked for): only those set, the tag trimmed. */
export function toClientFilters(form: FilterForm): ClientFilters {
  const tag = form.tag.trim().slice(0, 32);
  return {
    ...(form.tier ? { tier: form.tier } : {}),
    ...(form.lifecycle ? { lifecycle: form.lifecycle } : {}),
    ...(form.managerId ? { managerId: form.managerId } : {}),
    ...(tag ? { tag } : {}),
    ...(form.riskExpired === 'any' ? {} : { riskExpired: form.riskExpired === 'yes' }),
    ...(form.overdueReminder === 'any' ? {} : { overdueReminder: form.overdueReminder === 'yes' }),
  };
}

/**
 * The list's filters and whether the list was showing, kept per staff member and only in memory (like the
 * search text), so coming back from a profile finds the same list.
 */
let remembered: { staffId: string; form: FilterForm; listing: boolean } | null = null;

export function recallList(staffId: string): { form: FilterForm; listing: boolean } {
  return remembered?.staffId === staffId ? remembered : { form: NO_FILTERS, listing: false };
}

export function rememberList(staffId: string, form: FilterForm, listing: boolean): void {
  remembered = { staffId, form, listing };
}
