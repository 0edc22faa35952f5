/** What head office can send down from a CSV file (DOMAIN.md §8), one kind per file. */
export const IMPORT_KINDS = ['clients', 'balances', 'transactions', 'deposits', 'holdings', 'staff', 'calendar'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(text: string): text is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(text);
}

const CLIENT_NO = ['客户号', '客户编号', '客户代码', '客户编码', '客户号码', 'client_no', 'client no', 'customer_no', 'cif', 'cif_no'];

/**
 * The header names of head office's exports for each field, Chinese and English. A header is compared without
 * case, spaces, underscores or hyphens, and without a unit in brackets: `余额(元)`, `Client No` and `client_no`
 * all match. The first column that matches a field is used; the others are reported as ignored.
 */
export const HEADER_ALIASES = {
  clients: {
    client_no: CLIENT_NO,
    name: ['姓名', '客户姓名', '客户名称', '名称', '户名', 'name'],
    kind: ['客户类型', '客户类别', '类型', 'kind', 'client_type', 'customer_type'],
    name_en: ['英文名', '英文姓名', '拼音名', 'english_name', 'name_en'],
    gender: ['性别', 'gender', 'sex'],
    birth_date: ['出生日期', '生日', 'birth_date', 'birthday', 'date_of_birth', 'dob'],
    id_type: ['证件类型', '证件种类', 'id_type'],
    id_number: ['证件号码', '证件号', '身份证号', '身份证号码', 'id_number', 'id_no', 'id'],
    id_expiry: ['证件到期日', '证件到期日期', '证件有效期', '证件有效期至', 'id_expiry'],
    mobile: ['手机', '手机号', '手机号码', '移动电话', '联系电话', 'mobile', 'phone', 'mobile_phone'],
    province: ['省份', '省', '所在省份', 'province'],
    industry: ['行业', '所属行业', 'industry'],
    income_band: ['收入', '年收入', '收入区间', '收入水平', 'income', 'income_band'],
    manager: ['客户经理', '客户经理工号', '管户经理', '管户人', 'manager', 'manager_login', 'relationship_manager'],
    first_business_date: ['首次业务日期', '首次交易日期', '开户日期', '建档日期', 'first_business_date', 'open_date', 'opened_on'],
  },
  balances: {
    client_no: CLIENT_NO,
    month: ['月份', '年月', '统计月份', '数据月份', 'month'],
    avg_daily: [
      '月日均',
      '月日均余额',
      '月日均资产',
      '日均余额',
      '月均余额',
      '日均资产',
      'avg_daily',
      'avg_daily_balance',
      'average_daily_balance',
    ],
    date: ['日期', '余额日期', '数据日期', '统计日期', '资产日期', 'date', 'as_of', 'balance_date'],
    balance: ['余额', '资产余额', '金融资产', '金融资产余额', '最新余额', '当日余额', 'balance', 'assets', 'latest_assets'],
  },
  transactions: {
    client_no: CLIENT_NO,
    at: ['交易时间', '交易日期', '发生时间', '日期', '时间', 'at', 'time', 'date', 'datetime', 'transaction_time'],
    amount: ['金额', '交易金额', '发生额', 'amount'],
    direction: ['方向', '收付方向', '借贷方向', '交易方向', '收支', 'direction', 'dr_cr'],
    channel: ['渠道', '交易渠道', 'channel'],
    counterparty: ['对方户名', '交易对手', '对手方', '对方账户', '对方', 'counterparty'],
    description: ['摘要', '用途', '备注', '说明', 'description', 'memo', 'remark'],
    ref: ['流水号', '交易流水号', '交易编号', 'ref', 'reference', 'transaction_id', 'txn_id'],
  },
  deposits: {
    client_no: CLIENT_NO,
    amount: ['金额', '存款金额', '本金', 'amount', 'principal'],
    rate: ['利率', '年利率', '执行利率', 'rate', 'interest_rate'],
    start_date: ['起息日', '起存日', '存入日期', 'start_date', 'value_date'],
    maturity_date: ['到期日', '到期日期', 'maturity_date', 'maturity'],
    ref: ['存单号', '存款账号', '账号', '凭证号', 'ref', 'deposit_no', 'account_no'],
  },
  holdings: {
    client_no: CLIENT_NO,
    product_code: ['产品代码', '产品编号', 'product_code'],
    product_name: ['产品名称', 'product_name'],
    product_risk: ['产品风险等级', '风险等级', '产品风险', 'product_risk', 'risk_level'],
    purchase_date: ['购买日期', '申购日期', '认购日期', '交易日期', 'purchase_date'],
    amount: ['购买金额', '持仓金额', '金额', '本金', 'amount'],
    price: ['购买价格', '购买净值', '买入价', '成本价', 'price', 'purchase_price'],
    current_price: ['当前价格', '当前净值', '最新净值', '现价', 'current_price', 'nav'],
    expected_return: ['预期收益率', '预期年化收益率', '业绩比较基准', 'expected_return'],
    take_profit: ['止盈', '止盈价', '止盈线', 'take_profit'],
    stop_loss: ['止损', '止损价', '止损线', 'stop_loss'],
    ref: ['持仓编号', '份额编号', '交易流水号', '流水号', 'ref', 'holding_id'],
  },
  staff: {
    login: ['登录名', '工号', '用户名', '账号', 'login', 'username', 'staff_no'],
    display_name: ['姓名', '显示名', '名称', 'display_name', 'name'],
    roles: ['角色', '岗位', 'roles', 'role'],
    disabled: ['停用', '是否停用', '禁用', 'disabled'],
    password: ['初始密码', '密码', 'initial_password', 'password'],
  },
  calendar: {
    day: ['日期', '公历日期', 'day', 'date'],
    kind: ['类型', '安排', '放假或上班', '状态', 'kind', 'type'],
    name: ['节日', '节日名称', '名称', '说明', 'name', 'holiday'],
  },
} as const satisfies Record<ImportKind, Record<string, readonly string[]>>;

export type ImportField<K extends ImportKind = ImportKind> = keyof (typeof HEADER_ALIASES)[K] & string;

export function normaliseHeader(header: string): string {
  return header
    .trim()
    .replace(/[(（][^)）]*[)）]$/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface HeaderMapping {
  /** Field → column index. */
  columns: Map<string, number>;
  /** Headers no field took, as written. */
  ignored: string[];
}

export function mapHeader(kind: ImportKind, headers: readonly string[]): HeaderMapping {
  const aliases: Record<string, readonly string[]> = HEADER_ALIASES[kind];
  const columns = new Map<string, number>();
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const name = normaliseHeader(header);
    const field = Object.keys(aliases).find((f) => !columns.has(f) && (aliases[f] ?? []).some((a) => normaliseHeader(a) === name));
    if (field) columns.set(field, index);
    else if (header.trim() !== '') ignored.push(header.trim());
  });
  return { columns, ignored };
}
