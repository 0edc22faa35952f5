/** The MIME type of a table file main made (an export, a register, a report). */
export const TABLE_MIME: Record<'csv' | 'xlsx', string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Saves a file main sent as base64 (an export, a complaint's scan) under its name, through the browser's own
 * download: Electron's save dialog in the app, the browser's downloads on the browser host.
 */
export function downloadBase64(fileName: string, contentBase64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; free it once that has started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
