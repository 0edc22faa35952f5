/** File types main can read (errors.import.file_type otherwise). */
export const ACCEPTED_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file's bytes as base64 (what `clients.import` takes), through FileReader: the same in Electron and a browser. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * A CSV file's header cells, read here only so staff can map columns when main cannot guess the required ones
 * (main then refuses the dry run with errors.import.unmapped and sends no headers). XLSX headers come from main.
 */
export async function csvHeaders(file: File): Promise<string[] | null> {
  if (!file.name.toLowerCase().endsWith('.csv')) return null;
  const text = await file.slice(0, 64 * 1024).text();
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (!firstLine.trim()) return null;
  return firstLine.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}
