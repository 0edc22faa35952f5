/**
 * Attachments on a complaint (DOMAIN.md §5): scans, letters and photos. What a file is comes from its first bytes,
 * never from its name: a `.pdf` that is really an executable is refused, a photo named `scan.dat` is taken.
 */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'image/heic'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The file name extension a type is saved under, whatever name it came with. */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The size limit's default and its bounds as a setting, in megabytes (40 MB as base64 still fits the browser host's 64 MB body). */
export const ATTACHMENT_MB = { default: 10, min: 1, max: 40 } as const;

/** At most this many files on one case. */
export const MAX_ATTACHMENTS_PER_CASE = 30;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the content says it is, or null when it is none the branch keeps. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  // An ISO-BMFF box `ftyp` with a HEIF brand: what phones save photos as.
  if (startsWith(bytes, ascii('ftyp'), 4) && ['heic', 'heix', 'mif1', 'heim', 'heis'].some((b) => startsWith(bytes, ascii(b), 8))) {
    return 'image/heic';
  }
  return null;
}

/**
 * A file name safe to show and to save under: no folders, no control characters, at most 120 characters, and the
 * extension of what the content is (a `letter.exe` that is a PDF is saved as `letter.pdf`).
 */
export function attachmentFileName(given: string, type: AttachmentType): string {
  // eslint-disable-next-line no-control-regex
  const base = (given.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  const stem = base.replace(/\.[^.]{1,8}$/, '').slice(0, 100) || 'attachment';
  return `${stem}.${ATTACHMENT_EXTENSIONS[type]}`;
}

/** Bytes of content in one synced chunk: a change carries at most one chunk, base64, within the hub's value limit. */
export const ATTACHMENT_CHUNK_BYTES = 192 * 1024;
