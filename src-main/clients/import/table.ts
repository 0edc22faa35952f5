import ExcelJS from 'exceljs';
import { AppError } from '../../../src-shared/contract/errors';

/** A spreadsheet as rows of cell text; the first row is the header. */
export type Table = string[][];

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and embedded line breaks, CRLF or LF, a UTF-8 BOM stripped.
 * Excel in China often saves CSV as GB18030; a file that is not valid UTF-8 is decoded as GB18030.
 */
export function parseCsv(bytes: Buffer): Table {
  let text = decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: Table = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The first worksheet of an .xlsx workbook, every cell as the text Excel shows. */
export async function parseXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', 'errors.import.unreadable', 'the file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Table = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(r.getCell(c)));
    rows.push(cells);
  });
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // Dates typed into Excel arrive as Date objects: keep the calendar day as written.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text.trim();
}

export async function readTable(fileName: string, bytes: Buffer): Promise<Table> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return parseXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(bytes);
  throw new AppError('VALIDATION', 'errors.import.file_type', 'import reads .csv and .xlsx files', { params: { fileName } });
}
