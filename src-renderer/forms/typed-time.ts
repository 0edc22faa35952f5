/** Times as staff type them (`2026-12-02 14:05`, the workstation's zone) and as the contract takes them (ISO). */

/** "Now" as staff type it, in the workstation's zone: 2026-12-02 14:05. */
export function nowTyped(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A typed local time as ISO with its offset, or the text itself (the contract's check then names the field). */
export function typedToIso(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return text;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).toISOString();
}
