import { addDays, addMonths } from './calendar-date';

/**
 * Signals in what a client does (DOMAIN.md §3): a run of high-risk purchases (002), a month's assets falling away
 * (004 behaviour shifts), a client lost (000 lifecycle). Each is a reason to call; the reminders turn them into items.
 */

/** Products at these risk levels are high-risk purchases (private funds, structured products, equity funds: R4–R5). */
export const HIGH_RISK_PRODUCTS: readonly string[] = ['R4', 'R5'];

/** A run this long raises the signal (002: "连续三次购买高风险产品"). */
export const HIGH_RISK_RUN = 3;

/**
 * The purchases that complete a run of three consecutive high-risk purchases (by purchase day, then id), each once:
 * the third of a run (a fourth in the same run adds nothing; a lower-risk purchase ends the run, and the next three
 * high-risk ones are a new run). Only runs completed within `recentDays` of today count.
 */
export function highRiskStreaks(
  purchases: readonly { id: string; risk: string; day: string; productName: string }[],
  today: string,
  recentDays: number,
): { id: string; day: string; productName: string }[] {
  const ordered = [...purchases].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: { id: string; day: string; productName: string }[] = [];
  let run = 0;
  for (const p of ordered) {
    run = HIGH_RISK_PRODUCTS.includes(p.risk) ? run + 1 : 0;
    if (run === HIGH_RISK_RUN && p.day <= today && addDays(p.day, recentDays) >= today)
      out.push({ id: p.id, day: p.day, productName: p.productName });
  }
  return out;
}

/** A month's average daily assets below this (integer fen) is too small for a fall in it to mean much. */
export const ASSET_DROP_MIN_FEN = 5_000_000; // ¥50,000

/**
 * The latest month's average daily assets down on the month before by more than `percent` (004: a behaviour shift
 * worth a call). Returns the latest month (`YYYY-MM`), the fall in whole percent and the day it became known (the
 * first day of the month after); null when there is no such fall.
 */
export function assetDrop(
  months: readonly { month: string; avgDailyFen: number }[],
  percent: number,
): { month: string; fallPercent: number; knownOn: string } | null {
  // The two latest months, in one look at each (no sorted copy: this runs for every client of every pass).
  let latest: (typeof months)[number] | undefined;
  let before: (typeof months)[number] | undefined;
  for (const m of months) {
    if (!latest || m.month > latest.month) {
      before = latest;
      latest = m;
    } else if (!before || m.month > before.month) {
      before = m;
    }
  }
  if (!latest || !before || before.avgDailyFen < ASSET_DROP_MIN_FEN) return null;
  if (addMonths(`${before.month}-01`, 1).slice(0, 7) !== latest.month) return null;
  const fall = ((before.avgDailyFen - latest.avgDailyFen) * 100) / before.avgDailyFen;
  if (!(fall > percent)) return null;
  return { month: latest.month, fallPercent: Math.floor(fall), knownOn: addMonths(`${latest.month}-01`, 1) };
}
