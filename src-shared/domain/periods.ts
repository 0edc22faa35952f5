import { addDays, addMonths } from './calendar-date';

/** The periods a report offers at one click; anything else is typed as two days. */
export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_12_months'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** A preset period as two days, both included, seen from `today` (`YYYY-MM-DD`). "This …" ends today. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  const monthStart = `${today.slice(0, 7)}-01`;
  const quarterStart = `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  switch (preset) {
    case 'this_month':
      return { from: monthStart, to: today };
    case 'last_month':
      return { from: addMonths(monthStart, -1), to: addDays(monthStart, -1) };
    case 'this_quarter':
      return { from: quarterStart, to: today };
    case 'last_quarter':
      return { from: addMonths(quarterStart, -3), to: addDays(quarterStart, -1) };
    case 'this_year':
      return { from: `${year}-01-01`, to: today };
    case 'last_12_months':
      return { from: addMonths(monthStart, -11), to: today };
  }
}
