import { encodeMonths, type MonthFigure, monthlyAssetsRowId } from '../../src-shared/sync/tables';
import { type ChangeDraft, clientOf, type ImportContext, type KindImporter, type RowReader } from './row';
import { parseDate, parseMonth, parseYuan } from './values';

/** decodeMonths on the workstation refuses a series longer than this: a longer one travels in several changes. */
const MONTHS_PER_CHANGE = 240;

/**
 * Daily asset balances, in either or both of two shapes, chosen per row by which cells are filled:
 * - a month's average daily balance (client_no, month, avg_daily) → the client's monthly series
 *   (`client_monthly_assets`, one change per client carrying every month of the file; each month replaces that
 *   month on the workstation, others stay), from which the workstation computes the tier;
 * - a day's balance (client_no, date, balance) → a partial update of the client (`latest_assets_fen`,
 *   `latest_assets_date`); of several days for one client the latest is sent.
 * A file may have all five columns; a row then gives a month, a day, or both.
 */
export class BalancesImport implements KindImporter {
  private readonly months = new Map<string, Map<string, number>>();
  private readonly latest = new Map<string, { date: string; fen: number }>();

  constructor(private readonly ctx: ImportContext) {}

  missingColumns(has: (field: string) => boolean): string[] {
    const missing = has('client_no') ? [] : ['client_no'];
    const monthly = has('month') || has('avg_daily');
    const daily = has('date') || has('balance');
    if (!monthly && !daily) return [...missing, 'month', 'avg_daily'];
    if (monthly) for (const f of ['month', 'avg_daily']) if (!has(f)) missing.push(f);
    if (daily) for (const f of ['date', 'balance']) if (!has(f)) missing.push(f);
    return missing;
  }

  row(r: RowReader): void {
    const clientId = clientOf(r, this.ctx);
    const givesMonth = r.text('month') !== '' || r.text('avg_daily') !== '';
    const givesDay = r.text('date') !== '' || r.text('balance') !== '';
    if (!givesMonth && !givesDay) r.fail(r.has('month') ? 'month' : 'date', 'import.missing_required');

    let month: MonthFigure | null = null;
    if (givesMonth) {
      const label = r.parsed('month', parseMonth, 'import.bad_month');
      const fen = r.parsed('avg_daily', parseYuan, 'import.bad_amount');
      if (fen !== null && fen < 0) r.fail('avg_daily', 'import.bad_amount');
      else if (label !== null && fen !== null) month = { month: label, avgDailyFen: fen };
      if (month && clientId && this.months.get(clientId)?.has(month.month)) r.fail('month', 'import.duplicate_month');
    }
    let day: { date: string; fen: number } | null = null;
    if (givesDay) {
      const date = r.parsed('date', parseDate, 'import.bad_date');
      const fen = r.parsed('balance', parseYuan, 'import.bad_amount');
      if (fen !== null && fen < 0) r.fail('balance', 'import.bad_amount');
      else if (date !== null && fen !== null) day = { date, fen };
      if (day && clientId && this.latest.get(clientId)?.date === day.date) r.fail('date', 'import.duplicate_date');
    }
    if (!r.ok || !clientId) return;
    if (month) {
      let series = this.months.get(clientId);
      if (!series) this.months.set(clientId, (series = new Map<string, number>()));
      series.set(month.month, month.avgDailyFen);
    }
    if (day) {
      const before = this.latest.get(clientId);
      if (!before || day.date > before.date) this.latest.set(clientId, day);
    }
  }

  finish(): Promise<ChangeDraft[]> {
    const drafts: ChangeDraft[] = [];
    for (const [clientId, series] of this.months) {
      const figures = [...series].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, avgDailyFen]) => ({ month, avgDailyFen }));
      for (let i = 0; i < figures.length; i += MONTHS_PER_CHANGE) {
        drafts.push({
          table: 'client_monthly_assets',
          rowId: monthlyAssetsRowId(clientId),
          values: { client_id: clientId, months: encodeMonths(figures.slice(i, i + MONTHS_PER_CHANGE)) },
        });
      }
    }
    for (const [clientId, day] of this.latest) {
      drafts.push({ table: 'clients', rowId: clientId, values: { latest_assets_fen: day.fen, latest_assets_date: day.date } });
    }
    return Promise.resolve(drafts);
  }
}
