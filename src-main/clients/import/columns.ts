import { IMPORT_FIELDS, type ImportField, isImportField, REQUIRED_IMPORT_FIELDS } from '../../../src-shared/contract/clients';

export { isImportField, type ImportField };
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** The header names staff's spreadsheets use for each field (the field list itself is the contract's). */
const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  clientNo: ['客户号', '客户编号', '客户代码', 'client_no', 'client no', 'clientno'],
  name: ['姓名', '客户姓名', '客户名称', '名称', 'name'],
  idType: ['证件类型', 'id_type', 'id type'],
  idNumber: ['证件号码', '证件号', '身份证号', '身份证号码', 'id_number', 'id number', 'id'],
  mobile: ['手机', '手机号', '手机号码', '联系电话', 'mobile', 'phone'],
  gender: ['性别', 'gender', 'sex'],
  birthDate: ['出生日期', '生日', 'birth_date', 'birthday', 'date of birth'],
  kind: ['客户类型', '类型', 'kind', 'client type'],
  nameEn: ['英文名', '拼音名', 'english name', 'name_en'],
  province: ['省份', '省', 'province'],
  address: ['地址', '联系地址', '住址', 'address'],
  occupation: ['职业', 'occupation'],
  industry: ['行业', 'industry'],
  employer: ['工作单位', '单位', 'employer'],
  incomeBand: ['收入', '年收入', '收入区间', 'income', 'income_band'],
  manager: ['客户经理', '客户经理工号', '管户经理', 'manager', 'relationship manager'],
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');

/** Matches each field to the first header that is one of its names (the preview lets staff correct it). */
export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h, i) => !taken.has(i) && HEADER_ALIASES[field].includes(normalise(h)));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);
}
