import { formatCalendarDate, parseCalendarDate, requireCalendarDate } from './calendar-date';

/**
 * Identity documents of the client archive (DOMAIN.md §1). Only format is checked here; whether a document is
 * genuine is the counter's job with the physical card (and the public-security online check, 联网核查).
 */
export const ID_DOCUMENT_TYPES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_residence',
  'other',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export type MainlandIdFailure = 'length' | 'format' | 'checksum' | 'birth_date' | 'region';

export type MainlandIdResult =
  | {
      ok: true;
      /** The number as it should be stored: upper-case check character. */
      id: string;
      birthDate: string;
      gender: 'male' | 'female';
      /** Six-digit administrative division code (行政区划代码) of the issuing place. */
      regionCode: string;
    }
  | { ok: false; reason: MainlandIdFailure };

// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits: the province-level divisions of GB/T 2260 (11–15 north, 21–23 north-east, 31–37 east,
 * 41–46 centre-south, 50–54 south-west, 61–65 north-west), 71 Taiwan, 81 Hong Kong, 82 Macao, and 91 as the
 * brief lists it. 83, used by the Taiwan residents' residence permit (台湾居民居住证, 830000), is a different
 * document and deliberately not accepted as a resident ID.
 */
const PROVINCE_RANGES: readonly (readonly [number, number])[] = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 82],
  [91, 91],
];

export function isProvinceCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return PROVINCE_RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

/** The check character for the first 17 digits. */
export function mainlandIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('a check character needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? 'X';
}

/**
 * Validates an 18-character resident ID (居民身份证, GB 11643-1999); `today` (`YYYY-MM-DD`) bounds the birth date.
 * Surrounding spaces are ignored and a lower-case x is accepted and returned as X. The 15-digit first-generation
 * card stopped being valid on 1 January 2013 and fails on length. Failures are reported structure first — length,
 * format, region, birth date — and the checksum last, so a checksum failure means "well-formed but mistyped".
 */
export function validateMainlandId(id: string, today: string): MainlandIdResult {
  requireCalendarDate(today, 'today');
  const text = id.trim().toUpperCase();
  if (text.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, reason: 'format' };
  if (!isProvinceCode(text.slice(0, 2))) return { ok: false, reason: 'region' };

  const birth = parseCalendarDate(`${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`);
  if (!birth) return { ok: false, reason: 'birth_date' };
  const birthDate = formatCalendarDate(birth);
  if (birthDate > today) return { ok: false, reason: 'birth_date' };

  if (mainlandIdCheckChar(text.slice(0, 17)) !== text[17]) return { ok: false, reason: 'checksum' };
  // 17th digit: sequence code, odd for men and even for women.
  return { ok: true, id: text, birthDate, gender: Number(text[16]) % 2 === 1 ? 'male' : 'female', regionCode: text.slice(0, 6) };
}

/**
 * Builds a valid resident ID from its parts (the demo seeder uses it): region `110105`, birth `1990-03-07`,
 * sequence `123` (odd last digit for a man, even for a woman). Throws on parts that would not validate.
 */
export function makeMainlandId(regionCode6: string, birthDate: string, seq3: string): string {
  if (!/^\d{6}$/.test(regionCode6) || !isProvinceCode(regionCode6.slice(0, 2))) throw new RangeError(`not a region code: ${regionCode6}`);
  if (!parseCalendarDate(birthDate)) throw new RangeError(`not a calendar date: ${birthDate}`);
  if (!/^\d{3}$/.test(seq3)) throw new RangeError(`not a three-digit sequence: ${seq3}`);
  const first17 = `${regionCode6}${birthDate.replace(/-/g, '')}${seq3}`;
  return first17 + mainlandIdCheckChar(first17);
}

export type IdDocumentResult = { ok: true; normalised: string } | { ok: false; reason: MainlandIdFailure | 'empty' };

const FORMATS: Record<Exclude<IdDocumentType, 'resident_id'>, RegExp> = {
  // 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) + 8 digits, older cards + 2 more (issue count).
  hk_macao_permit: /^[HM](\d{8}|\d{10})$/,
  // 台湾居民来往大陆通行证 (台胞证), card since 2015: 8 digits.
  taiwan_permit: /^\d{8}$/,
  // Passports of any country: ICAO 9303 allows up to 9 characters in the machine-readable zone, but some
  // countries print longer numbers; 5–17 letters and digits covers them without admitting free text.
  passport: /^[A-Z0-9]{5,17}$/,
  // 外国人永久居留身份证: the 2017 card, 3 letters (nationality) + 12 digits; the 2023 card, 18 characters
  // starting with 9 in the resident-ID layout.
  foreign_permanent_residence: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
  // Anything else the counter accepts (e.g. military or police officer cards): printable, no line breaks.
  other: /^[^\s\p{Cc}](?:[^\p{Cc}]{0,38}[^\s\p{Cc}])?$/u,
};

/**
 * Format check for any document type, with the number normalised for storage: trimmed, upper-case, and (except
 * for "other") inner spaces removed, since staff copy numbers as printed in groups.
 */
export function validateIdDocument(type: IdDocumentType, number: string, today: string): IdDocumentResult {
  if (type === 'resident_id') {
    const r = validateMainlandId(number, today);
    return r.ok ? { ok: true, normalised: r.id } : r;
  }
  const trimmed = number.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const normalised = type === 'other' ? trimmed : trimmed.replace(/\s+/g, '').toUpperCase();
  return FORMATS[type].test(normalised) ? { ok: true, normalised } : { ok: false, reason: 'format' };
}

/** A document type as written in a spreadsheet (Chinese name or stored code) → its stored code, or null. */
export function idDocumentTypeOf(text: string): IdDocumentType | null {
  const trimmed = text.trim();
  return ID_TYPE_NAMES[trimmed] ?? ID_DOCUMENT_TYPES.find((t) => t === trimmed.toLowerCase()) ?? null;
}

/** Why an ID number failed its check → the message key an import's error report shows. */
export function idImportFailureKey(reason: string): string {
  return ID_FAILURE_KEYS[reason] ?? 'import.bad_id_format';
}

/** Document names as head office and branches write them in their files. */
const ID_TYPE_NAMES: Record<string, IdDocumentType> = {
  居民身份证: 'resident_id',
  身份证: 'resident_id',
  港澳居民来往内地通行证: 'hk_macao_permit',
  回乡证: 'hk_macao_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  台胞证: 'taiwan_permit',
  护照: 'passport',
  外国人永久居留身份证: 'foreign_permanent_residence',
  其他: 'other',
};

const ID_FAILURE_KEYS: Record<string, string> = {
  checksum: 'import.bad_id_checksum',
  birth_date: 'import.bad_id_birth_date',
  region: 'import.bad_id_region',
  length: 'import.bad_id_format',
  format: 'import.bad_id_format',
  empty: 'import.missing_required',
};
