import type { TranslationKey } from '../../i18n/dictionary';

/**
 * The client master fields an import can fill, in the order the mapping table shows them. Mirrors main's
 * `IMPORT_FIELDS` (src-main/clients/import/columns.ts), which the shared contract does not yet export.
 */
export const IMPORT_FIELDS = [
  'clientNo',
  'name',
  'idType',
  'idNumber',
  'mobile',
  'gender',
  'birthDate',
  'kind',
  'nameEn',
  'province',
  'address',
  'occupation',
  'industry',
  'employer',
  'incomeBand',
  'manager',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_FIELDS: ReadonlySet<string> = new Set<ImportField>(['clientNo', 'name', 'idNumber']);

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

export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}
