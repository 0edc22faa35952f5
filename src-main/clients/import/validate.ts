import { idDocumentTypeOf, idImportFailureKey, type IdDocumentType, validateIdDocument } from '../../../src-shared/domain/id-number';
import { maskIdNumber, maskMobile, type IdMaskPattern } from '../../../src-shared/domain/masking';
import { normaliseMobile } from '../../../src-shared/domain/mobile';
import { parseCalendarDate } from '../../../src-shared/domain/calendar-date';
import type { ClientMaster } from '../master';
import type { ColumnMapping, ImportField } from './columns';

export interface RowError {
  /** 1-based row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  field: ImportField;
  /** i18n key, e.g. `import.bad_id_checksum`. */
  key: string;
  /** The offending value, masked where it is an ID number or a mobile. */
  value: string;
}

/** A checked row: the master fields an import fills, with its row number for the report. */
export type ImportRow = Pick<
  ClientMaster,
  | 'clientNo'
  | 'name'
  | 'nameEn'
  | 'kind'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'mobile'
  | 'province'
  | 'address'
  | 'occupation'
  | 'industry'
  | 'employer'
  | 'incomeBand'
  | 'managerId'
> & { row: number; idType: IdDocumentType };

export interface ValidationContext {
  today: string;
  idMask: IdMaskPattern;
  /** Client numbers already in the archive. */
  clientNoTaken: (clientNo: string) => boolean;
  /** Staff id by login or display name. */
  managerByName: (text: string) => string | null;
}

/**
 * Checks every row; a row with any error is reported (all its errors) and not imported. Duplicate client numbers
 * are caught within the file as well as against the archive.
 */
export function validateRows(rows: string[][], mapping: ColumnMapping, ctx: ValidationContext): { good: ImportRow[]; errors: RowError[] } {
  const good: ImportRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const rowNo = i + 2;
    const rowErrors: RowError[] = [];
    const get = (f: ImportField) => {
      const index = mapping[f];
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const fail = (field: ImportField, key: string, value = get(field)) => rowErrors.push({ row: rowNo, field, key, value });

    const clientNo = get('clientNo');
    const name = get('name');
    if (!clientNo) fail('clientNo', 'import.missing_required');
    else if (!/^[0-9A-Za-z-]{4,32}$/.test(clientNo)) fail('clientNo', 'import.bad_client_no');
    else if (seen.has(clientNo) || ctx.clientNoTaken(clientNo)) fail('clientNo', 'import.duplicate_client_no');
    if (!name) fail('name', 'import.missing_required');

    const typeText = get('idType');
    const idType: IdDocumentType | undefined = typeText ? (idDocumentTypeOf(typeText) ?? undefined) : 'resident_id';
    let idNumber = '';
    let birthFromId: string | null = null;
    if (!idType) fail('idType', 'import.bad_id_type');
    else {
      const checked = validateIdDocument(idType, get('idNumber'), ctx.today);
      if (checked.ok) {
        idNumber = checked.normalised;
        if (idType === 'resident_id') birthFromId = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
      } else fail('idNumber', idImportFailureKey(checked.reason), maskIdNumber(get('idNumber'), ctx.idMask));
    }

    let mobile: string | null = null;
    if (get('mobile')) {
      const m = normaliseMobile(get('mobile'));
      if (!m.ok) fail('mobile', 'import.bad_mobile', maskMobile(get('mobile')));
      else mobile = m.region === 'CN' ? m.normalised.slice(3) : m.normalised;
    }

    const genderText = get('gender');
    const gender =
      genderText === '' ? null : /^(男|m|male)$/i.test(genderText) ? 'male' : /^(女|f|female)$/i.test(genderText) ? 'female' : undefined;
    if (gender === undefined) fail('gender', 'import.bad_gender');

    let birthDate = birthFromId;
    const birthText = get('birthDate').replace(/[/.]/g, '-');
    if (birthText) {
      if (!parseCalendarDate(birthText)) fail('birthDate', 'import.bad_date');
      else birthDate = birthText;
    }

    const kindText = get('kind');
    const kind =
      kindText === '' || /^(个人|individual)$/i.test(kindText)
        ? 'individual'
        : /^(对公|公司|企业|corporate)$/i.test(kindText)
          ? 'corporate'
          : undefined;
    if (kind === undefined) fail('kind', 'import.bad_kind');

    let managerId: string | null = null;
    if (get('manager')) {
      managerId = ctx.managerByName(get('manager'));
      if (!managerId) fail('manager', 'import.unknown_manager');
    }

    if (clientNo) seen.add(clientNo);
    if (rowErrors.length > 0 || !idType || gender === undefined || kind === undefined) {
      errors.push(...rowErrors);
      return;
    }
    const text = (f: ImportField) => get(f) || null;
    good.push({
      row: rowNo,
      clientNo,
      name,
      nameEn: text('nameEn'),
      kind,
      gender,
      birthDate,
      idType,
      idNumber,
      mobile,
      province: text('province'),
      address: text('address'),
      occupation: text('occupation'),
      industry: text('industry'),
      employer: text('employer'),
      incomeBand: text('incomeBand'),
      managerId,
    });
  });
  return { good, errors };
}
