/** One CSV record with the file line it starts on (a quoted field may span lines), for the error report. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Head office's exports are UTF-8 (with or without a BOM) or, when saved by Excel on a Chinese Windows, GB18030:
 * a file that is not valid UTF-8 is read as GB18030 (a superset of GBK and GB2312).
 * The workstation's own reader (src-main/clients/import/table.ts) makes the same choice; src-hub may not import it.
 */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * RFC 4180: quoted fields with doubled quotes and embedded line breaks, CRLF or LF line ends. Records whose cells
 * are all blank are left out (Excel pads exports with them); line numbers still count them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
