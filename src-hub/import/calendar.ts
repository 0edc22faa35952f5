import { type ChangeDraft, type KindImporter, missingOf, type RowReader } from './row';
import { parseDate } from './values';

/** How head office writes a day's kind: a holiday (放假, 休) or a weekend day worked in exchange (调休上班, 班). */
const KINDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  休: 'holiday',
  休息: 'holiday',
  放假: 'holiday',
  节假日: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
  调休: 'workday',
  调休上班: 'workday',
  补班: 'workday',
};

/**
 * The year's public holidays and make-up working days (DOMAIN.md §7b), as the State Council announces them each
 * winter: one row a day. A day keeps one row id (`calendar:<day>`), so a later file's word on a day replaces the
 * earlier one (and the calendar shipped with the workstation).
 */
export class CalendarImport implements KindImporter {
  private readonly drafts: ChangeDraft[] = [];
  private readonly days = new Set<string>();

  missingColumns(has: (field: string) => boolean): string[] {
    return missingOf(has, ['day', 'kind']);
  }

  row(r: RowReader): void {
    const day = r.parsed('day', parseDate, 'import.bad_date');
    const kind = KINDS[r.text('kind').toLowerCase()] ?? null;
    if (kind === null) r.fail('kind', 'import.bad_kind');
    if (day !== null && this.days.has(day)) r.fail('day', 'import.duplicate_ref');
    if (!r.ok || day === null || kind === null) return;
    this.days.add(day);
    const name = r.text('name');
    this.drafts.push({ table: 'work_calendar', rowId: `calendar:${day}`, values: { day, kind, name: name === '' ? null : name } });
  }

  finish(): Promise<ChangeDraft[]> {
    return Promise.resolve(this.drafts);
  }
}
