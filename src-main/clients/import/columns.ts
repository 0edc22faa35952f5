/** The client master fields an import can fill, and the header names staff's spreadsheets use for them. */
export const IMPORT_FIELDS = {
  clientNo: { required: true, aliases: ['客户号', '客户编号', '客户代码', 'client_no', 'client no', 'clientno'] },
  name: { required: true, aliases: ['姓名', '客户姓名', '客户名称', '名称', 'name'] },
  idType: { required: false, aliases: ['证件类型', 'id_type', 'id type'] },
  idNumber: { required: true, aliases: ['证件号码', '证件号', '身份证号', '身份证号码', 'id_number', 'id number', 'id'] },
  mobile: { required: false, aliases: ['手机', '手机号', '手机号码', '联系电话', 'mobile', 'phone'] },
  gender: { required: false, aliases: ['性别', 'gender', 'sex'] },
  birthDate: { required: false, aliases: ['出生日期', '生日', 'birth_date', 'birthday', 'date of birth'] },
  kind: { required: false, aliases: ['客户类型', '类型', 'kind', 'client type'] },
  nameEn: { required: false, aliases: ['英文名', '拼音名', 'english name', 'name_en'] },
  province: { required: false, aliases: ['省份', '省', 'province'] },
  address: { required: false, aliases: ['地址', '联系地址', '住址', 'address'] },
  occupation: { required: false, aliases: ['职业', 'occupation'] },
  industry: { required: false, aliases: ['行业', 'industry'] },
  employer: { required: false, aliases: ['工作单位', '单位', 'employer'] },
  incomeBand: { required: false, aliases: ['收入', '年收入', '收入区间', 'income', 'income_band'] },
  manager: { required: false, aliases: ['客户经理', '客户经理工号', '管户经理', 'manager', 'relationship manager'] },
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export type ColumnMapping = Partial<Record<ImportField, number>>;

const normalise = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');

/** Matches each field to the first header that is one of its names (the preview lets staff correct it). */
export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const [field, spec] of Object.entries(IMPORT_FIELDS) as [ImportField, (typeof IMPORT_FIELDS)[ImportField]][]) {
    const index = headers.findIndex((h, i) => !taken.has(i) && (spec.aliases as readonly string[]).includes(normalise(h)));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return (Object.keys(IMPORT_FIELDS) as ImportField[]).filter((f) => IMPORT_FIELDS[f].required && mapping[f] === undefined);
}
