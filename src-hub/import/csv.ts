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
 * are all blank are left out (Excel pads exports with them); line numbers still count them. A generator, so a file
 * of millions of rows is walked without holding every record at once.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const length = text.length;
  let i = 0;
  let line = 1;
  while (i < length) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted: up to the closing quote, a doubled quote standing for one.
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            value += text.slice(from);
            i = length;
            break;
          }
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        line += countLineFeeds(value);
        // Anything between the closing quote and the next separator is kept, as spreadsheets do.
        const end = fieldEnd(text, i);
        field = value + text.slice(i, end);
        i = end;
      } else {
        const end = fieldEnd(text, i);
        field = text.slice(i, end);
        i = end;
      }
      cells.push(field);
      const ch = text.charCodeAt(i);
      if (ch === COMMA) {
        i++;
        continue;
      }
      if (ch === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (i < length) i++;
      line++;
      break;
    }
    if (cells.some((c) => c.trim() !== '')) yield { line: recordLine, cells };
  }
}

export function parseCsv(text: string): CsvRecord[] {
  return [...csvRecords(text)];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Index of the comma or line end that ends an unquoted field starting at `from`. */
function fieldEnd(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === COMMA || ch === LF || ch === CR) break;
  }
  return i;
}

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
