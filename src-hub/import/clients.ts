import { idDocumentTypeOf, idImportFailureKey, type IdDocumentType, validateIdDocument } from '../../src-shared/domain/id-number';
import { maskIdNumber, maskMobile } from '../../src-shared/domain/masking';
import { normaliseMobile } from '../../src-shared/domain/mobile';
import { CLIENT_NO_PATTERN, type ChangeDraft, type ImportContext, type KindImporter, missingOf, type RowReader } from './row';
import { parseDate } from './values';

/** Fields a new client cannot do without (the workstation parks a client row lacking them). */
const NEW_CLIENT_REQUIRED = ['name', 'id_number'] as const;

function idTypeOf(text: string): IdDocumentType | null {
  if (text === '') return 'resident_id';
  return idDocumentTypeOf(text);
}

function genderOf(text: string): 'male' | 'female' | null {
  return /^(男|m|male)$/i.test(text) ? 'male' : /^(女|f|female)$/i.test(text) ? 'female' : null;
}

function kindOf(text: string): 'individual' | 'corporate' | null {
  return /^(个人|对私|individual|personal)$/i.test(text) ? 'individual' : /^(对公|公司|企业|corporate)$/i.test(text) ? 'corporate' : null;
}

/** Mobiles stored as the workstation stores them: mainland numbers as 11 digits, Hong Kong and Taiwan in E.164. */
function mobileOf(text: string): string | null {
  const m = normaliseMobile(text);
  if (!m.ok) return null;
  return m.region === 'CN' ? m.normalised.slice(3) : m.normalised;
}

/** 长期 (long-term, the resident ID of a person over 45) has no expiry date to remind of. */
const NO_EXPIRY = /^(长期|long[- ]?term|永久)$/i;

/**
 * Client master data (CLIENT_MASTER_COLUMNS): only the columns the file has are sent, so a file of client numbers
 * and mobiles updates just the mobiles. A client number the hub knows keeps its row id; a new client needs a name
 * and an ID number. Empty optional cells clear the field. Birth date and gender come from a resident ID when the
 * file leaves them empty.
 */
export class ClientsImport implements KindImporter {
  private readonly seen = new Set<string>();
  private readonly drafts: ChangeDraft[] = [];

  constructor(private readonly ctx: ImportContext) {}

  missingColumns(has: (field: string) => boolean): string[] {
    const missing = missingOf(has, ['client_no']);
    if (has('id_type') && !has('id_number')) missing.push('id_number');
    return missing;
  }

  row(r: RowReader): void {
    const clientNo = r.required('client_no');
    if (clientNo !== null) {
      if (!CLIENT_NO_PATTERN.test(clientNo)) r.fail('client_no', 'import.bad_client_no');
      else if (this.seen.has(clientNo)) r.fail('client_no', 'import.duplicate_client_no');
    }
    const knownId = clientNo === null ? undefined : this.ctx.clientIds.get(clientNo);
    const values: ChangeDraft['values'] = { client_no: clientNo };
    if (!knownId) for (const field of NEW_CLIENT_REQUIRED) if (!r.has(field)) r.fail(field, 'import.missing_required');

    if (r.has('name')) values.name = r.requiredText('name');
    if (r.has('name_en')) values.name_en = r.optionalText('name_en');

    const kindText = r.text('kind');
    if (kindText !== '') {
      values.kind = kindOf(kindText);
      if (values.kind === null) r.fail('kind', 'import.bad_kind');
    } else if (!knownId) values.kind = 'individual';

    let fromId: { birthDate: string; gender: 'male' | 'female' } | null = null;
    if (r.has('id_number')) {
      const idType = idTypeOf(r.text('id_type'));
      const number = r.text('id_number');
      if (idType === null) r.fail('id_type', 'import.bad_id_type');
      else if (number === '') {
        if (!knownId) r.fail('id_number', 'import.missing_required');
      } else {
        const checked = validateIdDocument(idType, number, this.ctx.today);
        if (!checked.ok) r.fail('id_number', idImportFailureKey(checked.reason), maskIdNumber(number));
        else {
          values.id_type = idType;
          values.id_number = checked.normalised;
          if (idType === 'resident_id') {
            const n = checked.normalised;
            fromId = {
              birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
              gender: Number(n[16]) % 2 === 1 ? 'male' : 'female',
            };
          }
        }
      }
    }

    const genderText = r.text('gender');
    if (genderText !== '') {
      values.gender = genderOf(genderText);
      if (values.gender === null) r.fail('gender', 'import.bad_gender');
    } else if (fromId && values.kind !== 'corporate') values.gender = fromId.gender;
    else if (r.has('gender')) values.gender = null;

    const birthText = r.text('birth_date');
    if (birthText !== '') {
      values.birth_date = parseDate(birthText);
      if (values.birth_date === null) r.fail('birth_date', 'import.bad_date');
      else if (values.birth_date > this.ctx.today) r.fail('birth_date', 'import.bad_date');
    } else if (fromId && values.kind !== 'corporate') values.birth_date = fromId.birthDate;
    else if (r.has('birth_date')) values.birth_date = null;

    if (r.has('id_expiry')) {
      const text = r.text('id_expiry');
      values.id_expiry = text === '' || NO_EXPIRY.test(text) ? null : parseDate(text);
      if (text !== '' && !NO_EXPIRY.test(text) && values.id_expiry === null) r.fail('id_expiry', 'import.bad_date');
    }

    if (r.has('mobile')) {
      const text = r.text('mobile');
      values.mobile = text === '' ? null : mobileOf(text);
      if (text !== '' && values.mobile === null) r.fail('mobile', 'import.bad_mobile', maskMobile(text));
    }

    for (const field of ['province', 'industry', 'income_band'] as const) if (r.has(field)) values[field] = r.optionalText(field, 100);

    if (r.has('manager')) {
      const login = r.text('manager');
      values.manager_id = login === '' ? null : (this.ctx.staffByLogin.get(login) ?? null);
      if (login !== '' && values.manager_id === null) r.fail('manager', 'import.unknown_manager');
    }

    if (r.has('first_business_date')) values.first_business_date = r.optionalParsed('first_business_date', parseDate, 'import.bad_date');

    if (clientNo !== null) this.seen.add(clientNo);
    if (!r.ok || clientNo === null) return;
    if (!knownId) values.created_at = this.ctx.nowIso;
    this.drafts.push({ table: 'clients', rowId: knownId ?? this.ctx.newId(), values });
  }

  finish(): Promise<ChangeDraft[]> {
    return Promise.resolve(this.drafts);
  }
}
