import { z } from 'zod';
import { normaliseMobile } from './mobile';

/**
 * Masking for screen and export (seed 002: "传输全程脱敏，如隐藏身份证后6位"; DOMAIN.md §1). The full value is a
 * separate, audited permission; these functions are what everyone else sees.
 */
export const MASK_CHAR = '*';

/**
 * How an ID number is masked — a setting. `hideLast` is the seed's rule (hide the last 6); `showEnds` is what
 * many banks do instead (show the first 3 or 6 and the last 4, hide the middle).
 */
export type IdMaskPattern = { mode: 'hideLast'; count: number } | { mode: 'showEnds'; first: number; last: number };

export const idMaskPatternSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('hideLast'), count: z.number().int().min(1).max(32) }),
  z.object({ mode: z.literal('showEnds'), first: z.number().int().min(0).max(32), last: z.number().int().min(0).max(32) }),
]);

export const DEFAULT_ID_MASK: IdMaskPattern = { mode: 'hideLast', count: 6 };

/**
 * The guard every pattern passes through, so a mistyped setting cannot put IDs on screen in clear: at most half
 * of the characters are shown — except that hiding 6 is always enough, because that is the seed's own default and
 * "first 6 + last 4" is common bank practice, and both show more than half of an 18-character resident ID.
 * So an 18-character ID always has at least 6 hidden, a 9-character passport at least 5, an 8-digit permit 4.
 */
export const ID_MASK_ALWAYS_ENOUGH_HIDDEN = 6;

function minHidden(length: number): number {
  return Math.min(Math.ceil(length / 2), ID_MASK_ALWAYS_ENOUGH_HIDDEN);
}

function count(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

/**
 * `110101199003071234` → `110101199003******` by default; with `{ mode: 'showEnds', first: 3, last: 4 }` →
 * `110***********1234`. When the guard needs more hidden it takes the extra from the shown head first, keeping
 * the tail that staff compare with the card (尾号).
 */
export function maskIdNumber(id: string, pattern: IdMaskPattern = DEFAULT_ID_MASK): string {
  const chars = [...id];
  const length = chars.length;
  let head: number;
  let tail: number;
  if (pattern.mode === 'hideLast') {
    head = Math.max(0, length - count(pattern.count));
    tail = 0;
  } else {
    tail = Math.min(count(pattern.last), length);
    head = Math.min(count(pattern.first), length - tail);
  }
  let excess = head + tail - (length - minHidden(length));
  if (excess > 0) {
    const fromHead = Math.min(head, excess);
    head -= fromHead;
    excess -= fromHead;
    tail -= excess;
  }
  return chars.slice(0, head).join('') + MASK_CHAR.repeat(length - head - tail) + chars.slice(length - tail).join('');
}

/**
 * `13812341234` (or `+86 138-1234-1234`) → `138****1234`. Masks the national number: the first 3 and last 4 digits
 * stay only when that still hides at least 4 — true of an 11-digit mainland number — otherwise all but the last 2
 * are hidden: Hong Kong `+852 ******67`, Taiwan `+886 *******78`. Mainland numbers show without +86 (the branch's
 * own country); Hong Kong and Taiwan keep their country code so staff know to dial it. A number that is not a
 * mobile of those regions gets the same rule over its digits, keeping a leading +.
 */
export function maskMobile(mobile: string): string {
  const parsed = normaliseMobile(mobile);
  if (parsed.ok) {
    const national = parsed.normalised.slice(parsed.region === 'CN' ? 3 : 4);
    return parsed.region === 'CN' ? maskDigits(national) : `${parsed.normalised.slice(0, 4)} ${maskDigits(national)}`;
  }
  const digits = mobile.replace(/\D/g, '');
  if (digits === '') return '';
  return (mobile.trim().startsWith('+') ? '+' : '') + maskDigits(digits);
}

const MOBILE_HEAD = 3;
const MOBILE_TAIL = 4;
const MOBILE_MIN_HIDDEN = 4;
const MOBILE_SHORT_TAIL = 2;

function maskDigits(digits: string): string {
  const hidden = digits.length - MOBILE_HEAD - MOBILE_TAIL;
  if (hidden >= MOBILE_MIN_HIDDEN) return digits.slice(0, MOBILE_HEAD) + MASK_CHAR.repeat(hidden) + digits.slice(-MOBILE_TAIL);
  const shown = Math.min(MOBILE_SHORT_TAIL, Math.floor(digits.length / 2));
  return MASK_CHAR.repeat(digits.length - shown) + digits.slice(digits.length - shown);
}

/**
 * A person's name in a list that leaves the screen (an export, a register): the first character stays, the rest is
 * hidden — `韩梅梅` → `韩**`, `欧阳娜娜` → `欧***`, `Li Wei` → `L*****`. Enough for staff who know the case to
 * recognise it, not enough to identify a stranger.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + MASK_CHAR.repeat(Math.max(1, chars.length - 1));
}
