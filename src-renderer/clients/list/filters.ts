import { LIFECYCLES, TIERS, type ClientFilters } from '../../../src-shared/contract';
import type { Lifecycle, Tier } from '../labels';

/** The filter controls as the staff member set them; `''` and `any` mean "no filter". */
export interface FilterForm {
  tier: Tier | '';
  lifecycle: Lifecycle | '';
  managerId: string;
  tag: string;
  riskExpired: 'any' | 'yes' | 'no';
  overdueReminder: 'any' | 'yes' | 'no';
  /** Opened from a report's figure: moved tier in a month, contacted within the cadence or not. */
  tierMove?: { month: string; direction: 'up' | 'down' };
  covered?: boolean;
  firstBusiness?: { from: string; to: string };
}

export const NO_FILTERS: FilterForm = { tier: '', lifecycle: '', managerId: '', tag: '', riskExpired: 'any', overdueReminder: 'any' };

/** The list's address (`#/clients?list&tier=vip&covered=no…`): a report's or a home screen's figure opens it. */
export function clientListHref(filters: ClientFilters): string {
  const params = new URLSearchParams({ list: '1' });
  if (filters.tier) params.set('tier', filters.tier);
  if (filters.lifecycle) params.set('lifecycle', filters.lifecycle);
  if (filters.managerId) params.set('manager', filters.managerId);
  if (filters.overdueReminder !== undefined) params.set('overdue', filters.overdueReminder ? 'yes' : 'no');
  if (filters.tierMove) params.set('moved', `${filters.tierMove.direction}:${filters.tierMove.month}`);
  if (filters.covered !== undefined) params.set('covered', filters.covered ? 'yes' : 'no');
  if (filters.firstBusiness) params.set('began', `${filters.firstBusiness.from}..${filters.firstBusiness.to}`);
  return `#/clients?${params.toString()}`;
}

/** The filters an address asks for, or null when it asks for none (the search then shows). */
export function filterFormOf(hash: string): FilterForm | null {
  const query = hash.split('?')[1];
  if (!query) return null;
  const params = new URLSearchParams(query);
  if (!params.has('list')) return null;
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
    value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
  const yesNo = (value: string | null) => (value === 'yes' || value === 'no' ? value : 'any');
  const moved = /^(up|down):(\d{4}-\d{2})$/.exec(params.get('moved') ?? '');
  const covered = params.get('covered');
  const began = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(params.get('began') ?? '');
  return {
    ...NO_FILTERS,
    tier: pick(params.get('tier'), TIERS),
    lifecycle: pick(params.get('lifecycle'), LIFECYCLES),
    managerId: params.get('manager') ?? '',
    overdueReminder: yesNo(params.get('overdue')),
    ...(moved ? { tierMove: { direction: moved[1] as 'up' | 'down', month: moved[2] ?? '' } } : {}),
    ...(covered === 'yes' || covered === 'no' ? { covered: covered === 'yes' } : {}),
    ...(began ? { firstBusiness: { from: began[1] ?? '', to: began[2] ?? '' } } : {}),
  };
}

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
    ...(form.tierMove ? { tierMove: form.tierMove } : {}),
    ...(form.covered !== undefined ? { covered: form.covered } : {}),
    ...(form.firstBusiness ? { firstBusiness: form.firstBusiness } : {}),
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
