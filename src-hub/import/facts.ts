import { type ChangeDraft, clientOf, type ImportContext, type KindImporter, missingOf, type RowReader, rowIdOf } from './row';
import { parseDate, parseDateTime, parseDecimal, parseDirection, parseYuan } from './values';

/**
 * Head office's facts about a client's money (DOMAIN.md §1, §3): large transactions, term deposits and holdings.
 * Each row needs a client the hub knows for the branch. With a record number column (`ref`: 流水号, 存单号, 持仓编号)
 * a resent row keeps its id and replaces the earlier one on the workstation; without it every row is a new record.
 */
abstract class FactsImport implements KindImporter {
  protected readonly drafts: ChangeDraft[] = [];
  private readonly refs = new Set<string>();

  constructor(protected readonly ctx: ImportContext) {}

  protected abstract readonly required: readonly string[];
  protected abstract readonly table: ChangeDraft['table'];
  /** The row's values besides client_id, or null (after recording why). */
  protected abstract values(r: RowReader): ChangeDraft['values'] | null;

  missingColumns(has: (field: string) => boolean): string[] {
    return missingOf(has, ['client_no', ...this.required]);
  }

  row(r: RowReader): void {
    const clientId = clientOf(r, this.ctx);
    const values = this.values(r);
    const rowId = rowIdOf(r, this.ctx, this.table, this.refs);
    if (!r.ok || !clientId || !values || !rowId) return;
    if (r.text('ref') !== '') this.refs.add(r.text('ref'));
    this.drafts.push({ table: this.table, rowId, values: { client_id: clientId, ...values, created_at: this.ctx.nowIso } });
  }

  finish(): Promise<ChangeDraft[]> {
    return Promise.resolve(this.drafts);
  }
}

/** An amount in yuan that must be above zero. */
function positiveFen(r: RowReader, field: string): number | null {
  const fen = r.parsed(field, parseYuan, 'import.bad_amount');
  if (fen !== null && fen <= 0) {
    r.fail(field, 'import.bad_amount');
    return null;
  }
  return fen;
}

/** Large transactions (大额交易), the feed behind the large-outflow reminder (DOMAIN.md §3). */
export class TransactionsImport extends FactsImport {
  protected readonly required = ['at', 'amount', 'direction'];
  protected readonly table = 'large_transactions';

  protected values(r: RowReader): ChangeDraft['values'] | null {
    const at = r.parsed('at', parseDateTime, 'import.bad_date');
    const amount = positiveFen(r, 'amount');
    const direction = r.parsed('direction', parseDirection, 'import.bad_direction');
    const channel = r.optionalText('channel', 40);
    const counterparty = r.optionalText('counterparty', 200);
    const description = r.optionalText('description', 500);
    if (at === null || amount === null || direction === null) return null;
    return { at, amount_fen: amount, direction, channel, counterparty, description };
  }
}

/** Term deposits (定期存款), whose maturity the workstation reminds of (DOMAIN.md §3). */
export class DepositsImport extends FactsImport {
  protected readonly required = ['amount', 'rate', 'start_date', 'maturity_date'];
  protected readonly table = 'term_deposits';

  protected values(r: RowReader): ChangeDraft['values'] | null {
    const amount = positiveFen(r, 'amount');
    const rate = r.parsed('rate', parseDecimal, 'import.bad_rate');
    if (rate !== null && rate.startsWith('-')) r.fail('rate', 'import.bad_rate');
    const start = r.parsed('start_date', parseDate, 'import.bad_date');
    const maturity = r.parsed('maturity_date', parseDate, 'import.bad_date');
    if (start !== null && maturity !== null && maturity <= start) r.fail('maturity_date', 'import.maturity_before_start');
    if (amount === null || rate === null || start === null || maturity === null) return null;
    return { amount_fen: amount, rate, start_date: start, maturity_date: maturity };
  }
}

/** Product risk levels (产品风险等级 R1–R5, also written PR1–PR5 or by name). */
const RISK_NAMES: Record<string, string> = {
  低风险: 'R1',
  谨慎型: 'R1',
  中低风险: 'R2',
  稳健型: 'R2',
  中风险: 'R3',
  平衡型: 'R3',
  中高风险: 'R4',
  进取型: 'R4',
  高风险: 'R5',
  激进型: 'R5',
};

function parseRisk(text: string): string | null {
  const m = /^P?R([1-5])$/i.exec(text);
  if (m) return `R${m[1]}`;
  return RISK_NAMES[text] ?? null;
}

const PRICE_FIELDS = ['price', 'current_price', 'expected_return', 'take_profit', 'stop_loss'] as const;

/** Holdings (持仓): the sales records of DOMAIN.md §1, with the client's take-profit and stop-loss bounds. */
export class HoldingsImport extends FactsImport {
  protected readonly required = ['product_code', 'product_name', 'product_risk', 'purchase_date', 'amount'];
  protected readonly table = 'holdings';

  protected values(r: RowReader): ChangeDraft['values'] | null {
    const code = r.requiredText('product_code', 40);
    const name = r.requiredText('product_name', 200);
    const risk = r.parsed('product_risk', parseRisk, 'import.bad_risk');
    const purchased = r.parsed('purchase_date', parseDate, 'import.bad_date');
    if (purchased !== null && purchased > this.ctx.today) r.fail('purchase_date', 'import.bad_date');
    const amount = positiveFen(r, 'amount');
    const decimals: ChangeDraft['values'] = {};
    for (const field of PRICE_FIELDS) decimals[field] = r.optionalParsed(field, parseDecimal, 'import.bad_decimal');
    if (code === null || name === null || risk === null || purchased === null || amount === null) return null;
    return { product_code: code, product_name: name, product_risk: risk, purchase_date: purchased, amount_fen: amount, ...decimals };
  }
}
