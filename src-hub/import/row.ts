import type { SyncedTableName } from '../../src-shared/sync/tables';

export interface RowError {
  /** The file line the record starts on (the header is line 1). */
  line: number;
  field: string;
  /** Message key, e.g. `import.bad_id_checksum`. */
  key: string;
  /** The offending cell as the report may show it: ID numbers and mobiles masked, passwords never. */
  value: string;
}

/** A change before it is stamped: the import stamps and numbers them all at the end. */
export interface ChangeDraft {
  table: SyncedTableName;
  rowId: string;
  values: Record<string, string | number | null>;
}

/** What a row's checks may look up: ids the hub already knows, new ids, today. */
export interface ImportContext {
  branchId: string;
  /** `YYYY-MM-DD` at the branch: the latest possible birth date. */
  today: string;
  nowIso: string;
  /** Client number → the row id the branch knows the client by. */
  clientIds: ReadonlyMap<string, string>;
  /** Staff login → row id, for accounts head office has sent this branch. */
  staffByLogin: ReadonlyMap<string, string>;
  /** A new row id (UUIDv7). */
  newId(): string;
  /** The row id of a head-office record number, the same on every import, so a resent record replaces itself. */
  refId(table: SyncedTableName, ref: string): string;
}

const SHOWN_CHARS = 40;

/** One data record of the file, read by field name; errors are collected and the row is good when there are none. */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
  ) {}

  /** The file has this column. */
  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** The cell, trimmed; '' when empty or when the file has no such column. */
  text(field: string): string {
    const index = this.columns.get(field);
    return index === undefined ? '' : (this.cells[index] ?? '').trim();
  }

  /** The cell as written, spaces kept (a password). */
  rawText(field: string): string {
    const index = this.columns.get(field);
    return index === undefined ? '' : (this.cells[index] ?? '');
  }

  /** Records an error; `shown` replaces the cell in the report (masked, or '' for a secret). */
  fail(field: string, key: string, shown?: string): void {
    const value = shown ?? this.text(field);
    this.errors.push({ line: this.line, field, key, value: value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** The cell, or null after recording `import.missing_required` when it is empty. */
  required(field: string): string | null {
    const text = this.text(field);
    if (text === '') {
      this.fail(field, 'import.missing_required');
      return null;
    }
    return text;
  }

  /** Free text: null when empty, an error when longer than `max` characters. */
  optionalText(field: string, max = 200): string | null {
    const text = this.text(field);
    if (text === '') return null;
    if ([...text].length > max) {
      this.fail(field, 'import.too_long');
      return null;
    }
    return text;
  }

  /** Required free text of at most `max` characters. */
  requiredText(field: string, max = 200): string | null {
    const text = this.required(field);
    if (text !== null && [...text].length > max) {
      this.fail(field, 'import.too_long');
      return null;
    }
    return text;
  }

  /** A required value read by `parse`; `key` is recorded when the text is not one. */
  parsed<T>(field: string, parse: (text: string) => T | null, key: string): T | null {
    const text = this.required(field);
    if (text === null) return null;
    const value = parse(text);
    if (value === null) this.fail(field, key);
    return value;
  }

  /** An optional value read by `parse`: null when the cell is empty. */
  optionalParsed<T>(field: string, parse: (text: string) => T | null, key: string): T | null {
    const text = this.text(field);
    if (text === '') return null;
    const value = parse(text);
    if (value === null) this.fail(field, key);
    return value;
  }
}

/** Every kind of import: checks a row (recording what it makes when the row is good), then yields the changes. */
export interface KindImporter {
  /** Header fields this kind needs and the file lacks. */
  missingColumns(has: (field: string) => boolean): string[];
  row(reader: RowReader): void;
  finish(): Promise<ChangeDraft[]>;
}

/** A head-office client number: letters, digits and hyphens, as the workstation accepts them. */
export const CLIENT_NO_PATTERN = /^[0-9A-Za-z-]{4,32}$/;

/** The client a fact belongs to: known to the hub for this branch, or `import.unknown_client`. */
export function clientOf(reader: RowReader, ctx: ImportContext): string | null {
  const clientNo = reader.required('client_no');
  if (clientNo === null) return null;
  const id = ctx.clientIds.get(clientNo);
  if (!id) reader.fail('client_no', CLIENT_NO_PATTERN.test(clientNo) ? 'import.unknown_client' : 'import.bad_client_no');
  return id ?? null;
}

/** A record number (流水号, 存单号): when the file gives one, the row keeps one id however often it is resent. */
export function rowIdOf(reader: RowReader, ctx: ImportContext, table: SyncedTableName, seen: Set<string>): string | null {
  const ref = reader.text('ref');
  if (ref === '') return ctx.newId();
  if ([...ref].length > 64) {
    reader.fail('ref', 'import.too_long');
    return null;
  }
  if (seen.has(ref)) {
    reader.fail('ref', 'import.duplicate_ref');
    return null;
  }
  return ctx.refId(table, ref);
}

/** Missing header fields: every one of `fields` the file lacks. */
export function missingOf(has: (field: string) => boolean, fields: readonly string[]): string[] {
  return fields.filter((f) => !has(f));
}
