import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

/** One table of a file: a sheet in a workbook, a block of lines in a CSV. */
export interface Sheet {
  name: string;
  header: string[];
  rows: (string | number)[][];
}

function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A leading = + - @ would run as a formula when the file opens in Excel: quote it as text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Tables as a file staff open in Excel: CSV in UTF-8 with a BOM (so Excel reads the Chinese), tables one after the
 * other with a blank line between, or XLSX with a sheet each. Text cells stay text (a client or case number must not
 * turn into a number in scientific notation); numbers stay numbers.
 */
export async function tableFile(format: TableFormat, sheets: Sheet[]): Promise<Buffer> {
  if (format === 'csv') {
    const text = sheets.map((s) => [s.header, ...s.rows].map((r) => r.map(csvField).join(',')).join('\r\n')).join('\r\n\r\n');
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  }
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name);
    sheet.addRow(s.header).font = { bold: true };
    for (const r of s.rows) {
      sheet.addRow(r).eachCell((cell) => {
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
