import { formatCalendarDate, parseCalendarDate } from '../../src-shared/domain/calendar-date';

/**
 * Cell parsers for head office's CSV exports. Each returns the stored form, or null when the text is not one; an
 * empty cell is the caller's business (optional or missing). Money never goes through a float (DESIGN.md).
 */

/** The largest amount accepted: ¥10 trillion, far inside Number.MAX_SAFE_INTEGER fen. */
const MAX_FEN = 1e15;

/**
 * Yuan as written (`1234.5`, `1,234.56`, `¥1234`, `-20.00`) → integer fen, read digit by digit. More than two
 * decimals is refused rather than rounded: a figure of 0.001 yuan means the column is not what it seems.
 */
export function parseYuan(text: string): number | null {
  const compact = text.replace(/[\s,，¥￥]/g, '').replace(/元$/, '');
  const m = /^([+-]?)(\d+)(?:\.(\d{0,2}))?$/.exec(compact);
  if (!m) return null;
  const yuan = m[2] ?? '';
  const cents = (m[3] ?? '').padEnd(2, '0');
  const fen = Number(yuan) * 100 + Number(cents);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return null;
  return m[1] === '-' ? -fen : fen;
}

/** A decimal kept as text (rates, prices, returns): `1.75`, `1.75%`, `.5` → `0.5`; null for anything else. */
export function parseDecimal(text: string): string | null {
  const compact = text.replace(/\s/g, '').replace(/%$/, '');
  const m = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(compact);
  if (!m || (m[2] === '' && m[3] === undefined) || compact.length > 24) return null;
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  return `${m[1] === '-' ? '-' : ''}${whole}${m[3] === undefined ? '' : `.${m[3]}`}`;
}

/** `2026-10-05`, also `2026/10/5` and `2026.10.05` as Excel writes them → `YYYY-MM-DD` of a real calendar day. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const date = parseCalendarDate(`${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`);
  return date ? formatCalendarDate(date) : null;
}

/** `2026-10`, `2026/10` or `202610` → `YYYY-MM`. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})[-/.]?(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12 || ((m[2] ?? '').length === 1 && !/[-/.]/.test(text))) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** Branches are in mainland China, Hong Kong and Taiwan: all UTC+08:00, without summer time. */
const BRANCH_OFFSET = '+08:00';

/**
 * A transaction time: a date alone stays a date (`2026-10-05`); a date and time becomes a UTC ISO instant, read as
 * branch time (UTC+08:00) unless it names its own offset (`Z`, `+08:00`).
 */
export function parseDateTime(text: string): string | null {
  const trimmed = text.trim();
  const dateOnly = parseDate(trimmed);
  if (dateOnly) return dateOnly;
  const m = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(trimmed);
  if (!m) return null;
  const date = parseDate(m[1] ?? '');
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const second = Number(m[4] ?? '0');
  if (!date || hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[6] ? (m[6].toUpperCase() === 'Z' ? 'Z' : m[6].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : BRANCH_OFFSET;
  const iso = `${date}T${String(hour).padStart(2, '0')}:${m[3]}:${String(second).padStart(2, '0')}${m[5] ?? ''}${zone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const DIRECTIONS: Record<string, 'in' | 'out'> = {
  in: 'in',
  credit: 'in',
  cr: 'in',
  c: 'in',
  转入: 'in',
  入: 'in',
  收: 'in',
  收入: 'in',
  存入: 'in',
  贷: 'in',
  out: 'out',
  debit: 'out',
  dr: 'out',
  d: 'out',
  转出: 'out',
  出: 'out',
  付: 'out',
  支出: 'out',
  支取: 'out',
  借: 'out',
};

/** Money in or out of the client's account. Credit (贷) is money in and debit (借) money out, as on a statement. */
export function parseDirection(text: string): 'in' | 'out' | null {
  return DIRECTIONS[text.trim().toLowerCase()] ?? null;
}

/** A yes/no cell (`1`/`0`, 是/否, true/false, y/n) → 1 or 0. */
export function parseFlag(text: string): 0 | 1 | null {
  const t = text.trim().toLowerCase();
  if (['1', 'y', 'yes', 'true', '是', '停用'].includes(t)) return 1;
  if (['0', 'n', 'no', 'false', '否', '启用', '正常'].includes(t)) return 0;
  return null;
}
