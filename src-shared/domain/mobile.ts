/**
 * Mobile numbers of the regions the branches serve (DOMAIN.md: mainland China, Hong Kong, Taiwan), normalised to
 * E.164 (`+8613812341234`) so one client's number is stored, searched and deduplicated one way.
 */
export type MobileRegion = 'CN' | 'HK' | 'TW';

export type NormalisedMobile = { ok: true; normalised: string; region: MobileRegion } | { ok: false };

export const COUNTRY_CODES: Record<MobileRegion, string> = { CN: '86', HK: '852', TW: '886' };

// Mainland: 11 digits, 1 then 3–9 (MIIT numbering plan). Hong Kong: 8 digits starting 5, 6 or 9 (OFCA plan).
// Taiwan: 9 then 8 digits after +886, written 09xxxxxxxx at home.
const NATIONAL: Record<MobileRegion, RegExp> = { CN: /^1[3-9]\d{9}$/, HK: /^[569]\d{7}$/, TW: /^9\d{8}$/ };

/**
 * Accepts what staff type or paste: spaces (\s covers the full-width one), dashes, dots and brackets are dropped,
 * full-width digits and plus sign are read as ASCII, `+` and `00` both introduce a country code.
 * - `+86` / `0086`, or 11 bare digits starting 13–19: mainland;
 * - `+852` / `00852`: Hong Kong — bare 8 digits only when `homeRegion` is HK, since in the mainland 8 digits are
 *   a landline and Macao mobiles (+853) are 8 digits too;
 * - `+886` / `00886` (with or without the trunk 0), or bare `09` + 8 digits: Taiwan.
 * Anything else (Macao, other countries, landlines) is `{ ok: false }`.
 */
export function normaliseMobile(text: string, homeRegion: MobileRegion = 'CN'): NormalisedMobile {
  const compact = text.replace(/[０-９＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s.()（）-]/g, '');
  let region: MobileRegion | null = null;
  let national = compact;
  const international = /^(?:\+|00)(\d+)$/.exec(compact);
  if (international) {
    const digits = international[1] ?? '';
    // Longest code first: 852 and 886 before 86 would not clash anyway, but the order makes that obvious.
    for (const r of ['HK', 'TW', 'CN'] as const) {
      if (digits.startsWith(COUNTRY_CODES[r])) {
        region = r;
        national = digits.slice(COUNTRY_CODES[r].length);
        break;
      }
    }
    if (region === 'TW' && national.startsWith('0')) national = national.slice(1);
  } else if (/^\d+$/.test(compact)) {
    if (NATIONAL.CN.test(compact)) region = 'CN';
    else if (/^09\d{8}$/.test(compact)) {
      region = 'TW';
      national = compact.slice(1);
    } else if (homeRegion === 'HK') region = 'HK';
  }
  if (region === null || !NATIONAL[region].test(national)) return { ok: false };
  return { ok: true, normalised: `+${COUNTRY_CODES[region]}${national}`, region };
}

/** The last `digits` digits, as staff search by them (尾号) and as the SMS to a client quotes them. */
export function mobileTail(normalised: string, digits = 4): string {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError(`a tail needs at least one digit: ${digits}`);
  return normalised.replace(/\D/g, '').slice(-digits);
}
