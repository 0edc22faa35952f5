import { useMemo } from 'react';
import { useI18n } from './I18nProvider';

export interface Formats {
  /** Integer fen as yuan: ¥1,234,567.89 in every interface language (narrow symbol, not "CN¥"). */
  money: (fen: number) => string;
  /** A whole count (points, rows) with the language's grouping. */
  count: (n: number) => string;
  /**
   * A calendar day `YYYY-MM-DD` (a birth date, a maturity date). Formatted as a date at UTC midnight so no time
   * zone can move it to the day before; anything else is shown as written.
   */
  date: (day: string) => string;
  /** A calendar month `YYYY-MM`. */
  month: (month: string) => string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Money, counts and calendar days in the interface language's conventions. */
export function useFormats(): Formats {
  const { language } = useI18n();
  return useMemo(() => {
    const money = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' });
    const count = new Intl.NumberFormat(language);
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    return {
      money: (fen) => money.format(fen / 100),
      count: (n) => count.format(n),
      date: (day) => {
        const m = DAY_RE.exec(day);
        return m ? date.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : day;
      },
      month: (text) => {
        const m = MONTH_RE.exec(text);
        return m ? month.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : text;
      },
    };
  }, [language]);
}
