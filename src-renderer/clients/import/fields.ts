import type { TranslationKey } from '../../i18n/dictionary';

import { IMPORT_FIELDS, isImportField, REQUIRED_IMPORT_FIELDS, type ImportField } from '../../../src-shared/contract/clients';

export { IMPORT_FIELDS, isImportField, type ImportField };

export const REQUIRED_FIELDS: ReadonlySet<string> = new Set<ImportField>(REQUIRED_IMPORT_FIELDS);

export const FIELD_LABELS: Record<ImportField, TranslationKey> = {
  clientNo: 'import.field.clientNo',
  name: 'import.field.name',
  idType: 'import.field.idType',
  idNumber: 'import.field.idNumber',
  mobile: 'import.field.mobile',
  gender: 'import.field.gender',
  birthDate: 'import.field.birthDate',
  kind: 'import.field.kind',
  nameEn: 'import.field.nameEn',
  province: 'import.field.province',
  address: 'import.field.address',
  occupation: 'import.field.occupation',
  industry: 'import.field.industry',
  employer: 'import.field.employer',
  incomeBand: 'import.field.incomeBand',
  manager: 'import.field.manager',
};
